"""Query parameters as data: a trailing ``VALUES`` block of escaped RDF terms.

In memory, parameters are bound with rdflib's ``initBindings``; a remote endpoint has no
such thing, so :func:`values_clause` writes them as a ``VALUES`` block -- never by pasting
text into the query.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from copro_kg.errors import QueryError

__all__ = ["values_clause"]


def values_clause(bindings: Mapping[str, Node]) -> str:
    """A trailing ``VALUES`` block binding each parameter, for servers without initBindings.

    Every term is written with rdflib's N-Triples escaping (:meth:`~rdflib.term.Node.n3`)
    after checking it cannot break out of its token, so a parameter is data, never query
    text. Per SPARQL 1.1 section 18.2.4.3 a trailing VALUES block is joined with the
    pattern before projection, ORDER BY and LIMIT.

    >>> values_clause({"term": URIRef("https://w3id.org/copro-kg/co-design")})
    '\\nVALUES (?term) { (<https://w3id.org/copro-kg/co-design>) }\\n'
    """
    if not bindings:
        return ""
    names = sorted(bindings)
    terms = []
    for name in names:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid parameter name {name!r}")
        terms.append(_safe_n3(bindings[name]))
    variables = " ".join(f"?{n}" for n in names)
    return f"\nVALUES ({variables}) {{ ({' '.join(terms)}) }}\n"


def _safe_n3(term: Node) -> str:
    if isinstance(term, URIRef):
        if re.search(r'[\x00-\x20<>"{}|^`\\]', str(term)):
            raise QueryError(f"invalid IRI in a parameter: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    if isinstance(term, BNode):
        raise QueryError("a blank node cannot be a query parameter")
    raise QueryError(f"unsupported parameter value {term!r}")
