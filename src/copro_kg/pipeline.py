"""The one path from files to a reasoned glossary: files -> sources -> graph -> reasoning.

Every face of copro-kg (each CLI command, the Python API, the site, the notebooks) reads
the glossary through a :class:`Workspace`::

    files ──parse once──> sources ──merge once──> graph ──reason once──> Reasoning
      │                                                                      ▲   │
      └── key: the files' bytes ──> cache entry (sources, closure, derivations, clashes)
                                      └──> query store (Oxigraph: asserted | inferred)

* **Parse once.** Each input file is parsed at most once per workspace; the shipped
  ontology's files at most once per process (:func:`shipped_sources`).
* **One cache key.** The key is taken from the files' *bytes*
  (:func:`copro_kg.reasoning.cache.key_for_files`). On a hit, nothing is parsed and the
  engine does not run: the entry gives back the per-file graphs, the closure, the
  inconsistencies and every derivation, so ``graph``, ``explain``, ``site`` and ``check``
  explain inferences from the cache. Standard input (``-``) and JSON-LD (whose
  ``@context`` may live elsewhere) are never cached.
* **One query store.** ``query``, ``serve`` and ``publish`` answer from an Oxigraph
  store written once beside the cache entry (:meth:`Workspace.query_store`,
  :mod:`copro_kg.sparql.store`). On a warm run the key is all that is computed (once:
  hashing a 79 MB file costs ~0.1 s): the store is opened in place, nothing is parsed
  and the cache entry is not read. ``reason`` writes the store only when the result was
  too big for a cache entry (:meth:`Workspace.keep_for_queries`); otherwise the first
  query writes it from the entry, so a cold ``reason`` of the glossary does not pay for it.
* **Big files.** When only the reasoning is asked for (``reason``, ``query``), N-Triples
  or Turtle files of :data:`FAST_PARSE_BYTES` or more are read by pyoxigraph straight
  into the engine (:mod:`copro_kg.io.fastparse`), building no rdflib Graph of them.

>>> ws = Workspace(cache=False)
>>> ws.graph is ws.graph  # merged once
True
>>> ws.reasoning() is ws.reasoning()  # reasoned once
True
>>> ws.reasoning().consistent
True
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rdflib import Graph

from copro_kg.errors import CoproError
from copro_kg.formats import format_for_path
from copro_kg.history.graphs import history_quads
from copro_kg.io import sources as loading
from copro_kg.io.sources import Source
from copro_kg.namespace import bind_prefixes
from copro_kg.reasoning import cache as caching
from copro_kg.reasoning import run
from copro_kg.reasoning.base import Base, merged_prefixes, shipped_base, shipped_sources
from copro_kg.reasoning.provenance import in_stable_order
from copro_kg.reasoning.result import Reasoning
from copro_kg.sparql.store import GlossaryStore, write_store

__all__ = [
    "FAST_PARSE_BYTES",
    "Workspace",
    "graph_for_queries",
    "reason_inputs",
    "shipped_base",
    "shipped_sources",
    "store_for_queries",
]

FAST_PARSE_BYTES = 1_000_000
"""User files at least this big (N-Triples / Turtle) are read by pyoxigraph, not rdflib."""

STDIN = "-"


class Workspace:
    """The glossary plus the user's files, read and reasoned over once.

    Args:
        data: the user's files (any RDF syntax); ``"-"`` reads standard input.
        ontology: include the shipped glossary (``check --no-glossary`` leaves it out).
        input_format: rdflib format of the user's files; by default each extension decides.
        engine: ``"copro"`` (ours, explains itself) or ``"owlrl"`` (the reference).
        keep_all: keep every entailment, hiding nothing (``reason --all``).
        cache: read and write the on-disk cache (``--no-cache`` turns it off).

    Raises:
        CoproError: ``engine`` is not a known engine.
    """

    def __init__(
        self,
        data: Iterable[str | Path] = (),
        *,
        ontology: bool = True,
        input_format: str | None = None,
        engine: str = "copro",
        keep_all: bool = False,
        cache: bool = True,
    ) -> None:
        run.check_engine(engine)
        self.data = [str(item) if str(item) == STDIN else Path(item) for item in data]
        self.ontology = ontology
        self.input_format = input_format
        self.engine = engine
        self.keep_all = keep_all
        self.cache = cache
        self._key: str | None = None
        self._keyed = False
        self._entry: caching.Entry | None = None
        self._entry_written = False
        self._looked_up = False
        self._sources: list[Source] | None = None
        self._graph: Graph | None = None
        self._reasoning: Reasoning | None = None
        self._store: GlossaryStore | None = None

    # ------------------------------------------------------------------ the cache
    def _user_paths(self) -> list[Path] | None:
        """The user's inputs as paths, or None when one is standard input."""
        paths = [item for item in self.data if isinstance(item, Path)]
        return paths if len(paths) == len(self.data) else None

    @property
    def key(self) -> str | None:
        """The cache key of these inputs, or None when they are not cached."""
        self._lookup()
        return self._key

    def _cache_key(self) -> str | None:
        paths = self._user_paths()
        if not self.cache or paths is None:
            return None
        limit = loading.DEFAULT_MAX_INPUT_BYTES
        try:
            # Only regular files within the size limit are hashed (the key reads them
            # whole); anything else is left to parse_source, which refuses it with the
            # right message (too large, a pipe, permission denied) -- SECURITY, issue 8.
            if not all(p.is_file() and p.stat().st_size <= limit for p in paths):
                return None
            if any(format_for_path(p, self.input_format) == "json-ld" for p in paths):
                return None  # a JSON-LD @context is read from another file: not in the key
            files = (loading.shipped_files() if self.ontology else []) + paths
            return caching.key_for_files(
                files, input_format=self.input_format, engine=self.engine, keep_all=self.keep_all
            )
        except (OSError, CoproError):
            return None

    def _key_once(self) -> str | None:
        # The key reads every input file whole: computed once per workspace, whether the
        # store (query_store) or the cache entry (_lookup) asks for it first.
        if not self._keyed:
            self._keyed = True
            self._key = self._cache_key()
        return self._key

    def _lookup(self) -> None:
        if not self._looked_up:
            self._looked_up = True
            self._key = self._key_once()
            if self._key is not None:
                self._entry = caching.read(self._key)
            if self._entry is not None and self._entry.source_graphs is not None and self.data:
                _ = self.sources  # a hit parses nothing: say the files' doubts all the same

    # ------------------------------------------------------------------ the data path
    @property
    def sources(self) -> list[Source]:
        """Each input with its own triples: the shipped files first, then the user's."""
        if self._sources is None:
            self._lookup()
            entry = self._entry
            if entry is not None and entry.source_graphs is not None:
                graphs = entry.source_graphs()
                shipped = loading.shipped_files() if self.ontology else []
                inputs = [(p, True) for p in shipped] + [(Path(p), False) for p in self.data]
                if len(graphs) == len(inputs):
                    self._sources = [
                        Source(path, graph, shipped=is_shipped)
                        for (path, is_shipped), graph in zip(inputs, graphs, strict=True)
                    ]
                    shipped_part = self._sources[: len(shipped)]
                    loading.check_doubts(self._sources[len(shipped) :], shipped_part)
            if self._sources is None:
                # Parsed now: a cached result without per-file graphs cannot be paired
                # with them (blank nodes get new labels on every parse), so it is dropped.
                if self._reasoning is None:
                    self._entry = None
                loading.check_readable(self.data)  # the user's file is blamed first
                shipped_part = self._shipped().sources if self.ontology else []
                self._sources = shipped_part + loading.load_sources(
                    self.data,
                    input_format=self.input_format,
                    ontology=False,
                    alongside=shipped_part,
                )
        return self._sources

    @property
    def graph(self) -> Graph:
        """The asserted triples of every input, merged once (do not modify it)."""
        if self._graph is None:
            self._lookup()
            if self._entry is not None and self._entry.source_graphs is not None:
                self._graph = self._entry.reasoning.asserted
            elif self._reasoning is not None:
                self._graph = self._reasoning.asserted
            else:
                self._graph = loading.merge(self.sources)
        return self._graph

    def reasoning(self) -> Reasoning:
        """The reasoning result: from the cache when the inputs are unchanged, else computed
        once (and stored with its derivations and the per-file graphs)."""
        if self._reasoning is None:
            self._lookup()
            if self._entry is not None:
                self._reasoning = self._entry.reasoning
                return self._reasoning
            result = self._fast() if self._sources is None else None
            if result is None and self.data and self.ontology and self.engine == "copro":
                result = self._continued()
            if result is None:
                result = run.compute(self.graph, engine=self.engine, keep_all=self.keep_all)
            self._reasoning = result
            if self._key is not None:
                graphs = [s.graph for s in self._sources] if self._sources is not None else None
                written = caching.store(
                    self._key, result, sources=graphs, with_asserted=graphs is None
                )
                self._entry_written = written is not None
        return self._reasoning

    def _shipped(self) -> Base:
        return shipped_base(cache=self.cache)

    def _continued(self) -> Reasoning:
        """The user's files reasoned by continuing from the shipped ontology's saved
        state (:mod:`copro_kg.reasoning.base`): the closure reasoning everything again
        would give, without parsing or closing the shipped files again."""
        sources = self.sources
        user = [triple for source in sources if not source.shipped for triple in source.graph]
        return run.reason_triples(
            in_stable_order(user),
            prefixes=_prefixes_of(sources),
            keep_all=self.keep_all,
            base=self._shipped().chainer(),
        )

    def keep_for_queries(self) -> Path | None:
        """Make sure a later ``query`` on these inputs runs no engine (``reason`` calls it).

        A result in the cache entry needs nothing more: the first ``query`` writes the
        store from the entry, without reasoning (writing it here took a cold ``reason``
        of the glossary from 1.10 s to 1.49 s, whole process, medians of 11). A result
        too big for an entry (:data:`~copro_kg.reasoning.cache.MAX_CACHED_TRIPLES`), or
        whose entry could not be written, would be reasoned again by every ``query``: its
        store is written now.

        Returns:
            The store folder written now (or found written), or None when there is
            nothing to do: inputs not cached, the result in its entry, or a folder that
            cannot be written.
        """
        result = self.reasoning()
        key = self._key
        if key is None or self._entry is not None or self._entry_written:
            return None  # not cached, or the result is in its entry (read or just written)
        folder = caching.store_dir(key)
        if GlossaryStore.open(folder) is not None:
            return folder
        store = _write(folder, result, history=self.ontology)
        return store.folder if store is not None else None

    def query_store(self, *, reasoned: bool = True) -> GlossaryStore:
        """The Oxigraph store ``query``, ``serve`` and ``publish`` answer from.

        Cached inputs: the store beside the cache entry, opened in place when it exists
        (nothing parsed, the entry not read), else written once from :meth:`reasoning`.
        Inputs that are not cached (standard input, ``--no-cache``) or a cache that
        cannot be written: a store in memory. ``reasoned=False`` answers from the
        asserted triples (without reasoning when no store exists yet).
        """
        if self._store is None:
            key = self._key_once()
            folder = caching.store_dir(key) if key is not None else None
            found = GlossaryStore.open(folder) if folder is not None else None
            if found is not None and self.data:
                self._lookup()  # say the user files' doubts, as a cache hit does
            if found is None and not reasoned and self._reasoning is None:
                return GlossaryStore.in_memory(
                    self.graph,
                    prefixes=_prefixes(self.graph),
                    reasoned=False,
                    extra=_history(self.ontology),
                )
            if found is None:
                result = self.reasoning()
                if folder is not None:
                    found = _write(folder, result, history=self.ontology)
                if found is None:
                    found = GlossaryStore.in_memory(
                        result.asserted_triples(),
                        result.inferred_triples(),
                        prefixes=result.prefixes(),
                        extra=_history(self.ontology),
                    )
            self._store = found
        return self._store.with_reasoning(reasoned)

    def reason_over(self, graph: Graph) -> Reasoning:
        """Reason over another graph made from this one (classify's described activity,
        the site questionnaire's hypothetical answers), with this workspace's engine and
        cache settings. The cache key is then the graph's triples; they are stable across
        runs when :attr:`graph` came from the cache."""
        return run.reason(graph, engine=self.engine, cache=self.cache, keep_all=self.keep_all)

    def _fast(self) -> Reasoning | None:
        """Our engine over big N-Triples/Turtle files read by pyoxigraph, or None when the
        fast path does not apply (or pyoxigraph refuses a file: rdflib then reports it
        with its location, so the checks of parse_source -- size limit, empty or binary
        file -- are made here first, or left to it)."""
        from copro_kg.io.fastparse import FORMATS, FastParseError, triples

        paths = self._user_paths()
        if self.engine != "copro" or not paths:
            return None
        formats = []
        for path in paths:
            try:
                fmt = format_for_path(path, self.input_format)
                # Only regular files are opened here: opening a FIFO would block.
                if not path.is_file():
                    return None
                size = path.stat().st_size
                if fmt not in FORMATS or not (
                    FAST_PARSE_BYTES <= size <= loading.DEFAULT_MAX_INPUT_BYTES
                ):
                    return None
                with path.open("rb") as handle:
                    if b"\x00" in handle.read(8192):
                        return None
            except (CoproError, OSError):
                return None
            formats.append(fmt)
        # the shipped ontology from its saved state; the big files in file order
        shipped = self._shipped() if self.ontology else None
        streams = [triples(p, f) for p, f in zip(paths, formats, strict=True)]
        try:
            return run.reason_triples(
                itertools.chain.from_iterable(streams),
                prefixes=_prefixes_of(shipped.sources if shipped else []),
                keep_all=self.keep_all,
                base=shipped.chainer() if shipped else None,
            )
        except FastParseError:
            return None


