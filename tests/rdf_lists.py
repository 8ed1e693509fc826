"""Reading RDF lists from plain triples, for the checks of rule instances (tests only).

:func:`copro_kg.engine.instances.is_instance` reads the lists of the few rules over them
(``prp-spo2``, ``cls-int1`` ...) through a reader; building an rdflib Graph of a whole
closure only for that was most of some checks' time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rdflib import RDF, Node

from copro_kg.engine.rules import ListReader, Triple


def list_reader(triples: Callable[[], Iterable[Triple]]) -> ListReader:
    """A reader of the RDF lists in ``triples()``, called on the first list asked for.

    Reads as rdflib's ``Graph.items`` does (follows ``rdf:rest`` to ``rdf:nil``, stops at a
    cycle), but answers None for a node that starts no list.

    >>> from rdflib import BNode, Literal
    >>> a, b = BNode(), BNode()
    >>> read = list_reader(lambda: [(a, RDF.first, Literal(1)), (a, RDF.rest, b),
    ...                             (b, RDF.first, Literal(2)), (b, RDF.rest, RDF.nil)])
    >>> [m.toPython() for m in read(a)], read(RDF.nil)
    ([1, 2], None)
    """
    first: dict[Node, Node] = {}
    rest: dict[Node, Node] = {}
    loaded = False

    def read_list(head: Node) -> list[Node] | None:
        nonlocal loaded
        if not loaded:
            loaded = True
            for s, p, o in triples():
                if p == RDF.first:
                    first[s] = o
                elif p == RDF.rest:
                    rest[s] = o
        items: list[Node] = []
        seen: set[Node] = set()
        node: Node | None = head
        while node is not None and node != RDF.nil and node not in seen:
            seen.add(node)
            if node in first:
                items.append(first[node])
            node = rest.get(node)
        return items or None

    return read_list
