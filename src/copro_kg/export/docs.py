"""HTML documentation of the ontology, made by pyLODE (its OntPub profile), offline.

pyLODE is the RDFLib project's ontology documenter; we hand it the ``owl`` export
profile (classes, properties, individuals and their annotations -- see
:mod:`copro_kg.export.profiles`) and write one self-contained page: pyLODE inlines its CSS
and its icons are ``data:`` URIs, so the page loads no file from the network.

Four things in pyLODE 3.4.1 need working around, both done here and nowhere else:

* ``pylode/version.py`` reads ``pyproject.toml`` from ``site-packages`` at import time,
  a file the installed wheel does not ship, so ``import pylode`` raises
  ``FileNotFoundError``. We register ``pylode.version`` with the installed
  distribution's version (``importlib.metadata``) before importing pylode.
* Importing it calls ``logging.basicConfig(level=DEBUG)`` (in its supermodel
  profile); we restore the root logger's handlers and level right after.
* pyLODE renders literal values (definitions, comments) as Markdown **with raw HTML
  passed through** (``raw(markdown.markdown(text))`` in ``pylode/utils.py``), so a
  ``<script>`` in a definition -- from a user's ``--data`` file, say -- would run in
  the page. Inside :func:`write_docs` pyLODE's Markdown call escapes the text first:
  Markdown formatting still works, HTML is shown as text.
* The schema.org JSON-LD pyLODE embeds in ``<script type="application/ld+json">`` is
  written raw, so a ``</script>`` inside the ontology's title or description would end
  the block and start markup. We write ``<`` in that JSON as ``\\u003c`` (same JSON).

>>> import tempfile, pathlib
>>> out = write_docs(pathlib.Path(tempfile.mkdtemp()))  # doctest: +SKIP
>>> out.name  # doctest: +SKIP
'index.html'
"""

from __future__ import annotations

import contextlib
import html
import logging
import sys
import types
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from rdflib import Graph

from copro_kg.errors import CoproError
from copro_kg.export.profiles import owl_profile
from copro_kg.io.atomic import write_atomic
from copro_kg.io.netguard import offline
from copro_kg.namespace import bind_prefixes

__all__ = ["render_docs", "write_docs"]


def _import_pylode() -> Any:
    """Import pylode, first mending its broken ``pylode.version`` module (see above)."""
    if "pylode.version" not in sys.modules:
        shim = types.ModuleType("pylode.version")
        try:
            shim.__version__ = version("pylode")  # type: ignore[attr-defined]
        except PackageNotFoundError as err:
            raise CoproError(
                "pyLODE is not installed", hint="pip install 'copro-kg[docs]'"
            ) from err
        sys.modules["pylode.version"] = shim
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    import pylode
    import pylode.utils

    # pylode/profiles/supermodel/loader.py calls logging.basicConfig(level=DEBUG) on
    # import, which would print every library's debug chatter on our stderr.
    root.handlers[:] = handlers
    root.setLevel(level)
    return pylode


class _EscapingMarkdown:
    """Stands in for the ``markdown`` module inside ``pylode.utils``: escape, then format."""

    def __init__(self, real: Any) -> None:
        self._real = real

    def markdown(self, text: str, *args: Any, **kwargs: Any) -> str:
        return str(self._real.markdown(html.escape(text, quote=False), *args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


@contextlib.contextmanager
def _escaped_markdown(pylode_utils: types.ModuleType) -> Iterator[None]:
    real = pylode_utils.markdown
    pylode_utils.markdown = _EscapingMarkdown(real)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        pylode_utils.markdown = real  # type: ignore[attr-defined]


class _JsonLdSafe:
    """Wraps pyLODE's schema.org graph: its JSON-LD never contains a raw ``<``."""

    def __init__(self, graph: Graph) -> None:
        self._graph = graph

    def serialize(self, *args: Any, **kwargs: Any) -> str:
        return str(self._graph.serialize(*args, **kwargs)).replace("<", "\\u003c")


def _safe_ontpub(pylode: Any) -> Any:
    class SafeOntPub(pylode.OntPub):  # type: ignore[misc,name-defined]
        def _make_schema_org(self) -> _JsonLdSafe:
            return _JsonLdSafe(super()._make_schema_org())

    return SafeOntPub


def render_docs(graph: Graph) -> str:
    """The HTML page documenting ``graph``'s ontology (its ``owl`` export profile).

    Raises:
        CoproError: pyLODE is missing or cannot document the graph (say, no title).
    """
    pylode = _import_pylode()
    ontology = bind_prefixes(Graph())
    ontology += owl_profile(graph)  # a copy: pyLODE adds its own inferences to it
    try:
        with offline(), _escaped_markdown(pylode.utils):
            page = _safe_ontpub(pylode)(ontology, sort_subjects=True).make_html()
    except pylode.PylodeError as err:
        raise CoproError(f"pyLODE cannot document the ontology: {err}") from err
    return str(page)


def write_docs(directory: str | Path, graph: Graph | None = None) -> Path:
    """Write ``index.html`` documenting the ontology (default: the shipped one) into
    ``directory``, atomically; returns its path."""
    if graph is None:
        from copro_kg.io.sources import load

        graph = load()
    return write_atomic(Path(directory) / "index.html", render_docs(graph))
