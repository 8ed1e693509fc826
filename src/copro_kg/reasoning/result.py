"""OWL 2 RL reasoning over the glossary graph: closure, inconsistencies, derivations.

:func:`reason` materialises what follows from a graph under the OWL 2 RL/RDF rules and
returns a :class:`Reasoning`. Two engines compute the same user-visible entailments:

* ``"copro"`` (default): our semi-naive forward-chaining engine (:mod:`copro_kg.engine`),
  which records each triple's first derivation, so every inference can be explained;
* ``"owlrl"``: the reference implementation, behind :mod:`copro_kg.reasoning.owlrl`.

Only user-visible inferred triples enter :attr:`Reasoning.closure` and
:attr:`Reasoning.inferred`; the exact rule for what is hidden is in
:mod:`copro_kg.engine.visibility` (``keep_all=True`` keeps everything). Inconsistencies are
returned as structured :class:`~copro_kg.reasoning.inconsistency.Inconsistency` findings, never
left in the graph. The input graph is never changed.

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

import contextlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rdflib import Graph, Node

from copro_kg.engine.rules import RULES, Triple
from copro_kg.errors import CoproError
from copro_kg.namespace import bind_prefixes
from copro_kg.reasoning.inconsistency import Inconsistency, describe_clash

if TYPE_CHECKING:
    from copro_kg.engine import Chainer

__all__ = ["ENGINES", "Derivation", "Inconsistency", "Reasoning", "reason", "reason_inputs"]

Engine = Literal["copro", "owlrl"]
ENGINES: tuple[str, ...] = ("copro", "owlrl")
"""The engine names :func:`reason` accepts (``--engine`` on the command line)."""


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


class Reasoning:
    """The outcome of :func:`reason`.

    Attributes:
        asserted: the input graph (not a copy; never modified).
        engine: which engine produced the result.
        inconsistencies: every clash found, in a stable order.
        hidden: how many inferred triples were hidden, by category
            (:data:`copro_kg.engine.visibility.CATEGORIES`); empty with ``keep_all``.
    """

    def __init__(
        self,
        asserted: Graph | None,
        inferred: Iterable[Triple],
        inconsistencies: list[Inconsistency],
        *,
        engine: str,
        keep_all: bool = False,
        hidden: Counter[str] | None = None,
        chainer: Chainer | None = None,
        asserted_triples: Iterable[Triple] = (),
        prefixes: Iterable[tuple[str, str]] = (),
    ) -> None:
        # A result read from the cache has its asserted triples as a list: the Graph is
        # built only if asked for, and the closure straight from the list (one Graph
        # instead of two on the warm-query path, issue #10 goal 1).
        self._asserted = asserted
        self._asserted_triples = list(asserted_triples) if asserted is None else []
        self._prefixes = list(prefixes)
        self.engine = engine
        self.keep_all = keep_all
        self.inconsistencies = inconsistencies
        self.hidden: Counter[str] = hidden or Counter()
        self._inferred_list: list[Triple] | None = list(inferred)
        self._inferred_ids: list[tuple[int, int, int]] = []
        self._terms: Sequence[Node] = ()
        self._chainer = chainer
        self._closure: Graph | None = None
        self._inferred: Graph | None = None

    @property
    def asserted(self) -> Graph:
        """The input graph (not a copy; never modified)."""
        if self._asserted is None:
            graph = self._graph_like()
            store_add, ctx = graph.store.add, graph
            for triple in self._asserted_triples:
                store_add(triple, ctx)
            self._asserted = graph
        return self._asserted

    def _graph_like(self) -> Graph:
        """An empty Graph with our prefixes and the input's own."""
        if self._asserted is not None:
            return _new_graph(self._asserted)
        graph = bind_prefixes(Graph())
        ours = {prefix for prefix, _ in graph.namespaces()}
        for prefix, ns in self._prefixes:
            if prefix and prefix not in ours:
                graph.bind(prefix, ns)
        return graph

    @classmethod
    def _of_ids(
        cls, inferred_ids: list[tuple[int, int, int]], terms: Sequence[Node], **kwargs: Any
    ) -> Reasoning:
        """A result whose inferred triples are engine ids, decoded on first use."""
        result = cls(kwargs.pop("asserted"), (), [], **kwargs)
        result._inferred_list = None
        result._inferred_ids = inferred_ids
        result._terms = terms
        return result

    @property
    def _inferred_triples(self) -> list[Triple]:
        """The visible inferred triples as rdflib terms (decoded once, when first asked)."""
        if self._inferred_list is None:
            from copro_kg.engine.gcpause import paused_gc

            terms = self._terms
            with paused_gc():
                self._inferred_list = [
                    (terms[s], terms[p], terms[o]) for s, p, o in self._inferred_ids
                ]
            self._inferred_ids = []
        return self._inferred_list

    @property
    def inferred_count(self) -> int:
        """How many user-visible triples were inferred (without decoding them)."""
        if self._inferred_list is None:
            return len(self._inferred_ids)
        return len(self._inferred_list)

    def asserted_triples(self) -> Iterable[Triple]:
        """The asserted triples, without building a Graph when the result holds a list."""
        return self._asserted if self._asserted is not None else self._asserted_triples

    @property
    def inferred(self) -> Graph:
        """The user-visible inferred triples only (built on first use)."""
        if self._inferred is None:
            graph = self._graph_like()
            store_add = graph.store.add
            for triple in self._inferred_triples:
                store_add(triple, graph)
            self._inferred = graph
        return self._inferred

    @property
    def closure(self) -> Graph:
        """Asserted plus user-visible inferred triples (built on first use)."""
        if self._closure is None:
            graph = self._graph_like()
            # Store.add directly: Graph.add only re-checks that each term is a Node,
            # which the engine and the cache guarantee; this halves the build time.
            store_add = graph.store.add
            asserted = self._asserted if self._asserted is not None else self._asserted_triples
            for triple in asserted:
                store_add(triple, graph)
            for triple in self._inferred_triples:
                store_add(triple, graph)
            self._closure = graph
        return self._closure

    @property
    def consistent(self) -> bool:
        """True when no inconsistency was found."""
        return not self.inconsistencies

    @property
    def errors(self) -> list[str]:
        """The inconsistency messages alone (plain sentences)."""
        return [finding.message for finding in self.inconsistencies]

    def derivation(self, triple: Triple) -> Derivation | None:
        """The first derivation of ``triple``, or None when it is asserted.

        Works for hidden triples too (they can be steps of a derivation). With the owlrl
        engine, or a result read from the cache, our engine is run once on
        :attr:`asserted` to find it (owlrl keeps no provenance).

        Raises:
            KeyError: the triple does not follow from the input.
        """
        if triple in self.asserted:
            return None
        chainer = self._provenance()
        ids = chainer.terms.ids
        try:
            key = (ids[triple[0]], ids[triple[1]], ids[triple[2]])
            rule, premises = chainer.why(key)
        except KeyError:
            raise KeyError(f"{triple} does not follow from the input") from None
        terms = chainer.terms.terms
        decoded = tuple((terms[s], terms[p], terms[o]) for s, p, o in premises)
        return Derivation(rule, decoded, triple)

    def holds(self, triple: Triple) -> bool:
        """Whether ``triple`` is asserted or entailed (hidden entailments included)."""
        if triple in self.asserted:
            return True
        chainer = self._provenance()
        ids = chainer.terms.ids
        if not all(term in ids for term in triple):
            return False
        return chainer.store.has(ids[triple[0]], ids[triple[1]], ids[triple[2]])

    def _provenance(self) -> Chainer:
        if self._chainer is None:
            from copro_kg.engine import run

            self._chainer = run(in_stable_order(self.asserted))
        return self._chainer


