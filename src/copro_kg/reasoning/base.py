"""The shipped ontology closed once, saved, and continued with each user's files.

The shipped ontology never changes inside an installed version, so its files are parsed
and closed once (the first phase of the engine, :func:`copro_kg.engine.prepare`), and the
engine's state is saved in the cache folder (:mod:`copro_kg.engine.snapshot`) with the
files' own triples. A user's file is then reasoned by continuing from that state with
the file's triples as the only new input (:func:`copro_kg.engine.run`'s ``base``): the
same engine, the same closure and visible/hidden split as reasoning everything from
scratch (``tests/engine/test_snapshot.py`` compares them triple by triple), without
parsing the shipped files or joining their triples again.

The saved state's key is the shipped files' names and bytes, the package version, the
entry format and :data:`~copro_kg.engine.snapshot.SNAPSHOT_VERSION`: an edited file, a new
engine or an upgraded package never reads an old state. Its payload carries a checksum
(:func:`copro_kg.reasoning.cache.read_payload`); a damaged one is built again.

The shipped files' graphs and the saved state share their blank nodes (both come from
one parse), which is why the workspace takes the shipped sources from here too.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from copro_kg.engine import prepare
from copro_kg.engine.gcpause import paused_gc
from copro_kg.engine.snapshot import SNAPSHOT_VERSION, freeze, thaw
from copro_kg.io import sources as loading
from copro_kg.io.cachekeys import cache_dir, key
from copro_kg.io.sources import Source, merge
from copro_kg.reasoning.cache import decode_term, encode_term, read_payload, write_payload
from copro_kg.reasoning.provenance import in_stable_order

if TYPE_CHECKING:
    from copro_kg.engine.chainer import Chainer

__all__ = ["Base", "merged_prefixes", "shipped_base", "shipped_sources"]


def _name(files: Sequence[Path]) -> str:
    """The saved state's name in the cache folder (``<name>.json``, beside the entries):
    the files' names and bytes, the engine state's version (and, by :func:`key`, the
    package version and the entry format).

    Raises:
        OSError: a file cannot be read.
    """
    parts = [("engine-state", str(SNAPSHOT_VERSION).encode())]
    parts += [(path.name, path.read_bytes()) for path in files]
    return key(parts, kind="base", engine="copro", keep_all=False) + ".base"


logger = logging.getLogger(__name__)


def merged_prefixes(graphs: Sequence[Graph]) -> list[tuple[str, str]]:
    """The prefixes of the graphs in order, the first binding of a prefix kept (as
    :func:`copro_kg.io.sources.merge` keeps them)."""
    seen: dict[str, str] = {}
    for graph in graphs:
        for prefix, ns in graph.namespaces():
            if prefix and prefix not in seen:
                seen[prefix] = str(ns)
    return list(seen.items())


class Base:
    """The shipped files' sources and the saved engine state of their closure.

    Args:
        files: the shipped ontology's files, in order.
        parse: parses them (called only when nothing saved can be used).
        cache: read and write the saved state in the cache folder; without it the
            state is built in memory once per :class:`Base`.
    """

    def __init__(
        self, files: Sequence[Path], parse: Callable[[], list[Source]], *, cache: bool
    ) -> None:
        self._files = list(files)
        self._parse = parse
        self._key = _name(self._files) if cache else None
        self._sources: list[Source] | None = None
        self._state: tuple[dict[str, Any], list[Any]] | None = None
        self._stored: list[dict[str, Any]] | None = None
        if self._key is not None:
            self._read()

    def _read(self) -> None:
        assert self._key is not None
        payload = read_payload(self._key)
        if payload is None:
            return
        try:
            with paused_gc():
                terms = [decode_term(row) for row in payload["terms"]]
            stored = payload["sources"]
            if len(stored) != len(self._files):
                raise ValueError("not one entry per shipped file")
            self._state, self._stored = (payload["state"], terms), stored
        except (KeyError, IndexError, TypeError, ValueError) as err:
            logger.warning("ignoring a malformed saved reasoning state: %s", err)

    @property
    def sources(self) -> list[Source]:
        """The shipped files' triples, file by file (do not modify the graphs)."""
        if self._sources is None:
            if self._stored is not None and self._state is not None:
                terms = self._state[1]
                self._sources = []
                for path, stored in zip(self._files, self._stored, strict=True):
                    graph = Graph()  # as parse_source made it: rdflib's prefixes, then the file's
                    for prefix, ns in stored["prefixes"]:
                        graph.bind(prefix, ns)
                    add, flat = graph.store.add, stored["triples"]
                    for i in range(0, len(flat), 3):
                        add((terms[flat[i]], terms[flat[i + 1]], terms[flat[i + 2]]), graph)
                    self._sources.append(Source(path, graph, shipped=True))
            else:
                self._sources = self._parse()
        return self._sources

    def chainer(self) -> Chainer:
        """A new chainer in the saved state, ready to continue with a user's triples."""
        if self._state is None:
            closed = prepare(in_stable_order(merge(self.sources)))
            self._state = freeze(closed)
            if self._key is not None:
                self._write(closed)
        return thaw(*self._state)

    def _write(self, closed: Chainer) -> None:
        assert self._key is not None and self._state is not None
        ids = closed.terms.ids
        sources = [
            {
                "triples": [ids[n] for t in source.graph for n in t],
                "prefixes": [[p, str(ns)] for p, ns in source.graph.namespaces()],
            }
            for source in self.sources
        ]
        state, terms = self._state
        payload = {"state": state, "sources": sources, "terms": [encode_term(t) for t in terms]}
        write_payload(self._key, payload)


_Stamps = tuple[tuple[Path, int, int], ...]


def _stamps() -> _Stamps:
    """The shipped files with their size and modification time: a file edited while the
    process runs is read again."""
    stamps = []
    for path in loading.shipped_files():
        stat = path.stat()
        stamps.append((path, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


def shipped_sources() -> list[Source]:
    """The shipped ontology's files, parsed once per process (do not modify the graphs)."""
    return list(_parsed(_stamps()))


@functools.lru_cache(maxsize=2)
def _parsed(stamps: _Stamps) -> tuple[Source, ...]:
    return tuple(Source(p, loading.parse_source(p, "turtle"), shipped=True) for p, _, _ in stamps)


def shipped_base(*, cache: bool = True) -> Base:
    """The shipped ontology's sources and saved state, once per process (and per cache
    folder): the files are parsed only when no saved state can be used.

    ``classify`` reads the ontology to make its options and then again as part of the
    workspace: the second time costs nothing.
    """
    return _base(_stamps(), str(cache_dir()) if cache else "")


@functools.lru_cache(maxsize=4)
def _base(stamps: _Stamps, folder: str) -> Base:
    return Base([p for p, _, _ in stamps], shipped_sources, cache=bool(folder))
