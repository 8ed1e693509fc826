"""Running an engine: :func:`reason` over a Graph, :func:`reason_triples` over a stream.

Two engines compute the same user-visible entailments:

* ``"copro"`` (default): our semi-naive forward-chaining engine (:mod:`copro_kg.engine`),
  which records each triple's first derivation, so every inference can be explained;
* ``"owlrl"``: the reference implementation, behind :mod:`copro_kg.reasoning.owlrl`.

Inconsistencies are returned as structured
:class:`~copro_kg.reasoning.inconsistency.Inconsistency` findings, never left in the graph.
The input graph is never changed. Files are not this module's business: the one path
from files to a cached result is :class:`copro_kg.pipeline.Workspace`.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix ex: <urn:ex:> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... ex:codesign a ex:CoDesign . ex:CoDesign rdfs:subClassOf ex:CoProduction .
... ''', format="turtle")
>>> result = reason(g, cache=False)
>>> from rdflib import URIRef, RDF
>>> (URIRef("urn:ex:codesign"), RDF.type, URIRef("urn:ex:CoProduction")) in result.inferred
True
>>> result.derivation((URIRef("urn:ex:codesign"), RDF.type, URIRef("urn:ex:CoProduction"))).rule
'cax-sco'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Literal, overload

from rdflib import BNode, Graph

from copro_kg import engine as copro_engine
from copro_kg.engine.gcpause import paused_gc
from copro_kg.engine.rules import Triple
from copro_kg.engine.visibility import hidden_reason, split_visible
from copro_kg.errors import CoproError
from copro_kg.reasoning import cache as caching
from copro_kg.reasoning.inconsistency import Inconsistency, describe_clash
from copro_kg.reasoning.provenance import EngineProvenance, in_stable_order
from copro_kg.reasoning.result import ENGINES, Reasoning, prefixed_graph

if TYPE_CHECKING:
    from copro_kg.engine import Chainer

__all__ = ["Engine", "check_engine", "compute", "reason", "reason_triples"]

Engine = Literal["copro", "owlrl"]


def check_engine(engine: str) -> None:
    """Refuse an engine name that is not one of :data:`~copro_kg.reasoning.result.ENGINES`.

    >>> check_engine("hermit")
    Traceback (most recent call last):
    copro_kg.errors.CoproError: unknown reasoning engine 'hermit'
    """
    if engine not in ENGINES:
        raise CoproError(
            f"unknown reasoning engine {engine!r}", hint="use one of: " + ", ".join(ENGINES)
        )


def reason(
    graph: Graph,
    *,
    engine: Engine | str = "copro",
    cache: bool = True,
    keep_all: bool = False,
) -> Reasoning:
    """Materialise the OWL 2 RL closure of ``graph`` (which is not changed).

    Args:
        graph: the asserted triples (usually :func:`copro_kg.load`).
        engine: ``"copro"`` (ours, with derivations) or ``"owlrl"`` (the reference).
        cache: reuse a result stored on disk for exactly these triples, and store this
            one (:mod:`copro_kg.reasoning.cache`; ``COPRO_KG_CACHE_DIR`` sets the folder).
        keep_all: keep every inferred triple, hiding nothing (``--all``).

    Raises:
        CoproError: ``engine`` is not one of :data:`~copro_kg.reasoning.result.ENGINES`.
    """
    check_engine(engine)
    if not cache:
        return compute(graph, engine=engine, keep_all=keep_all)
    key = caching.key_for_graph(graph, engine=engine, keep_all=keep_all)
    found = caching.load(key, graph)
    if found is not None:
        return found
    result = compute(graph, engine=engine, keep_all=keep_all)
    caching.store(key, result)
    return result


def compute(graph: Graph, *, engine: str = "copro", keep_all: bool = False) -> Reasoning:
    """Run ``engine`` over ``graph`` now (no cache): what :func:`reason` does on a miss."""
    check_engine(engine)
    if engine == "owlrl":
        return _with_owlrl(graph, keep_all)
    chainer = copro_engine.run(in_stable_order(graph))
    return _result_of(chainer, graph, graph.namespaces(), keep_all)


def reason_triples(
    triples: Iterable[Triple],
    *,
    prefixes: Iterable[tuple[str, str]] = (),
    keep_all: bool = False,
    base: Chainer | None = None,
) -> Reasoning:
    """Our engine over a stream of triples, building no Graph of the input.

    The pipeline's path for a user's files (:class:`copro_kg.pipeline.Workspace`): the
    result holds the asserted triples as a list. ``base`` is the shipped ontology's saved
    state (:mod:`copro_kg.reasoning.base`), continued with ``triples`` only; its asserted
    triples are part of the result. An exception raised by the stream (a parse error of
    a big file read by :mod:`copro_kg.io.fastparse`) propagates unchanged.
    """
    with paused_gc():  # millions of acyclic tuples: see copro_kg.engine.gcpause
        chainer = copro_engine.run(triples, base=base)
        terms = chainer.terms.terms
        asserted = [(terms[s], terms[p], terms[o]) for s, p, o in chainer.asserted]
    return _result_of(chainer, asserted, prefixes, keep_all)


class _Decoded(Sequence[Triple]):
    """Engine triples as rdflib terms, decoded on first read (6.5 million rdflib tuples
    are 7 s and 450 MB: a warm path or a count never pays for them)."""

    def __init__(self, ids: list[tuple[int, int, int]], terms: Sequence[object]) -> None:
        self._ids, self._terms = ids, terms
        self._list: list[Triple] | None = None

    def _decoded(self) -> list[Triple]:
        if self._list is None:
            t = self._terms
            with paused_gc():
                self._list = [(t[s], t[p], t[o]) for s, p, o in self._ids]  # type: ignore[misc]
            self._ids = []
        return self._list

    def __len__(self) -> int:
        return len(self._ids) if self._list is None else len(self._list)

    @overload
    def __getitem__(self, index: int) -> Triple: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Triple]: ...
    def __getitem__(self, index: int | slice) -> Triple | Sequence[Triple]:
        return self._decoded()[index]

    def __iter__(self) -> Iterator[Triple]:
        return iter(self._decoded())


def _result_of(
    chainer: Chainer,
    asserted: Graph | list[Triple],
    prefixes: Iterable[tuple[str, str]],
    keep_all: bool,
) -> Reasoning:
    terms = chainer.terms.terms
    # with --all, eq-ref's reflexive sameAs too (the engine answers it, never stores it)
    extension = set() if keep_all else set(chainer.extension())
    inferred, hidden = split_visible(
        chainer.inferred(reflexive=keep_all), terms, keep_all, extension
    )
    prefix_list = [(str(p), str(ns)) for p, ns in prefixes]
    findings: list[Inconsistency] = []
    if chainer.clashes:
        # Labels come from the closure, but only the part about the clashing terms:
        # building the whole closure as an rdflib Graph cost more than reasoning on a
        # 10,000-concept thesaurus with a few clashes.
        labels = _label_graph(chainer, prefixed_graph(prefix_list), keep_all, extension)
        findings = sorted(
            (
                describe_clash(
                    labels,
                    clash.rule,
                    [(terms[s], terms[p], terms[o]) for s, p, o in clash.triples],
                )
                for clash in chainer.clashes.values()
            ),
            key=lambda f: (f.rule, f.message),
        )
    return Reasoning(
        asserted,
        _Decoded(inferred, terms),
        findings,
        engine="copro",
        keep_all=keep_all,
        hidden=hidden,
        provenance=EngineProvenance(chainer),
        prefixes=prefix_list,
    )


def _label_graph(
    chainer: Chainer, graph: Graph, keep_all: bool, extension: set[tuple[int, int, int]]
) -> Graph:
    """The visible closure's triples about the terms of the clashes (and their blank nodes).

    Enough for :func:`copro_kg.vocab.labels.label`, which reads a term's labels, and a blank
    node's restriction or list triples.
    """
    terms, spo = chainer.terms.terms, chainer.store.spo
    todo = {n for clash in chainer.clashes.values() for t in clash.triples for n in t}
    done: set[int] = set()
    while todo:
        node = todo.pop()
        done.add(node)
        for p, by_s in spo.items():
            for o in by_s.get(node, ()):
                t = (node, p, o)
                triple = (terms[node], terms[p], terms[o])
                if (
                    t in chainer.first
                    and not keep_all
                    and hidden_reason(*triple, by_extension=t in extension) is not None
                ):
                    continue
                graph.add(triple)
                if isinstance(terms[o], BNode) and o not in done:
                    todo.add(o)
    return graph


def _with_owlrl(graph: Graph, keep_all: bool) -> Reasoning:
    from copro_kg.reasoning.owlrl import closure, rule_of_message  # owlrl loads only when used

    full, messages = closure(graph)
    inferred: list[Triple] = []
    hidden: Counter[str] = Counter()
    for triple in full:
        if triple in graph:
            continue
        why = None if keep_all else hidden_reason(*triple)
        if why is None:
            inferred.append(triple)
        else:
            hidden[why] += 1
    findings = [Inconsistency(rule_of_message(m), (), (), m) for m in messages]
    return Reasoning(graph, inferred, findings, engine="owlrl", keep_all=keep_all, hidden=hidden)
