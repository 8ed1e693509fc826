"""What Oxigraph is handed and what it gives back: RDF terms and SPARQL query text.

* :func:`to_oxigraph` / :func:`from_oxigraph` -- rdflib terms to pyoxigraph terms and back,
  so a store answer is the same :class:`~copro_kg.sparql.answer.QueryResult` rdflib gives;
* :func:`with_parameters` -- a query with its parameters bound first in its WHERE group;
* :func:`mentions_service` -- the store's second wall against ``SERVICE``.

>>> from_oxigraph(to_oxigraph(Literal("co-design", lang="en")))
rdflib.term.Literal('co-design', lang='en')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from copro_kg.errors import QueryError
from copro_kg.sparql.bindings import values_clause
from copro_kg.sparql.lexical import blanked, mentions_service

__all__ = ["from_oxigraph", "mentions_service", "to_oxigraph", "with_parameters"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_oxigraph(term: Node) -> Any:
    """An rdflib term as the pyoxigraph term it names.

    >>> to_oxigraph(Literal("co-design", lang="en"))
    <Literal value=co-design language=en>
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot put {term!r} in the store")


def from_oxigraph(term: Any) -> Node:
    """A pyoxigraph term as an rdflib term.

    RDF 1.1 makes ``"x"`` and ``"x"^^xsd:string`` one term; Oxigraph writes the datatype,
    rdflib leaves it out: the rdflib spelling (no datatype) is used, so results read the
    same whichever engine answered.

    >>> from_oxigraph(ox.Literal("x"))
    rdflib.term.Literal('x')
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype in {_XSD_STRING, _RDF_LANG_STRING}:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise QueryError("the query returned an RDF-star triple term, which copro-kg cannot write")


def _where_brace(text: str, form: str) -> int | None:
    """Index of the ``{`` that opens the query's WHERE group, or None if not found."""
    plain = blanked(text)
    depth = 0
    opened = None
    for index, char in enumerate(plain):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "{" and depth == 0:
            opened = index
            break
    if opened is None:
        return None
    before = plain[:opened].rstrip()
    if form == "CONSTRUCT" and re.search(r"(?i)\bCONSTRUCT$", before):
        # CONSTRUCT { template } WHERE { ... }: the group is the brace after the template.
        level = 0
        for index in range(opened, len(plain)):
            level += {"{": 1, "}": -1}.get(plain[index], 0)
            if level == 0:
                following = plain.find("{", index + 1)
                return following if following >= 0 else None
        return None
    return opened


def with_parameters(text: str, form: str, bindings: Mapping[str, Node]) -> str | None:
    """``text`` with ``bindings`` joined first in its WHERE group (an inline ``VALUES``),
    which binds them before anything else in the group is evaluated, as rdflib's
    ``initBindings`` does; None when the group cannot be found (the caller then lets
    rdflib evaluate).

    Oxigraph's own substitutions (SEP-0007) refuse a variable that is not projected,
    and a trailing ``VALUES`` is joined after grouping (SPARQL 1.1 section 18.2.4.3):
    neither binds ``?term`` in ``SELECT (COUNT(*) AS ?n) WHERE { ?x skos:broader ?term }``.

    >>> with_parameters("SELECT ?x { ?x ?p ?term }", "SELECT", {"term": URIRef("urn:t")})
    'SELECT ?x {\\nVALUES (?term) { (<urn:t>) }\\n ?x ?p ?term }'
    """
    if not bindings:
        return text
    brace = _where_brace(text, form)
    if brace is None:
        return None
    return text[: brace + 1] + values_clause(bindings) + text[brace + 1 :]
