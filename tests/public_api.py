"""The one import path of the examples (README, docs, notebooks): ``import copro_kg``.

Issue 31: the README, the analyst guide and docs/querying.md once used three import paths
for one function, through deprecated aliases. An example now starts with ``import
copro_kg`` alone and uses the names of :mod:`copro_kg` -- those in its ``__all__``, and
its subpackages' public names as attributes (``copro_kg.classification.features``).
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from types import ModuleType

__all__ = ["strays_from_the_public_api"]


def _public(module: ModuleType, name: str) -> bool:
    if name in getattr(module, "__all__", ()):
        return True  # __version__ too
    if name.startswith("_"):
        return False
    return importlib.util.find_spec(f"{module.__name__}.{name}") is not None


def _chain(node: ast.Attribute) -> list[str] | None:
    """``copro_kg.a.b`` as ``["a", "b"]``; None when the chain is not rooted at copro_kg."""
    names: list[str] = []
    current: ast.expr = node
    while isinstance(current, ast.Attribute):
        names.append(current.attr)
        current = current.value
    if isinstance(current, ast.Name) and current.id == "copro_kg":
        return names[::-1]
    return None


def strays_from_the_public_api(source: str) -> list[str]:
    """Each way ``source`` imports or reaches copro_kg other than by its public names."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "copro_kg":
            found.append(f"line {node.lineno}: from {node.module} import ... (use copro_kg.NAME)")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "copro_kg" and (
                    alias.name != "copro_kg" or alias.asname
                ):
                    found.append(f"line {node.lineno}: import {alias.name} (use import copro_kg)")
        elif isinstance(node, ast.Attribute) and (names := _chain(node)) is not None:
            target: object = importlib.import_module("copro_kg")
            for name in names:
                if not isinstance(target, ModuleType):
                    break  # an attribute of a value (answer.rows): not ours to police
                if not _public(target, name):
                    found.append(f"line {node.lineno}: {target.__name__}.{name} is not public")
                    break
                found_here = getattr(target, name, None)
                target = found_here or importlib.import_module(f"{target.__name__}.{name}")
    return sorted(set(found))
