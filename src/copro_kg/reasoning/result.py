"""What reasoning returns: :class:`Reasoning` (closure, inconsistencies, derivations).

A :class:`Reasoning` is made in one way, by :mod:`copro_kg.reasoning.run` (the engines) or
by :mod:`copro_kg.reasoning.cache` (a stored result): the asserted triples (a Graph, or a
list when no Graph of the input was built), the user-visible inferred triples, the
inconsistencies found, and the :mod:`~copro_kg.reasoning.provenance` that explains each
inferred triple. Graphs of the closure are built on first use, so a warm query that only
needs the closure builds one Graph, not three.

Only user-visible inferred triples enter :attr:`Reasoning.closure` and
:attr:`Reasoning.inferred`; the exact rule for what is hidden is in
:mod:`copro_kg.engine.visibility` (``keep_all=True`` keeps everything).

>>> from rdflib import URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> a, k1, k2 = (URIRef(f"urn:{n}") for n in ("a", "K1", "K2"))
>>> result = Reasoning([(a, RDF.type, k1), (k1, RDFS.subClassOf, k2)], [(a, RDF.type, k2)],
...                    engine="copro")
>>> len(result.closure), result.consistent
(3, True)
>>> result.derivation((a, RDF.type, k2)).rule  # no provenance given: our engine tells
'cax-sco'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rdflib import Graph

from copro_kg.engine.rules import RULES, Triple
from copro_kg.namespace import bind_prefixes
from copro_kg.reasoning.inconsistency import Inconsistency
from copro_kg.reasoning.provenance import Provenance, rerun

__all__ = ["ENGINES", "Derivation", "Inconsistency", "Reasoning", "prefixed_graph"]

ENGINES: tuple[str, ...] = ("copro", "owlrl")
"""The engine names :func:`copro_kg.reason` accepts (``--engine`` on the command line)."""


@dataclass(frozen=True)
class Derivation:
    """How one inferred triple first followed: a rule applied to premise triples.

    ``premises`` are in the rule's body order (see :mod:`copro_kg.engine.rules`).
    """

    rule: str
    premises: tuple[Triple, ...]
    conclusion: Triple

    @property
    def gloss(self) -> str:
        """What the rule says, in words."""
        return RULES[self.rule].gloss


def prefixed_graph(prefixes: Iterable[tuple[str, str]] = ()) -> Graph:
    """An empty Graph with our prefixes, then ``prefixes`` (never overriding ours).

    >>> g = prefixed_graph([("mine", "urn:mine:")])
    >>> dict(g.namespaces())["mine"]
    rdflib.term.URIRef('urn:mine:')
    """
    graph = bind_prefixes(Graph())
    ours = {prefix for prefix, _ in graph.namespaces()}
    for prefix, ns in prefixes:
        if prefix and prefix not in ours:
            graph.bind(prefix, ns)
    return graph


class Reasoning:
    """The outcome of reasoning over some asserted triples.

    Args:
        asserted: the input, as a Graph (not copied, never modified) or a list of triples.
        inferred: the user-visible inferred triples (any sequence; the engine passes one
            that decodes its integer ids only when first read).
        inconsistencies: every clash found, in a stable order.
        engine: which engine produced the result (one of :data:`ENGINES`).
        keep_all: whether hidden entailments were kept (``--all``).
        hidden: how many inferred triples were hidden, by category
            (:data:`copro_kg.engine.visibility.CATEGORIES`); empty with ``keep_all``.
        provenance: the first derivation of each derived triple; None (owlrl keeps
            none) runs our engine on :attr:`asserted` once, when a derivation is asked for.
        prefixes: prefixes for the output graphs when ``asserted`` is a list.
    """

    def __init__(
        self,
        asserted: Graph | Sequence[Triple],
        inferred: Sequence[Triple],
        inconsistencies: Sequence[Inconsistency] = (),
        *,
        engine: str,
        keep_all: bool = False,
        hidden: Mapping[str, int] | None = None,
        provenance: Provenance | None = None,
        prefixes: Iterable[tuple[str, str]] = (),
    ) -> None:
        self._asserted = asserted if isinstance(asserted, Graph) else None
        self._asserted_list: Sequence[Triple] = () if isinstance(asserted, Graph) else asserted
        self._prefixes = (
            [(str(p), str(ns)) for p, ns in asserted.namespaces()]
            if isinstance(asserted, Graph)
            else list(prefixes)
        )
        self._inferred_seq = inferred
        self.inconsistencies = list(inconsistencies)
        self.engine = engine
        self.keep_all = keep_all
        self.hidden: Counter[str] = Counter(hidden or {})
        self.provenance = provenance
        self._closure: Graph | None = None
        self._inferred: Graph | None = None

    # ------------------------------------------------------------------ triples
    def prefixes(self) -> list[tuple[str, str]]:
        """The input's prefixes (prefix, namespace), as the output graphs bind them."""
        return list(self._prefixes)

    def asserted_triples(self) -> Iterable[Triple]:
        """The asserted triples, without building a Graph when the result holds a list."""
        # the list when there is one: reading rdflib's store back makes a generator per triple
        return self._asserted_list or (self._asserted if self._asserted is not None else ())

    def inferred_triples(self) -> Sequence[Triple]:
        """The user-visible inferred triples, without building a Graph."""
        return self._inferred_seq

    @property
    def inferred_count(self) -> int:
        """How many user-visible triples were inferred (without decoding them)."""
        return len(self._inferred_seq)

    def _graph_of(self, *parts: Iterable[Triple]) -> Graph:
        graph = prefixed_graph(self._prefixes)
        # Store.add directly: Graph.add only re-checks that each term is a Node, which
        # the engine and the cache guarantee; this halves the build time.
        store_add = graph.store.add
        for part in parts:
            for triple in part:
                store_add(triple, graph)
        return graph

    @property
    def asserted(self) -> Graph:
        """The input graph (not a copy; never modified)."""
        if self._asserted is None:
            # the list is kept: the closure is built from it, not by reading this Graph
            self._asserted = self._graph_of(self._asserted_list)
        return self._asserted

    @property
    def inferred(self) -> Graph:
        """The user-visible inferred triples only (built on first use)."""
        if self._inferred is None:
            self._inferred = self._graph_of(self._inferred_seq)
        return self._inferred

    @property
    def closure(self) -> Graph:
        """Asserted plus user-visible inferred triples (built on first use)."""
        if self._closure is None:
            self._closure = self._graph_of(self.asserted_triples(), self._inferred_seq)
        return self._closure

    # ------------------------------------------------------------------ findings
    @property
    def consistent(self) -> bool:
        """True when no inconsistency was found."""
        return not self.inconsistencies

    @property
    def errors(self) -> list[str]:
        """The inconsistency messages alone (plain sentences)."""
        return [finding.message for finding in self.inconsistencies]

    # ------------------------------------------------------------------ derivations
    def _why(self) -> Provenance:
        if self.provenance is None:
            self.provenance = rerun(self.asserted)
        return self.provenance

    def derivation(self, triple: Triple) -> Derivation | None:
        """The first derivation of ``triple``, or None when it is asserted.

        Works for hidden triples too (they can be steps of a derivation). A result of
        our engine, fresh or cached, answers from its provenance; for owlrl's, our engine
        is run once on :attr:`asserted` (owlrl keeps no provenance).

        Raises:
            KeyError: the triple does not follow from the input.
        """
        if triple in self.asserted:
            return None
        step = self._why().why(triple)
        if step is None:
            raise KeyError(f"{triple} does not follow from the input")
        return Derivation(step[0], step[1], triple)

    def holds(self, triple: Triple) -> bool:
        """Whether ``triple`` is asserted or entailed (hidden entailments included)."""
        return triple in self.asserted or self._why().why(triple) is not None
