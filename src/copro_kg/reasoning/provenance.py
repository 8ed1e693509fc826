"""Why each inferred triple holds: the first derivation of every triple the engine derived.

A :class:`~copro_kg.reasoning.result.Reasoning` answers ``derivation()`` and ``holds()``
from a :class:`Provenance`, which comes from one of two places:

* :class:`EngineProvenance` -- the finished engine itself (integer ids, decoded on demand);
* :class:`RecordedProvenance` -- a plain table, as the reasoning cache stores it, so a warm
  ``copro-kg graph``, ``explain``, ``site`` or ``check`` explains without running the engine.

Both cover every derived triple, hidden ones included (they can be steps of a derivation),
and ``x owl:sameAs x`` for every term of the closure: the engine never stores those
(``eq-ref`` holds of every term and adds nothing else) but answers them on demand, so the
cache keeps each term's ``eq-ref`` premise (:meth:`Provenance.reflexive`) and a warm
``explain x owl:sameAs x`` says yes with the same premise as a cold one.
owlrl keeps no provenance: for its results :func:`rerun` runs our engine once, on demand.

>>> from rdflib import URIRef
>>> from rdflib.namespace import OWL, RDF, RDFS
>>> a, k1, k2 = (URIRef(f"urn:{n}") for n in ("a", "K1", "K2"))
>>> found = rerun([(a, RDF.type, k1), (k1, RDFS.subClassOf, k2)])
>>> found.why((a, RDF.type, k2))[0]
'cax-sco'
>>> found.why((a, RDF.type, k1)) is None  # asserted, not derived
True
>>> rule, (premise,) = found.why((a, OWL.sameAs, a))  # eq-ref: a triple a occurs in
>>> rule, premise == (a, RDF.type, k1)
('eq-ref', True)
>>> cached = RecordedProvenance(dict(found.steps()), dict(found.reflexive()))
>>> cached.why((a, OWL.sameAs, a)) == found.why((a, OWL.sameAs, a))
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph, Node
from rdflib.namespace import OWL

from copro_kg import engine
from copro_kg.engine.rules import Triple

if TYPE_CHECKING:
    from copro_kg.engine import Chainer

__all__ = [
    "EngineProvenance",
    "Provenance",
    "RecordedProvenance",
    "Step",
    "in_stable_order",
    "rerun",
]

Step = tuple[str, tuple[Triple, ...]]
"""One derivation step: the rule id and its premises, in the rule's body order."""


class Provenance(Protocol):
    """The first derivation of each derived triple."""

    def why(self, triple: Triple) -> Step | None:
        """The rule and premises that first gave ``triple``; None when it was not derived."""
        ...

    def steps(self) -> Iterator[tuple[Triple, Step]]:
        """Every derived triple with its step (what the cache stores)."""
        ...

    def reflexive(self) -> Iterator[tuple[Node, Triple]]:
        """Each term of the closure with the premise of its ``eq-ref`` step: the triple
        ``why((x, owl:sameAs, x))`` names (what the cache stores besides the steps)."""
        ...

    def __len__(self) -> int:
        """How many triples were derived."""
        ...


class EngineProvenance:
    """Provenance read from a finished engine run (terms decoded only when asked)."""

    def __init__(self, chainer: Chainer) -> None:
        self.chainer = chainer

    def why(self, triple: Triple) -> Step | None:
        ids = self.chainer.terms.ids
        terms = self.chainer.terms.terms
        try:
            rule, premises = self.chainer.why((ids[triple[0]], ids[triple[1]], ids[triple[2]]))
        except KeyError:
            return None
        return rule, tuple((terms[s], terms[p], terms[o]) for s, p, o in premises)

    def steps(self) -> Iterator[tuple[Triple, Step]]:
        terms = self.chainer.terms.terms
        for t in self.chainer.first:
            rule, premises = self.chainer.why(t)
            decoded = tuple((terms[s], terms[p], terms[o]) for s, p, o in premises)
            yield (terms[t[0]], terms[t[1]], terms[t[2]]), (rule, decoded)

    def reflexive(self) -> Iterator[tuple[Node, Triple]]:
        terms = self.chainer.terms.terms
        for x, (s, p, o) in _mentions(self.chainer).items():
            yield terms[x], (terms[s], terms[p], terms[o])

    def __len__(self) -> int:
        return len(self.chainer.first)