def reason_inputs(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    ontology: bool = True,
    engine: str = "copro",
    cache: bool = True,
    keep_all: bool = False,
) -> Reasoning:
    """Load the glossary plus ``data`` and reason over it: ``Workspace(...).reasoning()``.

    On unchanged files the result, asserted triples included, is read from one cache
    entry and nothing is parsed.
    """
    return Workspace(
        data,
        input_format=input_format,
        ontology=ontology,
        engine=engine,
        cache=cache,
        keep_all=keep_all,
    ).reasoning()


def _write(folder: Path, result: Reasoning, *, history: bool) -> GlossaryStore | None:
    """The query store of ``result`` written at ``folder`` (None if it cannot be), with the
    release history's named graphs when the shipped glossary is among the inputs."""
    return write_store(
        folder,
        result.asserted_triples(),
        result.inferred_triples(),
        prefixes=result.prefixes(),
        extra=_history(history),
    )


def _prefixes_of(sources: list[Source]) -> list[tuple[str, str]]:
    """The prefixes :func:`copro_kg.io.sources.merge` would give the sources' graph."""
    return merged_prefixes([bind_prefixes(Graph()), *(source.graph for source in sources)])


def _history(wanted: bool) -> list[Any]:
    """The release history's quads (:mod:`copro_kg.history.graphs`), or none."""
    return history_quads() if wanted else []


def _prefixes(graph: Graph) -> list[tuple[str, str]]:
    return [(str(p), str(ns)) for p, ns in graph.namespaces()]


def store_for_queries(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    reasoned: bool = True,
    cache: bool = True,
) -> GlossaryStore:
    """The store ``query``, ``serve`` and ``publish`` answer from: ``Workspace(...).query_store()``.

    >>> store = store_for_queries(cache=False)
    >>> len(store) > len(store_for_queries(cache=False, reasoned=False))
    True
    """
    workspace = Workspace(data, input_format=input_format, cache=cache)
    return workspace.query_store(reasoned=reasoned)


def graph_for_queries(
    data: Iterable[str | Path] = (), *, input_format: str | None = None, reasoned: bool = True
) -> Graph:
    """The graph ``query``, ``serve`` and ``publish`` answer from, prefixes bound.

    ``reasoned`` gives the closure (asserted plus inferred triples); ``reasoned=False``
    the asserted triples only (``--no-reason``).
    """
    workspace = Workspace(data, input_format=input_format)
    if not reasoned:
        return workspace.graph
    # On unchanged inputs nothing is parsed: the closure comes from the cache.
    return bind_prefixes(workspace.reasoning().closure)
