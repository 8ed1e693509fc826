"""The "Ask a question" page: SPARQL in the browser, offline, over the reasoned glossary.

At build time this module writes what the page needs beside the other static files:

* ``static/ask-data.js`` -- the reasoned glossary as N-Quads (asserted triples in the
  graph :data:`ASSERTED_GRAPH`, the reasoner's conclusions in :data:`INFERRED_GRAPH`,
  gzipped and base64-encoded), the label of every IRI that has one and the term pages'
  slugs (so answers show names and link to pages), the predeclared prefixes and the time
  limit.
* ``static/ask-engine.js`` -- Oxigraph's WebAssembly build (vendored in
  ``site/vendor/oxigraph``, gzipped) and the Web Worker's source: Oxigraph's
  ``web.js`` turned into a classic script (:func:`worker_source`) followed by
  ``static/ask-worker.js``.
* ``static/ask.js`` and ``static/ask.css`` -- the page's own script and style.

Everything is a script file, not data fetched at run time: from ``file://`` a browser
refuses ``fetch()`` and ``new Worker(url)``, so the page starts its worker from a
``blob:`` URL made of that source, hands it the compiled engine and the data, and
terminates and recreates it when a query runs past :data:`TIME_LIMIT_SECONDS`.

The examples are the query library's competency questions
(:func:`copro_kg.sparql.library.library`), each with its English question and the
glossary passage, and its parameters bound to their declared examples by the trailing
``VALUES`` block :func:`copro_kg.sparql.bindings.values_clause` writes for endpoints.

>>> [e.name for e in examples()][:2]
['acts-and-what-they-reference', 'broader-hierarchy-of-co-production']
"""

from __future__ import annotations

import base64
import gzip
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef

from copro_kg.history.graphs import history_quads
from copro_kg.io.serialize import serialize
from copro_kg.namespace import PREFIXES
from copro_kg.site.catalogue import MESSAGES
from copro_kg.site.messages import message
from copro_kg.site.records import Term
from copro_kg.sparql.bindings import values_clause
from copro_kg.sparql.library import LibraryQuery, bind_parameters, history_library, library
from copro_kg.vocab.labels import label_or_none

__all__ = [
    "ASSERTED_GRAPH",
    "BASE85_ALPHABET",
    "ENGINE_VERSION",
    "INFERRED_GRAPH",
    "SITE_BUDGET_BYTES",
    "STATIC_FILES",
    "TIME_LIMIT_SECONDS",
    "AskPage",
    "Example",
    "ask_files",
    "ask_page",
    "base85",
    "example_text",
    "examples",
    "nquads",
    "script_messages",
    "worker_source",
]

ENGINE_VERSION = "0.5.11"
"""The vendored Oxigraph (npm ``oxigraph``), see ``site/vendor/oxigraph/README.md``."""

ASSERTED_GRAPH = "https://w3id.org/copro-kg/graph/asserted"
"""Named graph of the asserted triples (the glossary plus ``--data``)."""

INFERRED_GRAPH = "https://w3id.org/copro-kg/graph/inferred"
"""Named graph of the triples the reasoner added (its user-visible conclusions)."""

TIME_LIMIT_SECONDS = 10
"""A query running longer is stopped: its worker is terminated and a fresh one started."""

SITE_BUDGET_BYTES = 10 * 1000 * 1000
"""The whole site, ask page and engine included, stays under 10 MB (a test checks it)."""

STATIC_FILES = ("ask.js", "ask.css")
"""The page's own files, copied from ``site/static``."""

# A predicate no data uses, to carry "this triple is inferred" through the one canonical
# N-Triples writer (whose blank node labels are then shared by both named graphs).
_INFERRED_MARK = "urn:x-copro-kg-inferred:"
_VENDOR = ("vendor", "oxigraph")


@dataclass(frozen=True)
class Example:
    """One competency question of the library, ready to run on the page."""

    name: str
    question: str
    passage: str
    needs_inference: bool
    text: str
    """The query as in ``queries/<name>.rq``, plus a ``VALUES`` block for its parameters."""


@dataclass(frozen=True)
class AskPage:
    """What the page's template shows (the rest goes to ``static/ask-data.js``)."""

    examples: list[Example]
    prefixes: list[str]
    asserted: int
    inferred: int
    time_limit: int = TIME_LIMIT_SECONDS
    asserted_graph: str = ASSERTED_GRAPH
    inferred_graph: str = INFERRED_GRAPH


