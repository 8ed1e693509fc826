"""The package's layering, kept by a test (in the manner of click's ``test_imports.py``).

docs/architecture.md draws the layers; these rules are its enforceable part. Imports are
read from the source with :mod:`ast`, so nothing is executed; imports under
``if TYPE_CHECKING:`` are for type hints only and do not count.
"""

from __future__ import annotations

import ast
import functools
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "copro_kg"

# Layers that sit below the rest: they may be imported by anything and import none of these.
LOWER = ("errors", "namespace", "resources", "formats", "_version", "io", "vocab")
UPPER = (
    "reasoning",
    "checks",
    "classification",
    "sparql",
    "export",
    "viz",
    "site",
    "cli",
    "pipeline",
    "history",
)

# Modules that may stay long because they are data tables, not code (a rule table, a
# generated namespace, the site's message catalogue): the same exception rdflib makes for
# its _SKOS.py.
DATA_TABLES = {"copro_kg.engine.rules", "copro_kg.namespace", "copro_kg.site.catalogue"}
MAX_LINES = 450


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking_lines(tree: ast.Module) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports_of(module: str) -> Iterator[str]:
    """The copro_kg modules ``module`` imports at run time (submodules resolved)."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    hints_only = _type_checking_lines(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in hints_only:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            # `from pkg import sub` imports the submodule; `from pkg import name` the package.
            names = [
                f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names
            ]
        for name in names:
            if name in MODULES and name != module:
                yield name


@functools.cache
def import_graph() -> dict[str, set[str]]:
    """Each module's run-time imports of copro_kg modules (read on first use, not when the
    test is collected: every pytest-xdist worker collects this file, one runs it)."""
    return {m: set(imports_of(m)) for m in MODULES}


def _top(module: str) -> str:
    return module.split(".")[1] if module.count(".") else ""


def _violations(sources: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    return sorted(
        f"{m} imports {t}"
        for m, targets in import_graph().items()
        if _top(m) in sources
        for t in targets
        if _top(t) in forbidden
    )


def test_the_engine_imports_nothing_else_of_the_package() -> None:
    bad = [
        f"{m} imports {t}"
        for m, ts in import_graph().items()
        if _top(m) == "engine"
        for t in ts
        if _top(t) != "engine"
    ]
    assert bad == []


def test_lower_layers_never_import_upper_ones() -> None:
    """Input, formats and vocabulary code never reasons, checks, queries, exports, draws,
    builds the site or reaches the CLI."""
    assert _violations(LOWER, UPPER) == []


def test_reasoning_never_imports_its_consumers() -> None:
    consumers = ("checks", "classification", "sparql", "export", "viz", "site", "cli", "pipeline")
    assert _violations(("reasoning",), consumers) == []


def test_export_never_reasons() -> None:
    """Export takes a reasoning result when asked for inferred triples; it never runs one."""
    bad = [
        f"{m} imports {t}"
        for m, ts in import_graph().items()
        if _top(m) == "export"
        for t in ts
        if _top(t) == "reasoning" or t == "copro_kg.pipeline"
    ]
    assert bad == []


def test_viz_never_imports_the_site_and_nothing_imports_the_cli() -> None:
    assert _violations(("viz",), ("site",)) == []
    importers = [
        f"{m} imports {t}" for m, ts in import_graph().items() for t in ts if _top(t) == "cli"
    ]
    # copro_kg.__main__ is `python -m copro_kg`: the CLI's second door, not a library module.
    outside = ("copro_kg.cli", "copro_kg.__main__")
    assert [i for i in importers if not i.startswith(outside)] == []


def test_nothing_inside_imports_the_package_face() -> None:
    bad = [f"{m} imports copro_kg" for m, ts in import_graph().items() if "copro_kg" in ts]
    assert bad == []


def test_there_are_no_import_cycles() -> None:
    """Tarjan's strongly connected components over the import graph; a package importing its
    own submodules to re-export them is not a cycle."""
    edges = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in import_graph().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in sorted(edges):
        if module not in index:
            visit(module)
    assert cycles == []


@pytest.mark.parametrize("module", sorted(set(MODULES) - DATA_TABLES))
def test_modules_do_one_job(module: str) -> None:
    lines = len(MODULES[module].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by responsibility"


def _calls(module: str) -> Iterator[str]:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"print", "exit", "input"}:
            yield f"{module}:{node.lineno} {func.id}()"
        if isinstance(func, ast.Attribute) and ast.unparse(func) in {"sys.exit", "os._exit"}:
            yield f"{module}:{node.lineno} {ast.unparse(func)}()"


# A child forked to run one query ends with os._exit: returning would run the parent's
# code (and its atexit handlers) a second time. It is the child's exit, not the user's;
# so is a query process's when its parent has gone (limits.end_with_parent).
FORKED_CHILDREN = {"copro_kg.sparql.warm": "os._exit", "copro_kg.sparql.limits": "os._exit"}


def test_only_the_cli_prints_or_exits() -> None:
    bad = [
        c
        for m in MODULES
        if _top(m) != "cli"
        for c in _calls(m)
        if not c.endswith(f" {FORKED_CHILDREN.get(m)}()")
    ]
    assert bad == []


def test_only_the_cli_reads_argv() -> None:
    bad = [
        m
        for m, path in MODULES.items()
        if _top(m) != "cli" and "sys.argv" in path.read_text(encoding="utf-8")
    ]
    assert bad == []


def test_modules_declare_their_public_names() -> None:
    missing = [
        m
        for m, path in MODULES.items()
        if _top(m) not in {"cli"}
        and not m.endswith("__main__")
        and "__all__" not in path.read_text(encoding="utf-8")
        and path.name != "__init__.py"
    ]
    assert missing == []


def test_tests_never_reach_private_names_of_the_package() -> None:
    """A test asserts what users see; ``module._helper`` ties it to one implementation."""
    offenders = []
    for path in sorted((REPO_ROOT / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Names bound to copro_kg *modules* (`import copro_kg.x`, `from copro_kg import x`):
        # `x._helper` is a private name of ours. Attributes of objects (rdflib's
        # DefinedNamespace API `COPRO._extras`) are not modules' private names.
        aliases = {"copro_kg"}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                aliases |= {a.asname or a.name for a in node.names if a.name.startswith("copro_kg")}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("copro_kg"):
                aliases |= {
                    a.asname or a.name for a in node.names if f"{node.module}.{a.name}" in MODULES
                }
        for node in ast.walk(tree):
            private_attr = (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
            )
            private_import = (
                isinstance(node, ast.ImportFrom)
                and any(a.name.startswith("_") and not a.name.startswith("__") for a in node.names)
                and (node.module or "").startswith("copro_kg")
            )
            if private_attr or private_import:
                offenders.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}")
    assert offenders == []


def test_importing_the_package_loads_no_heavy_dependency() -> None:
    """``import copro_kg`` and ``copro-kg --help`` stay fast: the reasoner, pySHACL, networkx,
    pyvis and Jinja2 load on first use."""
    code = (
        "import sys, copro_kg, copro_kg.cli; "
        "heavy = {'rdflib', 'owlrl', 'pyshacl', 'networkx', 'pyvis', 'jinja2', "
        "'starlette', 'uvicorn'}; "
        "print(sorted(heavy & {m.split('.')[0] for m in sys.modules}))"
    )
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert out.stdout.strip() == "[]"
