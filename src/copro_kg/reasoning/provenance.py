"""Why each inferred triple holds: the first derivation of every triple the engine derived.

A :class:`~copro_kg.reasoning.result.Reasoning` answers ``derivation()`` and ``holds()``
from a :class:`Provenance`, which comes from one of two places:

* :class:`EngineProvenance` -- the finished engine itself (integer ids, decoded on demand);
* :class:`RecordedProvenance` -- a plain table, as the reasoning cache stores it, so a warm
  ``copro-kg graph``, ``explain``, ``site`` or ``check`` explains without running the engine.

Both cover every derived triple, hidden ones included (they can be steps of a derivation).
owlrl keeps no provenance: for its results :func:`rerun` runs our engine once, on demand.

>>> from rdflib import URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> a, k1, k2 = (URIRef(f"urn:{n}") for n in ("a", "K1", "K2"))
>>> found = rerun([(a, RDF.type, k1), (k1, RDFS.subClassOf, k2)])
>>> found.why((a, RDF.type, k2))[0]
'cax-sco'
>>> found.why((a, RDF.type, k1)) is None  # asserted, not derived
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Protocol

from rdflib import Graph, Node

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

    def __len__(self) -> int:
        return len(self.chainer.first)


class RecordedProvenance:
    """Provenance from a table (triple -> step), as read back from the cache.

    ``table`` may be a function that builds it: the cache decodes derivations only when
    one is asked for, so a warm query (which never asks) does not pay for them.
    """

    def __init__(self, table: Mapping[Triple, Step] | Callable[[], Mapping[Triple, Step]]) -> None:
        self._table = table

    @property
    def table(self) -> Mapping[Triple, Step]:
        """The derivations, triple -> step (built on first use)."""
        if callable(self._table):
            self._table = self._table()
        return self._table

    def why(self, triple: Triple) -> Step | None:
        return self.table.get(triple)

    def steps(self) -> Iterator[tuple[Triple, Step]]:
        return iter(self.table.items())

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