def example_text(entry: LibraryQuery, graph: Graph | None = None) -> str:
    """``entry``'s text with its parameters bound to their declared examples.

    The values are resolved as ``copro-kg query --param`` resolves them and written as a
    trailing ``VALUES`` block (SPARQL 1.1 section 10.2.2), after a comment that says what
    each parameter means, so a reader can change the value and run again.
    """
    if not entry.parameters:
        return entry.text
    bound = bind_parameters(entry.example_parameters, entry, graph)
    notes = "".join(
        f"# ?{p.name}: {p.description} (here {p.example}; change it to ask about another)\n"
        for p in entry.parameters
    )
    return entry.text.rstrip("\n") + "\n" + notes + values_clause(bound).lstrip("\n")


def examples(graph: Graph | None = None) -> list[Example]:
    """The query library's questions as page examples, in the library's order."""
    return [
        Example(
            name=entry.name,
            question=entry.question,
            passage=entry.passage,
            needs_inference=entry.needs_inference,
            text=example_text(entry, graph),
        )
        for entry in [*library(), *history_library()]
    ]


def nquads(result: Any) -> bytes:
    """The reasoning ``result`` as N-Quads: asserted and inferred triples, named graphs.

    Written by the one canonical N-Triples writer (:func:`copro_kg.io.serialize.serialize`),
    so the same glossary gives the same bytes on every build. The inferred triples go
    through it with a marked predicate, so one canonical labelling names the blank nodes
    of both graphs and an OWL restriction keeps its identity across them.

    >>> from rdflib import Graph, URIRef
    >>> from copro_kg.reasoning.result import Reasoning
    >>> a, p = URIRef("urn:a"), URIRef("urn:p")
    >>> print(nquads(Reasoning([(a, p, a)], [(p, p, p)], engine="copro")).decode(), end="")
    <urn:a> <urn:p> <urn:a> <https://w3id.org/copro-kg/graph/asserted> .
    <urn:p> <urn:p> <urn:p> <https://w3id.org/copro-kg/graph/inferred> .
    """
    marked = Graph()
    add = marked.add
    for triple in result.asserted_triples():
        add(triple)
    for s, p, o in result.inferred_triples():
        add((s, URIRef(_INFERRED_MARK + str(p)), o))
    lines = []
    mark = f"<{_INFERRED_MARK}"
    # Split at "\n" only: a literal may hold U+2028, which str.splitlines() would cut.
    for line in serialize(marked, "nt").decode("utf-8").split("\n"):
        if not line:
            continue
        # An N-Triples line is "S P O ." and neither S (an IRI or a blank node label)
        # nor P (an IRI) contains a space.
        subject, predicate, rest = line.split(" ", 2)
        graph = ASSERTED_GRAPH
        if predicate.startswith(mark):
            predicate, graph = "<" + predicate[len(mark) :], INFERRED_GRAPH
        lines.append(f"{subject} {predicate} {rest[: -len(' .')]} <{graph}> .\n")
    return "".join(sorted(lines)).encode("utf-8")


def history_nquads() -> bytes:
    """The release history's named graphs (:mod:`copro_kg.history.graphs`) as N-Quads, so
    the page answers ``queries/history/`` as the store does; the page's default graph
    stays the asserted (and inferred) graph."""
    return ox.serialize(history_quads(), format=ox.RdfFormat.N_QUADS) or b""


def _vendor(name: str) -> bytes:
    return resources.files("copro_kg.site").joinpath(*_VENDOR, name).read_bytes()


_EXPORT = re.compile(r"^export (?=class |function |async function )", re.MULTILINE)
_EXPORT_LIST = re.compile(r"^export \{[^}]*\};?\s*$", re.MULTILINE)


def worker_source() -> str:
    """The Web Worker's script: Oxigraph's ``web.js`` as a classic script, then ours.

    ``web.js`` is an ES module; a worker started from a ``blob:`` URL of a page opened
    from disk cannot import, so the ``export`` keywords are dropped and the one use of
    ``import.meta.url`` (the default wasm URL, never used: the page passes the compiled
    module) points at the worker's own URL. Anything else module-only is refused here, so
    a new Oxigraph version that needs more fails the build, not the page.
    """
    engine = _vendor("web.js").decode("utf-8")
    engine = _EXPORT_LIST.sub("", _EXPORT.sub("", engine))
    engine = engine.replace("import.meta.url", "self.location.href")
    leftover = re.search(r"^\s*(import|export)\b|import\.meta", engine, re.MULTILINE)
    if leftover:
        raise RuntimeError(f"Oxigraph's web.js has module syntax left: {leftover.group(0)!r}")
    ours = resources.files("copro_kg.site").joinpath("static", "ask-worker.js").read_text("utf-8")
    return f"// Oxigraph {ENGINE_VERSION} (MIT OR Apache-2.0), web.js\n{engine}\n{ours}"


