"""What a query returned, wherever it ran: rdflib in memory, the Oxigraph store, an endpoint.

:class:`QueryResult` lives in its own module so that both evaluators
(:mod:`copro_kg.sparql.run` for rdflib, :mod:`copro_kg.sparql.store` for Oxigraph) make the
same value, and every writer (:mod:`copro_kg.sparql.results`) reads one shape.

>>> from rdflib import URIRef
>>> QueryResult("SELECT", ("t",), ((URIRef("urn:x"),),)).rows[0][0]
rdflib.term.URIRef('urn:x')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rdflib import Graph
from rdflib.term import Node

from copro_kg.namespace import bind_prefixes

if TYPE_CHECKING:
    from copro_kg.sparql.frame import IriStyle

__all__ = ["QueryResult"]


@dataclass(frozen=True)
class QueryResult:
    """What a query returned, independent of where it ran (in memory or an endpoint).

    Plain data (tuples of rdflib terms) so it crosses process boundaries by pickling.

    Attributes:
        form: ``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``.
        variables: column names of a SELECT, without ``?``.
        rows: one tuple per solution, ``None`` where a variable is unbound.
        boolean: the answer of an ASK.
        triples: the graph of a CONSTRUCT or DESCRIBE.
    """

    form: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Node | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Node, Node, Node], ...] = ()

    @property
    def is_graph(self) -> bool:
        """True for CONSTRUCT and DESCRIBE, whose answer is RDF rather than a table."""
        return self.form in {"CONSTRUCT", "DESCRIBE"}

    def to_dataframe(self, *, iris: IriStyle = "iri") -> Any:
        """This SELECT answer as a pandas DataFrame, values typed, IRIs as strings
        (``iris="curie"`` for CURIEs): :func:`copro_kg.sparql.frame.to_dataframe`.

        Needs pandas (``pip install 'copro-kg[pandas]'``); raises
        :class:`~copro_kg.errors.MissingDependencyError` without it.
        """
        from copro_kg.sparql.frame import to_dataframe

        return to_dataframe(self, iris=iris)

    def graph(self) -> Graph:
        """The CONSTRUCT/DESCRIBE answer as a new Graph with our prefixes bound."""
        graph = bind_prefixes(Graph())
        for triple in self.triples:
            graph.add(triple)
        return graph
