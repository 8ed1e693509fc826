"""Old module paths of copro-kg 0.1 (flat modules), kept importable with a deprecation warning.

copro-kg 0.2 groups its modules into subpackages (``io``, ``vocab``, ``reasoning``, ``checks``,
``sparql``, ``export``, ``viz``). Code that imported ``copro_kg.loading`` or
``copro_kg.querying`` keeps working for one release: the old name is an alias of the new
module, and importing it warns once with the new path.

>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     from copro_kg.loading import load
>>> load.__module__, caught[0].category.__name__
('copro_kg.io.sources', 'DeprecationWarning')
"""

from __future__ import annotations

import importlib
import importlib.machinery
import sys
import warnings
from types import ModuleType

__all__ = ["MOVED", "install"]

MOVED: dict[str, str] = {
    "caching": "reasoning.cache",
    "checking": "checks",
    "classifying": "classification",
    "documenting": "export.docs",
    "explaining": "reasoning.explain",
    "exporting": "export",
    "graphing": "viz",
    "inconsistency": "reasoning.inconsistency",
    "labels": "vocab.labels",
    "loading": "io.sources",
    "network": "io.netguard",
    "publishing": "sparql.publish",
    "query_library": "sparql.library",
    "querying": "sparql.run",
    "rdfxml": "io.rdfxml",
    "remote": "sparql.remote",
    "rendering": "viz",
    "results": "sparql.results",
    "serving": "sparql.serve",
    "skos_quality": "checks.skos",
    "stats": "vocab.stats",
    "terms": "vocab.resolve",
    "writing": "io.atomic",
    "engine.fastparse": "io.fastparse",
    "engine.owlrl_adapter": "reasoning.owlrl",
}
"""Old module (under ``copro_kg.``) -> its home since 0.2."""


class _Forward(ModuleType):
    def __init__(self, name: str, target: ModuleType) -> None:
        super().__init__(name, target.__doc__)
        self._target = target

    def __getattr__(self, attr: str) -> object:
        return getattr(self._target, attr)

    def __dir__(self) -> list[str]:
        return dir(self._target)


# Loader and finder by protocol, not by importlib.abc's base classes: importing
# importlib.abc pulls in importlib.resources, a cost every `import copro_kg` would pay.
class _Alias:
    def __init__(self, new: str) -> None:
        self.new = new

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} moved to {self.new} in copro-kg 0.2; import it from there",
            DeprecationWarning,
            stacklevel=2,
        )
        # A stand-in that forwards every attribute: the import system stamps its own
        # __spec__ on whatever this returns, and the real module must keep its own.
        return _Forward(spec.name, importlib.import_module(self.new))

    def exec_module(self, module: ModuleType) -> None:
        """The new module is already executed; nothing to do."""


class _Finder:
    def find_spec(
        self, fullname: str, path: object = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        old = fullname.removeprefix("copro_kg.")
        if fullname == old or old not in MOVED:
            return None
        # A loader by protocol (see _Alias); typeshed asks for the abstract class.
        loader = _Alias(f"copro_kg.{MOVED[old]}")
        return importlib.machinery.ModuleSpec(fullname, loader)  # type: ignore[arg-type]


def install() -> None:
    """Make the old module paths importable (idempotent)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.append(_Finder())