def _mentions(chainer: Chainer) -> dict[int, tuple[int, int, int]]:
    """:meth:`Chainer.mention <copro_kg.engine.rules_equality.EqualityRules.mention>` of
    every term of the store, in one pass (one call per term would read every predicate's
    index once per term).

    ``mention(x)`` visits the predicates in the store's order and, for each, the triple
    with ``x`` as subject, then as object, then as predicate, and takes the first
    asserted one, else the first. Visiting all terms' triples in that same order and
    keeping the first of each kind per term gives the same answers
    (``tests/test_reasoning.py`` compares them term by term).
    """
    asserted_hit: dict[int, tuple[int, int, int]] = {}
    first_hit: dict[int, tuple[int, int, int]] = {}
    asserted = chainer.asserted

    def hit(x: int, t: tuple[int, int, int]) -> None:
        if x in asserted_hit:
            return
        if t in asserted:
            asserted_hit[x] = t
        elif x not in first_hit:
            first_hit[x] = t

    store = chainer.store
    for p, by_s in store.spo.items():
        for s, objects in by_s.items():
            if objects:
                hit(s, (s, p, min(objects)))
        for o, subjects in store.pos[p].items():
            if subjects:
                hit(o, (min(subjects), p, o))
        for s, objects in by_s.items():
            if objects:
                hit(p, (s, p, min(objects)))
                break
    return {**first_hit, **asserted_hit}


class RecordedProvenance:
    """Provenance from a table (triple -> step), as read back from the cache.

    ``table`` may be a function that builds it: the cache decodes derivations only when
    one is asked for, so a warm query (which never asks) does not pay for them.
    ``mentions`` (term -> the premise of its ``eq-ref`` step, or a function that builds
    it) answers ``x owl:sameAs x``, which no table row holds.
    """

    def __init__(
        self,
        table: Mapping[Triple, Step] | Callable[[], Mapping[Triple, Step]],
        mentions: Mapping[Node, Triple] | Callable[[], Mapping[Node, Triple]] | None = None,
    ) -> None:
        self._table = table
        self._mentions = mentions if mentions is not None else {}

    @property
    def table(self) -> Mapping[Triple, Step]:
        """The derivations, triple -> step (built on first use)."""
        if callable(self._table):
            self._table = self._table()
        return self._table

    @property
    def mentions(self) -> Mapping[Node, Triple]:
        """Each term of the closure -> the premise of its ``eq-ref`` step."""
        if callable(self._mentions):
            self._mentions = self._mentions()
        return self._mentions

    def why(self, triple: Triple) -> Step | None:
        found = self.table.get(triple)
        if found is None and triple[1] == OWL.sameAs and triple[0] == triple[2]:
            mention = self.mentions.get(triple[0])
            if mention is not None:
                return "eq-ref", (mention,)
        return found

    def steps(self) -> Iterator[tuple[Triple, Step]]:
        return iter(self.table.items())

    def reflexive(self) -> Iterator[tuple[Node, Triple]]:
        return iter(self.mentions.items())

    def __len__(self) -> int:
        return len(self.table)


def in_stable_order(graph: Graph | Iterable[Triple]) -> list[tuple[Node, Node, Node]]:
    """The triples sorted, so reasoning sees them in the same order every run.

    rdflib's memory store iterates in an order that changes with Python's string hash
    seed; the engine keeps the *first* derivation it finds, so without this the same
    input could be explained differently from one run to the next.
    """
    return sorted(graph, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3()))


def rerun(asserted: Graph | Iterable[Triple]) -> EngineProvenance:
    """Run our engine on ``asserted`` for its derivations (for owlrl's results)."""
    return EngineProvenance(engine.run(in_stable_order(asserted)))
