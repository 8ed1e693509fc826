"""SPARQL text looked at as text: strings, IRIs and comments told apart from keywords.

Two places read a query's text without parsing it: the second wall against ``SERVICE``
(:func:`mentions_service`, checked again right before Oxigraph evaluates, whatever
:mod:`copro_kg.sparql.prepare` said) and the search for the WHERE group that parameters are
bound in (:mod:`copro_kg.sparql.oxigraph`). Both must not mistake a label or an IRI that
contains "service" or "{" for syntax. No rdflib here: the warm query path uses it.
"""

from __future__ import annotations

import re

__all__ = ["blanked", "mentions_service"]

# Long strings first (they may hold quotes), then short strings, IRIs and comments.
_OPAQUE = re.compile(
    r"'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\"{}|^`\\\x00-\x20]*>|#[^\n]*",
    re.DOTALL,
)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE(?![\w:-])", re.IGNORECASE)


def blanked(text: str) -> str:
    """``text`` with strings, IRIs and comments replaced by spaces (positions kept).

    >>> blanked('ASK { ?s rdfs:label "a { b" }').count("{")
    1
    """
    return _OPAQUE.sub(lambda m: " " * len(m.group()), text)


def mentions_service(text: str) -> bool:
    """True if ``text`` has the SPARQL ``SERVICE`` keyword (outside strings, IRIs, comments).

    >>> mentions_service("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    True
    >>> mentions_service('SELECT * { ?service rdfs:label "service" } # SERVICE')
    False
    """
    return bool(_SERVICE.search(blanked(text)))
