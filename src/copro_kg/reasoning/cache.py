"""An on-disk, content-addressed cache of reasoning results, derivations included.

Reasoning the glossary again on unchanged inputs should cost a file read, not a
fixpoint -- and explaining an inference from a cached result should not run the engine
either, so an entry keeps each derived triple's first derivation too. Entries live in
the user cache folder (``platformdirs``), or in ``COPRO_KG_CACHE_DIR`` when set (tests
point it at a temporary folder).

One key, :func:`key`: a SHA-256 over named byte strings plus the entry format, the package
version, the engine and the options, so a new version or engine never reads an old entry.
Its callers name what they hash:

* :func:`key_for_files` -- the bytes of the input files (what :class:`copro_kg.pipeline.Workspace`
  uses: on a hit nothing is parsed; the asserted triples, file by file, come from the entry);
* :func:`key_for_graph` -- the exact triples of a Graph, blank-node labels included (for
  :func:`copro_kg.reason` on a Graph built in memory).

Format: one JSON header line ``{"format": ..., "sha256": ...}`` then a JSON payload
(terms table + integer triples + findings + derivations). The payload's SHA-256 is
checked on every load: a corrupted or truncated entry is ignored (and rebuilt by the
caller), never used. JSON, never pickle: an entry is data, it cannot run code. Writes
are atomic.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph, Literal, Node, URIRef

from copro_kg.engine.rules import Triple
from copro_kg.io.atomic import write_atomic
from copro_kg.io.cachekeys import FORMAT, cache_dir, key, key_for_files, store_dir
from copro_kg.reasoning.inconsistency import Inconsistency
from copro_kg.reasoning.provenance import (
    EngineProvenance,
    Provenance,
    RecordedProvenance,
    Step,
)
from copro_kg.reasoning.result import Reasoning

__all__ = [
    "FORMAT",
    "MAX_CACHED_TRIPLES",
    "Entry",
    "cache_dir",
    "decode_term",
    "encode_term",
    "key",
    "key_for_files",
    "key_for_graph",
    "load",
    "read",
    "read_payload",
    "store",
    "store_dir",
    "write_payload",
]

logger = logging.getLogger(__name__)

MAX_CACHED_TRIPLES = 1_000_000
"""Results bigger than this are not cached (see :func:`store`)."""


def key_for_graph(graph: Graph, *, engine: str, keep_all: bool) -> str:
    """Key for reasoning ``graph``: its sorted N-Triples lines."""
    lines = sorted(f"{s.n3()} {p.n3()} {o.n3()}" for s, p, o in graph)
    return key(
        [("graph", "\n".join(lines).encode())], kind="graph", engine=engine, keep_all=keep_all
    )


def _path(name: str) -> Path:
    return cache_dir() / f"{name}.json"


def write_payload(name: str, payload: Mapping[str, Any]) -> Path | None:
    """Write a JSON payload under key ``name`` behind its checksum line (atomically);
    None when the cache folder cannot be written (not an error: nothing is cached)."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = json.dumps({"format": FORMAT, "sha256": hashlib.sha256(body).hexdigest()})
    try:
        cache_dir().mkdir(parents=True, exist_ok=True)
        return write_atomic(_path(name), header.encode() + b"\n" + body)
    except OSError as err:
        logger.warning("could not write the reasoning cache: %s", err)
        return None


# ---------------------------------------------------------------- encoding
def encode_term(term: Node) -> list[str]:
    if isinstance(term, URIRef):
        return ["u", str(term)]
    if isinstance(term, BNode):
        return ["b", str(term)]
    if isinstance(term, Literal):
        return ["l", str(term), term.language or "", str(term.datatype or "")]
    raise TypeError(f"cannot cache term {term!r}")


def decode_term(row: list[str]) -> Node:
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
            self.rows.append(encode_term(term))
        return found

    def flat(self, triples: Iterable[Triple]) -> list[int]:
        out: list[int] = []
        for s, p, o in triples:
            out += (self(s), self(p), self(o))
        return out


def _steps(enc: _Terms, provenance: Provenance) -> dict[str, list[Any]]:
    """Derivations as ``rules`` (names) and ``steps``: conclusion, rule, count, premises;
    and ``mentions``: term, then the premise of its eq-ref step."""
    rules: dict[str, int] = {}
    flat: list[int] = []
    if isinstance(provenance, EngineProvenance):
        _engine_steps(enc, provenance, rules, flat)
    else:
        for conclusion, (rule, premises) in provenance.steps():
            flat += enc.flat([conclusion])
            flat += (rules.setdefault(rule, len(rules)), len(premises))
            flat += enc.flat(premises)
    mentions: list[int] = []
    for term, premise in provenance.reflexive():
        mentions.append(enc(term))
        mentions += enc.flat([premise])
    return {"rules": list(rules), "steps": flat, "mentions": mentions}


def _engine_steps(
    enc: _Terms, provenance: EngineProvenance, rules: dict[str, int], flat: list[int]
) -> None:
    """:func:`_steps` of a fresh engine run, read on the engine's integer ids: each engine
    term is numbered once for the entry, instead of hashing rdflib terms for every
    premise (most of the time of writing a 1,000-concept thesaurus's entry)."""
    chainer = provenance.chainer
    terms = chainer.terms.terms
    numbered = [-1] * len(terms)

    def number(n: int) -> int:
        found = numbered[n]
        if found < 0:
            found = numbered[n] = enc(terms[n])
        return found

    for t in chainer.first:
        rule, premises = chainer.why(t)
        flat += (number(t[0]), number(t[1]), number(t[2]))
        flat += (rules.setdefault(rule, len(rules)), len(premises))
        for s, p, o in premises:
            flat += (number(s), number(p), number(o))