def _script(variable: str, data: object) -> str:
    """``data`` as a script setting ``window.<variable>``: inert, whatever the labels say.

    ``json.dumps`` with ``ensure_ascii`` gives a valid JavaScript literal (U+2028/U+2029
    escaped); ``<``, ``>`` and ``&`` are escaped too, so no text can close a script.
    """
    text = json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return f"window.{variable} = {text};\n"


# Base85 (RFC 1924's digit values, as base64.b85encode computes them) written in the
# printable ASCII characters that need no escape in a JSON string inside a script: no
# quote, backslash, <, > or &. 25% larger than the bytes, where base64 is 33%: for the
# 1.4 MB engine that is 0.1 MB less, which keeps the whole site under 5 MB.
_RFC1924 = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
BASE85_ALPHABET = bytes(c for c in range(0x21, 0x7F) if chr(c) not in '"\\<>&')[:85].decode()
"""The digits of the page's base85 (``ask.js`` decodes with the same string)."""


def base85(data: bytes) -> str:
    """``data`` in the page's base85: 5 characters per 4 bytes, a short last group.

    >>> base85(b"\\x00\\x00\\x00\\x00"), base85(b"wasm")
    ('!!!!!', 'KDBU2')
    """
    table = bytes.maketrans(_RFC1924, BASE85_ALPHABET.encode("ascii"))
    return base64.b85encode(data).translate(table).decode("ascii")


def _packed(data: bytes) -> str:
    # mtime=0: the same input gives the same bytes (a reproducible site).
    return base85(gzip.compress(data, compresslevel=9, mtime=0))


def _labels(result: Any, terms: list[Term]) -> dict[str, list[str]]:
    """IRI -> [label] or [label, slug of its page], for every IRI of the graph."""
    closure = result.closure
    out: dict[str, list[str]] = {}
    nodes = {n for triple in closure for n in triple if isinstance(n, URIRef)}
    for node in sorted(nodes):
        name = label_or_none(closure, node)
        if name is not None:
            out[str(node)] = [name]
    for term in terms:
        out[term.iri] = [term.label, term.slug]
    return out


def ask_page(result: Any, graph: Graph | None = None) -> AskPage:
    """The page's model: the examples and the size of each named graph."""
    return AskPage(
        examples=examples(graph if graph is not None else result.asserted),
        prefixes=sorted(PREFIXES),
        asserted=sum(1 for _ in result.asserted_triples()),
        inferred=result.inferred_count,
    )


def ask_files(result: Any, terms: list[Term], page: AskPage) -> dict[str, str | bytes]:
    """The static files of the page (path in the site -> content)."""
    data = {
        "nquads": _packed(nquads(result) + history_nquads()),
        "labels": _labels(result, terms),
        "prefixes": {prefix: str(ns) for prefix, ns in PREFIXES.items()},
        "graphs": {"asserted": ASSERTED_GRAPH, "inferred": INFERRED_GRAPH},
        "timeLimit": page.time_limit,
        "examples": {e.name: e.text for e in page.examples},
    }
    engine = {
        "version": ENGINE_VERSION,
        "wasm": base85(_vendor("web_bg.wasm.gz")),
        "alphabet": BASE85_ALPHABET,
        "worker": worker_source(),
    }
    files: dict[str, str | bytes] = {
        "static/ask-data.js": _script("COPRO_ASK_DATA", data),
        "static/ask-engine.js": _script("COPRO_ASK_ENGINE", engine),
        "static/oxigraph/LICENSE-MIT": _vendor("LICENSE-MIT"),
        "static/oxigraph/LICENSE-APACHE": _vendor("LICENSE-APACHE"),
        "static/oxigraph/README.md": _vendor("README.md"),
    }
    for name in STATIC_FILES:
        files[f"static/{name}"] = (resources.files("copro_kg.site") / "static" / name).read_bytes()
    return files


def script_messages() -> dict[str, str]:
    """The page script's sentences (``ask_js_*`` in the catalogue, {placeholders} kept)."""
    return {key[len("ask_js_") :]: message(key) for key in MESSAGES if key.startswith("ask_js_")}