def in_stable_order(graph: Graph) -> list[tuple[Node, Node, Node]]:
    """``graph``'s triples sorted, so reasoning sees them in the same order every run.

    rdflib's memory store iterates in an order that changes with Python's string hash
    seed; the engine keeps the *first* derivation it finds, so without this the same
    input could be explained differently from one run to the next.
    """
    return sorted(graph, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3()))


def _new_graph(like: Graph) -> Graph:
    graph = bind_prefixes(Graph())
    ours = {prefix for prefix, _ in graph.namespaces()}
    for prefix, ns in like.namespaces():
        if prefix and prefix not in ours:
            graph.bind(prefix, ns)
    return graph


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
        CoproError: ``engine`` is not one of :data:`ENGINES`.
    """
    if engine not in ENGINES:
        raise CoproError(
            f"unknown reasoning engine {engine!r}", hint="use one of: " + ", ".join(ENGINES)
        )
    if cache:
        from copro_kg.reasoning import cache as caching

        key = caching.key_for_graph(graph, engine=engine, keep_all=keep_all)
        found = caching.load(key, graph)
        if found is not None:
            return found
        result = _compute(graph, engine, keep_all)
        caching.store(key, result)
        return result
    return _compute(graph, engine, keep_all)


def reason_inputs(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    ontology: bool = True,
    engine: Engine | str = "copro",
    cache: bool = True,
    keep_all: bool = False,
) -> Reasoning:
    """Load the glossary plus ``data`` (as :func:`copro_kg.load`) and reason over it.

    The fast path for commands: the cache key is taken from the **bytes** of the input
    files (:func:`copro_kg.reasoning.cache.key_for_files`), so when nothing changed the result,
    asserted triples included, is read from one cache file and nothing is parsed.
    Standard input (``"-"``) is never cached.
    """
    from copro_kg.io.sources import load
    from copro_kg.reasoning import cache as caching
    from copro_kg.resources import ontology_files

    items = list(data)
    if engine not in ENGINES:
        raise CoproError(
            f"unknown reasoning engine {engine!r}", hint="use one of: " + ", ".join(ENGINES)
        )
    paths = [Path(item) for item in items if str(item) != "-"]
    key = None
    # Only regular files within the input size limit are hashed for the cache key (the
    # key reads them whole); anything else goes straight to load(), which refuses it
    # with the right message (too large, permission denied) -- SECURITY, issue 8.
    from copro_kg.io import sources as loading

    limit = loading.DEFAULT_MAX_INPUT_BYTES
    if (
        cache
        and len(paths) == len(items)
        and all(p.is_file() and p.stat().st_size <= limit for p in paths)
    ):
        files = (ontology_files() if ontology else []) + paths
        with contextlib.suppress(OSError):
            key = caching.key_for_files(
                files, input_format=input_format, engine=engine, keep_all=keep_all
            )
        if key is not None:
            found = caching.load(key)
            if found is not None:
                return found
    result = None
    if engine == "copro" and len(paths) == len(items):
        result = _compute_fast(paths, input_format, ontology, keep_all)
    if result is None:
        graph = load(items, input_format=input_format, ontology=ontology)
        result = _compute(graph, engine, keep_all)
    if key is not None:
        caching.store(key, result, with_asserted=True)
    return result


def _compute(graph: Graph, engine: str, keep_all: bool) -> Reasoning:
    if engine == "owlrl":
        return _with_owlrl(graph, keep_all)
    from copro_kg.engine import run

    return _result_of(run(in_stable_order(graph)), graph, keep_all)


FAST_PARSE_BYTES = 1_000_000
"""User files at least this big (N-Triples / Turtle) are read by pyoxigraph, not rdflib."""


def _compute_fast(
    paths: list[Path], input_format: str | None, ontology: bool, keep_all: bool
) -> Reasoning | None:
    """Our engine over the glossary plus big N-Triples/Turtle files read by pyoxigraph.

    No rdflib Graph of the input is built (:mod:`copro_kg.io.fastparse`); the result
    holds the asserted triples as a list. None when the fast path does not apply or
    pyoxigraph refuses a file: the caller then loads with rdflib, which refuses bad
    input with a located message (so the checks of :func:`copro_kg.io.sources.parse_source`
    -- size limit, empty or binary file -- are made here first, or left to it).
    """
    import itertools

    from copro_kg.engine import run
    from copro_kg.engine.gcpause import paused_gc
    from copro_kg.io.atomic import format_for_path
    from copro_kg.io.fastparse import FORMATS, FastParseError, triples
    from copro_kg.io.sources import DEFAULT_MAX_INPUT_BYTES, load

    if not paths:
        return None
    formats = []
    for path in paths:
        try:
            fmt = format_for_path(path, input_format)
            # Only regular files of the right size are opened here: opening a FIFO would
            # block, and load() refuses pipes and devices with a clear message.
            if not path.is_file():
                return None
            size = path.stat().st_size
            if fmt not in FORMATS or not FAST_PARSE_BYTES <= size <= DEFAULT_MAX_INPUT_BYTES:
                return None
            with path.open("rb") as handle:
                head = handle.read(8192)
        except (CoproError, OSError):
            return None
        if b"\x00" in head:
            return None
        formats.append(fmt)
    base = load((), ontology=ontology)
    # the glossary in a stable order (see in_stable_order); the big files in file order
    streams = [iter(in_stable_order(base))]
    streams += [triples(p, f) for p, f in zip(paths, formats, strict=True)]
    with paused_gc():  # millions of acyclic tuples: see copro_kg.engine.gcpause
        try:
            chainer = run(itertools.chain.from_iterable(streams))
        except FastParseError:
            return None
        terms = chainer.terms.terms
        asserted = [(terms[s], terms[p], terms[o]) for s, p, o in chainer.asserted]
    prefixes = [(str(prefix), str(ns)) for prefix, ns in base.namespaces()]
    return _result_of(chainer, None, keep_all, asserted, prefixes)


def _result_of(
    chainer: Chainer,
    graph: Graph | None,
    keep_all: bool,
    asserted: list[Triple] | None = None,
    prefixes: list[tuple[str, str]] | None = None,
) -> Reasoning:
    from copro_kg.engine.visibility import split_visible

    terms = chainer.terms.terms
    inferred, hidden = split_visible(chainer.first, terms, keep_all)
    result = Reasoning._of_ids(
        inferred,
        terms,
        asserted=graph,
        engine="copro",
        keep_all=keep_all,
        hidden=hidden,
        chainer=chainer,
        asserted_triples=asserted or (),
        prefixes=prefixes or (),
    )
    if chainer.clashes:
        # Labels come from the closure, but only the part about the clashing terms:
        # building the whole closure as an rdflib Graph cost more than reasoning on a
        # 10,000-concept thesaurus with a few clashes.
        labels = _label_graph(chainer, result._graph_like(), keep_all)
        result.inconsistencies = sorted(
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
    return result


def _label_graph(chainer: Chainer, graph: Graph, keep_all: bool) -> Graph:
    """The visible closure's triples about the terms of the clashes (and their blank nodes).

    Enough for :func:`copro_kg.vocab.labels.label`, which reads a term's labels, and a blank
    node's restriction or list triples.
    """
    from rdflib import BNode

    from copro_kg.engine.visibility import hidden_reason

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
                if t in chainer.first and not keep_all and hidden_reason(*triple) is not None:
                    continue
                graph.add(triple)
                if isinstance(terms[o], BNode) and o not in done:
                    todo.add(o)
    return graph


def _with_owlrl(graph: Graph, keep_all: bool) -> Reasoning:
    from copro_kg.engine.visibility import hidden_reason
    from copro_kg.reasoning.owlrl import closure, rule_of_message

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
