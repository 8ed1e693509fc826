"""What :func:`~copro_kg.sparql.prepare.prepare` said of a query text, kept on disk.

``copro-kg query`` checks every query with rdflib's SPARQL parser before Oxigraph runs it
(the refusals of :mod:`copro_kg.sparql.prepare`). Importing that parser costs more than
the whole answer from a warm store, and the verdict on a text never changes for one
version of copro-kg. So the command remembers the verdict on a text it ran without
parameters, and the warm path (:mod:`copro_kg.sparql.warm`) answers that text again
without the parser. Only acceptances are kept: a refused text is checked, and refused,
every time. A verdict names the version and the predeclared prefixes it was given under,
so a new release or prefix table never reads an old one.

A verdict is data about a text the user already ran; it grants nothing by itself: the
warm path still refuses ``SERVICE`` (:func:`~copro_kg.sparql.lexical.mentions_service`)
and Oxigraph's query parser accepts no updates.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from copro_kg._version import __version__
from copro_kg.io.cachekeys import cache_dir
from copro_kg.prefixes import PREFIX_IRIS

__all__ = ["Verdict", "recall", "remember"]

Verdict = tuple[str, tuple[str, ...]]
"""The query form (``SELECT`` ...) and the projected variables of a SELECT."""

_FOLDER = "verdicts"


def _path(text: str, library_name: str | None) -> Path:
    # A library query is kept under its name too: the same text typed with -e is not a
    # library query (a library query's declared parameters are checked by name).
    said = json.dumps([__version__, sorted(PREFIX_IRIS.items()), library_name, text])
    return cache_dir() / _FOLDER / f"{hashlib.sha256(said.encode()).hexdigest()}.json"


def remember(text: str, form: str, variables: tuple[str, ...], library_name: str | None) -> None:
    """Keep the verdict that ``text`` is a query safe to run (from ``prepare``). A cache
    that cannot be written is no error: the next run checks the text again."""
    from copro_kg.io.atomic import write_atomic

    path = _path(text, library_name)
    if path.is_file():
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps({"form": form, "variables": list(variables)}))
    except OSError:
        pass


def recall(text: str, library_name: str | None) -> Verdict | None:
    """The kept verdict on ``text``, or None when it was never accepted (or is unreadable)."""
    try:
        kept = json.loads(_path(text, library_name).read_text(encoding="utf-8"))
        form, variables = kept["form"], tuple(str(v) for v in kept["variables"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return (form, variables) if isinstance(form, str) else None