def store(
    name: str,
    result: Reasoning,
    *,
    with_asserted: bool = False,
    sources: Sequence[Graph] | None = None,
) -> Path | None:
    """Write ``result`` under key ``name`` (atomically); returns the path, or None on failure.

    ``sources`` (the input files' graphs, in order) are stored for a files key, so a hit
    can give them back without parsing; ``with_asserted`` stores the asserted triples
    alone (a result read without per-file graphs). A result whose engine recorded
    derivations is stored with them.

    A cache that cannot be written (read-only home, full disk) is not an error: the
    result is simply not cached. Neither is a result of more than
    :data:`MAX_CACHED_TRIPLES` triples: reading millions of triples back into an rdflib
    Graph takes longer than reasoning them again (about 60 s for the 7 million of the
    100,000-concept benchmark, against 53 s to reason), and the JSON entry would double
    the peak memory. Such a result is kept for queries in its Oxigraph store instead,
    which ``reason`` writes (:meth:`copro_kg.pipeline.Workspace.keep_for_queries`).
    """
    provenance = result.provenance
    size = result.inferred_count + (len(provenance) if provenance is not None else 0)
    if sources is not None or with_asserted:
        size += sum(1 for _ in result.asserted_triples())
    if size > MAX_CACHED_TRIPLES:
        logger.info("not caching a result of %d triples (limit %d)", size, MAX_CACHED_TRIPLES)
        return None
    enc = _Terms()
    payload: dict[str, Any] = {
        "engine": result.engine,
        "keep_all": result.keep_all,
        "inferred": enc.flat(result.inferred_triples()),
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
        "prefixes": result.prefixes(),
    }
    if provenance is not None:
        payload["derivations"] = _steps(enc, provenance)
    if sources is not None:
        payload["sources"] = [
            {"triples": enc.flat(g), "prefixes": [[p, str(ns)] for p, ns in g.namespaces()]}
            for g in sources
        ]
    elif with_asserted:
        payload["asserted"] = enc.flat(result.asserted_triples())
    payload["terms"] = enc.rows
    return write_payload(name, payload)


def read_payload(name: str) -> dict[str, Any] | None:
    """The JSON payload under key ``name``; None when absent or when its checksum or
    format does not match (a corrupted or truncated entry is never used)."""
    path = _path(name)
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


def _table(derivations: Mapping[str, list[Any]], terms: list[Node]) -> dict[Triple, Step]:
    rules, flat = derivations["rules"], derivations["steps"]
    table: dict[Triple, Step] = {}
    i = 0
    while i < len(flat):
        conclusion = (terms[flat[i]], terms[flat[i + 1]], terms[flat[i + 2]])
        rule, count = rules[flat[i + 3]], flat[i + 4]
        end = i + 5 + 3 * count
        table[conclusion] = (rule, tuple(_triples(flat[i + 5 : end], terms)))
        i = end
    return table


def _mentions(derivations: Mapping[str, list[Any]], terms: list[Node]) -> dict[Node, Triple]:
    flat = derivations["mentions"]
    return {
        terms[flat[i]]: (terms[flat[i + 1]], terms[flat[i + 2]], terms[flat[i + 3]])
        for i in range(0, len(flat), 4)
    }


@dataclass(frozen=True)
class Entry:
    """One cache entry read back: the result, and the input files' graphs if stored."""

    reasoning: Reasoning
    source_graphs: Callable[[], list[Graph]] | None
    """Builds the per-file graphs (in input order) on demand; None when not stored."""


def read(name: str, asserted: Graph | None = None) -> Entry | None:
    """The cached entry for key ``name``, or None when absent, corrupted or malformed.

    ``asserted`` is the input graph of a :func:`key_for_graph` key; for a
    :func:`key_for_files` key, pass None and the asserted triples come from the entry.
    """
    payload = read_payload(name)
    if payload is None:
        return None
    try:
        terms = [decode_term(row) for row in payload["terms"]]
        prefixes = [(str(p), str(ns)) for p, ns in payload["prefixes"]]
        stored = payload.get("sources")
        base: Graph | list[Triple]
        if asserted is not None:
            base = asserted
        elif stored is not None:
            base = list(dict.fromkeys(t for s in stored for t in _triples(s["triples"], terms)))
        else:
            base = _triples(payload["asserted"], terms)
        derivations = payload.get("derivations")
        findings = [
            Inconsistency(
                f["rule"],
                tuple(_triples(f["triples"], terms)),
                tuple((role, terms[i]) for role, i in f["roles"]),
                f["message"],
            )
            for f in payload["inconsistencies"]
        ]
        result = Reasoning(
            base,
            _triples(payload["inferred"], terms),
            findings,
            engine=payload["engine"],
            keep_all=payload["keep_all"],
            hidden=payload["hidden"],
            provenance=(
                RecordedProvenance(
                    lambda: _table(derivations, terms), lambda: _mentions(derivations, terms)
                )
                if derivations is not None
                else None
            ),
            prefixes=prefixes,
        )
    except (KeyError, IndexError, TypeError, ValueError) as err:
        logger.warning("ignoring malformed cache entry %s: %s", _path(name), err)
        return None

    def graphs() -> list[Graph]:
        out = []
        for source in stored or ():
            graph = Graph()  # as parse_source made it: rdflib's prefixes, then the file's
            for prefix, ns in source["prefixes"]:
                graph.bind(prefix, ns)
            add = graph.store.add
            for triple in _triples(source["triples"], terms):
                add(triple, graph)
            out.append(graph)
        return out

    return Entry(result, graphs if stored is not None else None)


def load(name: str, asserted: Graph | None = None) -> Reasoning | None:
    """The cached result for key ``name`` (see :func:`read`), or None."""
    entry = read(name, asserted)
    return entry.reasoning if entry is not None else None
