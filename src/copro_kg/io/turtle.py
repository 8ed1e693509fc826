"""The canonical Turtle of the ontology's files: one form, whoever writes the file.

``scripts/format_ontology.py`` (``make fmt``) formats the hand-edited files with it, and
``copro-kg release`` writes the generated ``ontology/history.ttl`` with it, so the format
check accepts both. rdflib's ``longturtle`` with ``canon=True`` (subjects, predicates and
objects sorted; blank nodes canonicalised), the project's prefixes, ``@prefix`` lines
(older OWL API / Protégé parsers expect them), no whitespace-only lines, and the file's
leading ``#`` comment block kept (comments cannot survive a parse/serialize round trip).

>>> text = canonical_turtle("# a header" + chr(10) + "<http://ex.org/a> <http://ex.org/p> 1 .")
>>> text.splitlines()[0], text.splitlines()[-1]
('# a header', '.')
"""

from __future__ import annotations

import re

from rdflib import Graph
from rdflib.compare import isomorphic

from copro_kg.namespace import bind_prefixes

__all__ = ["canonical_turtle", "header_comments"]

_PREFIX = re.compile(r"^PREFIX ([\w-]*): <([^>]*)>$")


def header_comments(text: str) -> list[str]:
    """The file's leading block of ``#`` comment lines (kept verbatim)."""
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.rstrip())
    return lines


def canonical_turtle(text: str, source: str | None = None) -> str:
    """The canonical form of a Turtle document.

    Raises:
        ValueError: the canonical text would not parse back to the same graph (never
            expected; refuse to write rather than lose data).
    """
    graph = bind_prefixes(Graph().parse(data=text, format="turtle", publicID=source))
    body = graph.serialize(format="longturtle", canon=True)
    lines = []
    for line in body.splitlines():
        prefix = _PREFIX.match(line)
        if prefix:
            line = f"@prefix {prefix.group(1)}: <{prefix.group(2)}> ."
        if line.strip() or not line:
            lines.append(line.rstrip())
    out = "\n".join([*header_comments(text), *lines]).strip("\n") + "\n"
    if not isomorphic(graph, Graph().parse(data=out, format="turtle", publicID=source)):
        raise ValueError(f"{source or 'the text'}: canonical form is not isomorphic to the input")
    return out
