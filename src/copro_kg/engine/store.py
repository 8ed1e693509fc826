"""Integer-encoded triples with per-predicate indexes: the engine's working memory.

Terms are numbered once (:class:`TermTable`); a triple is three ints. For each
predicate the store keeps ``s -> {o}`` and ``o -> {s}`` maps, which are exactly the
lookups the OWL 2 RL rules need ("all x with x p y", "all y with x p y").

>>> from rdflib import URIRef
>>> terms = TermTable()
>>> a, b = terms.encode(URIRef("urn:a")), terms.encode(URIRef("urn:b"))
>>> store = Store()
>>> store.add(a, 0, b), store.add(a, 0, b), store.has(a, 0, b)
(True, False, True)
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Node

from copro_kg.engine.vocab import TERMS

__all__ = ["EMPTY", "Store", "TermTable"]

EMPTY: frozenset[int] = frozenset()


class TermTable:
    """A two-way map between rdflib terms and dense integer ids.

    The built-in vocabulary (:data:`vocab.TERMS`) always gets ids 0..n-1.
    """

    def __init__(self) -> None:
        self.terms: list[Node] = list(TERMS)
        self.ids: dict[Node, int] = {term: i for i, term in enumerate(TERMS)}

    def encode(self, term: Node) -> int:
        """The id of ``term``, numbering it if it is new."""
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return found

    def __len__(self) -> int:
        return len(self.terms)


class Store:
    """A set of integer triples indexed by predicate, subject and object."""

    __slots__ = ("count", "pos", "spo")

    def __init__(self) -> None:
        self.spo: dict[int, dict[int, set[int]]] = {}
        self.pos: dict[int, dict[int, set[int]]] = {}
        self.count = 0

    def add(self, s: int, p: int, o: int) -> bool:
        """Add the triple; True when it was not there yet."""
        by_s = self.spo.get(p)
        if by_s is None:
            by_s = self.spo[p] = {}
            self.pos[p] = {}
        objects = by_s.get(s)
        if objects is None:
            objects = by_s[s] = set()
        elif o in objects:
            return False
        objects.add(o)
        by_o = self.pos[p]
        subjects = by_o.get(o)
        if subjects is None:
            by_o[o] = {s}
        else:
            subjects.add(s)
        self.count += 1
        return True

    def has(self, s: int, p: int, o: int) -> bool:
        """Whether the triple is in the store."""
        by_s = self.spo.get(p)
        if by_s is None:
            return False
        objects = by_s.get(s)
        return objects is not None and o in objects

    def objects(self, s: int, p: int) -> set[int] | frozenset[int]:
        """All ``o`` with ``(s, p, o)``; do not modify the returned set."""
        by_s = self.spo.get(p)
        return by_s.get(s, EMPTY) if by_s is not None else EMPTY

    def subjects(self, p: int, o: int) -> set[int] | frozenset[int]:
        """All ``s`` with ``(s, p, o)``; do not modify the returned set."""
        by_o = self.pos.get(p)
        return by_o.get(o, EMPTY) if by_o is not None else EMPTY

    def pairs(self, p: int) -> Iterator[tuple[int, int]]:
        """All ``(s, o)`` with ``(s, p, o)`` (a snapshot, safe while adding)."""
        by_s = self.spo.get(p)
        if by_s:
            for s, objects in list(by_s.items()):
                for o in list(objects):
                    yield s, o

    def __iter__(self) -> Iterator[tuple[int, int, int]]:
        for p, by_s in self.spo.items():
            for s, objects in by_s.items():
                for o in objects:
                    yield s, p, o

    def __len__(self) -> int:
        return self.count
