"""An on-disk, content-addressed cache of reasoning results.

Reasoning the glossary again on unchanged inputs should cost a file read, not a
fixpoint. Entries live in the user cache folder (``platformdirs``), or in
``COPRO_KG_CACHE_DIR`` when set (tests point it at a temporary folder). Each entry is
named by a SHA-256 key over the input, the package version, the engine and the
options, so a new version or engine never reads an old entry.

Two kinds of key:

* :func:`key_for_graph` -- the exact triples of a Graph (blank-node labels included,
  so it hits when the same parsed graph is reasoned again);
* :func:`key_for_files` -- the bytes of the input files (what the CLI uses: on a hit,
  nothing is parsed, the asserted triples come from the entry too).

Format: one JSON header line ``{"format": ..., "sha256": ...}`` then a JSON payload
(terms table + integer triples + findings). The payload's SHA-256 is checked on every
load: a corrupted or truncated entry is ignored (and rebuilt by the caller), never
used. JSON, never pickle: an entry is data, it cannot run code. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import BNode, Graph, Literal, Node, URIRef

from copro_kg.io.atomic import write_atomic

if TYPE_CHECKING:
    from copro_kg.reasoning.result import Reasoning

__all__ = ["FORMAT", "cache_dir", "key_for_files", "key_for_graph", "load", "store"]

logger = logging.getLogger(__name__)

FORMAT = "copro-kg-reasoning/1"
"""Entry format tag; bump it when the payload layout changes."""

Triple = tuple[Node, Node, Node]

MAX_CACHED_TRIPLES = 1_000_000
"""Results bigger than this are not cached (see :func:`store`)."""


def cache_dir() -> Path:
    """The cache folder: ``$COPRO_KG_CACHE_DIR`` or the platform's user cache dir."""
    explicit = os.environ.get("COPRO_KG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    import platformdirs

    return Path(platformdirs.user_cache_dir("copro-kg"))


def _version() -> str:
    from copro_kg._version import __version__

    return __version__


def _digest(parts: Iterable[bytes]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def key_for_graph(graph: Graph, *, engine: str, keep_all: bool) -> str:
    """Key for reasoning ``graph``: its sorted N-Triples lines plus version and options."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)
    header = f"{FORMAT}|graph|{_version()}|{engine}|{keep_all}".encode()
    return _digest([header, "\n".join(lines).encode()])


def key_for_files(
    paths: Sequence[Path], *, input_format: str | None, engine: str, keep_all: bool
) -> str:
    """Key for reasoning these files: their names, formats and bytes, plus version/options."""
    header = f"{FORMAT}|files|{_version()}|{engine}|{keep_all}|{input_format}".encode()
    parts = [header]
    for path in paths:
        parts.append(path.name.encode())
        parts.append(path.read_bytes())
    return _digest(parts)


def _path(key: str) -> Path:
    return cache_dir() / f"{key}.json"


# ---------------------------------------------------------------- encoding
def _encode_term(term: Node) -> list[str]:
    if isinstance(term, URIRef):
        return ["u", str(term)]
    if isinstance(term, BNode):
        return ["b", str(term)]
    if isinstance(term, Literal):
        return ["l", str(term), term.language or "", str(term.datatype or "")]
    raise TypeError(f"cannot cache term {term!r}")


def _decode_term(row: list[str]) -> Node:
    kind = row[0]
    if kind == "u":
        return URIRef(row[1])
    if kind == "b":
        return BNode(row[1])
    if kind == "l":
        return Literal(row[1], lang=row[2] or None, datatype=URIRef(row[3]) if row[3] else None)
    raise ValueError(f"unknown term kind {kind!r}")


class _Terms:
    def __init__(self) -> None:
        self.ids: dict[Node, int] = {}
        self.rows: list[list[str]] = []

    def __call__(self, term: Node) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.rows)
            self.rows.append(_encode_term(term))
        return found

    def flat(self, triples: Iterable[Triple]) -> list[int]:
        out: list[int] = []
        for s, p, o in triples:
            out += (self(s), self(p), self(o))
        return out


def store(key: str, result: Reasoning, *, with_asserted: bool = False) -> Path | None:
    """Write ``result`` under ``key`` (atomically); returns the path, or None on failure.

    A cache that cannot be written (read-only home, full disk) is not an error: the
    result is simply not cached. Neither is a result of more than
    :data:`MAX_CACHED_TRIPLES` triples: reading millions of triples back into an rdflib
    Graph takes longer than reasoning them again (about 60 s for the 7 million of the
    100,000-concept benchmark, against 53 s to reason), and the JSON entry would double
    the peak memory.
    """
    size = result.inferred_count
    if with_asserted:
        size += sum(1 for _ in result.asserted_triples())
    if size > MAX_CACHED_TRIPLES:
        logger.info("not caching a result of %d triples (limit %d)", size, MAX_CACHED_TRIPLES)
        return None
    enc = _Terms()
    payload: dict[str, Any] = {
        "engine": result.engine,
        "keep_all": result.keep_all,
        "inferred": enc.flat(result._inferred_triples),
        "hidden": dict(result.hidden),
        "inconsistencies": [
            {
                "rule": f.rule,
                "triples": enc.flat(f.triples),
                "roles": [[role, enc(node)] for role, node in f.roles],
                "message": f.message,
            }
            for f in result.inconsistencies
        ],
    }
    if with_asserted:
        payload["asserted"] = enc.flat(result.asserted_triples())
        payload["prefixes"] = [[p, str(ns)] for p, ns in result._graph_like().namespaces()]
    payload["terms"] = enc.rows
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "sha256": hashlib.sha256(body).hexdigest()})
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        return write_atomic(_path(key), header.encode() + b"\n" + body)
    except OSError as err:
        logger.warning("could not write the reasoning cache: %s", err)
        return None


def _read(key: str) -> dict[str, Any] | None:
    path = _path(key)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header_line, _, body = raw.partition(b"\n")
    try:
        header = json.loads(header_line)
        if header.get("format") != FORMAT or hashlib.sha256(body).hexdigest() != header.get(
            "sha256"
        ):
            raise ValueError("checksum mismatch")
        payload: dict[str, Any] = json.loads(body)
        return payload
    except (ValueError, AttributeError) as err:
        logger.warning("ignoring corrupted cache entry %s: %s", path, err)
        return None


def _triples(flat: list[int], terms: list[Node]) -> list[Triple]:
    return [
        (terms[flat[i]], terms[flat[i + 1]], terms[flat[i + 2]]) for i in range(0, len(flat), 3)
    ]


def load(key: str, asserted: Graph | None = None) -> Reasoning | None:
    """The cached result for ``key``, or None when absent or corrupted.

    ``asserted`` is the input graph of a :func:`key_for_graph` key; for a
    :func:`key_for_files` key, pass None and the asserted graph is read from the entry.
    """
    from copro_kg.reasoning.inconsistency import Inconsistency
    from copro_kg.reasoning.result import Reasoning

    payload = _read(key)
    if payload is None:
        return None
    try:
        terms = [_decode_term(row) for row in payload["terms"]]
        # files key: the asserted triples come from the entry, as a list (the Reasoning
        # builds a Graph of them only if asked; see Reasoning.asserted)
        asserted_triples = _triples(payload["asserted"], terms) if asserted is None else []
        prefixes = [(str(p), str(ns)) for p, ns in payload.get("prefixes", [])]
        findings = [
            Inconsistency(
                f["rule"],
                tuple(_triples(f["triples"], terms)),
                tuple((role, terms[i]) for role, i in f["roles"]),
                f["message"],
            )
            for f in payload["inconsistencies"]
        ]
        return Reasoning(
            asserted,
            _triples(payload["inferred"], terms),
            findings,
            engine=payload["engine"],
            keep_all=payload["keep_all"],
            hidden=Counter(payload["hidden"]),
            asserted_triples=asserted_triples,
            prefixes=prefixes,
        )
    except (KeyError, IndexError, TypeError, ValueError) as err:
        logger.warning("ignoring malformed cache entry %s: %s", _path(key), err)
        return None
