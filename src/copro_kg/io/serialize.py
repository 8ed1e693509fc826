"""The one RDF writer: Turtle, N-Triples, JSON-LD and RDF/XML, the same bytes every time.

Exports, ``reason -o``, SPARQL CONSTRUCT answers (CLI and ``serve``) all write through
:func:`serialize`, so one graph gives one document whatever the process, the insertion
order or ``PYTHONHASHSEED``: blank nodes get canonical labels
(:func:`copro_kg.io.canonical.canonical`), subjects, properties and values are sorted.

Two rdflib writers are not used as they are, because real tools read their output as a
different graph (issue 19):

* **Turtle**: rdflib writes a blank node with one reference at the top level when it
  meets it before its referrer, and later writes the list that ends in it as ``( … )``
  from the head, which repeats the already written tail as new blank nodes (the reasoned
  export had 4,820 triples by Jena and pyoxigraph against 4,818 in its N-Triples
  sibling). :class:`_TurtleWriter` writes a list as ``( … )`` only if none of its nodes
  has been written yet; otherwise the nodes are written by label.
* **JSON-LD**: rdflib writes an ``rdf:type`` whose object is a blank node (the reasoner
  types individuals with OWL restrictions) as ``"@type": [{"@id": "_:b"}]``, which
  JSON-LD 1.1 (§4.1.1: ``@type`` values are strings) forbids; pyoxigraph, pyld, jsonld.js
  and Jena refuse the file. :func:`_jsonld` writes flattened JSON-LD itself: ``@type``
  holds IRIs only, and a blank-node (or literal) type is an ordinary ``rdf:type``
  property, as the JSON-LD 1.1 expansion algorithm reads any non-keyword key.

>>> from rdflib import Graph
>>> g = Graph().parse(data="<http://ex.org/a> a <http://ex.org/C> .", format="turtle")
>>> print(serialize(g, "nt").decode(), end="")
<http://ex.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://ex.org/C> .
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.formats import format_for_path, get
from copro_kg.io.atomic import write_atomic
from copro_kg.io.canonical import canonical
from copro_kg.io.locate import BAD_IRI
from copro_kg.io.rdfxml import serialize_rdfxml

__all__ = ["serialize", "serialize_graph", "serialize_text"]


def serialize(graph: Graph, fmt: str) -> bytes:
    """``graph`` as UTF-8 bytes in ``fmt`` (any name of Turtle, N-Triples, JSON-LD, RDF/XML).

    Other rdflib formats (``n3``, ``trig``, ``pretty-xml`` ...) are written by rdflib
    after canonical relabelling, so they are stable too but not otherwise tidied.

    Raises:
        InputError: an unknown format, or a graph the format cannot hold (an IRI with a
            space, a predicate RDF/XML cannot name).
    """
    name = format_for_path("-", fmt)
    _refuse_bad_iris(graph, name)
    try:
        if name == "turtle":
            return _turtle(canonical(graph))
        if name == "nt":
            return _ntriples(canonical(graph))
        if name == "json-ld":
            return _jsonld(canonical(graph))
        if name == "xml":
            return serialize_rdfxml(graph)
        return canonical(graph).serialize(format=name, encoding="utf-8")
    except InputError:
        raise
    except Exception as err:  # rdflib's writers raise bare Exceptions (IRI with a space)
        raise InputError(f"cannot write the graph as {_label(name)}: {err}") from err


def serialize_text(graph: Graph, fmt: str) -> str:
    """:func:`serialize` as text (for stdout and HTTP bodies)."""
    return serialize(graph, fmt).decode("utf-8")


def serialize_graph(graph: Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Write ``graph`` to ``path`` atomically, in ``fmt`` or the format of its extension.

    The whole document is produced in memory first: a writer failing midway leaves the
    previous file as it was.

    Raises:
        InputError: unknown format or extension, or content the format cannot hold.
    """
    try:
        data = serialize(graph, format_for_path(path, fmt))
    except InputError as err:
        raise InputError(err.message, location=str(path), hint=err.hint) from err
    return write_atomic(path, data)


def _refuse_bad_iris(graph: Graph, name: str) -> None:
    """No syntax can carry an IRI with a space or ``<>"{}|^`\\`` (RFC 3987); rdflib's
    writers fail on some of them midway and the RDF/XML one would write a broken file."""
    for triple in graph:
        for term in triple:
            if isinstance(term, Literal) and term.datatype is not None:
                term = term.datatype
            if isinstance(term, URIRef) and BAD_IRI.search(term):
                raise InputError(
                    f"cannot write the graph as {_label(name)}: the IRI <{term}> contains a "
                    "space, quote, control character or one of <>{}|^`\\",
                    hint="percent-encode the character (a space is %20)",
                )


def _label(name: str) -> str:
    return get(name).label if _known(name) else name


def _known(name: str) -> bool:
    try:
        get(name)
    except InputError:
        return False
    return True


# --- Turtle ---------------------------------------------------------------------------


class _TurtleWriter(TurtleSerializer):
    """rdflib's Turtle writer, minus the repeated list tail (see the module notes)."""

    def isValidList(self, l_: Node) -> bool:  # noqa: N802 (rdflib's name)
        node: Node | None = l_
        while node is not None and node != RDF.nil:
            if self.isDone(node):  # type: ignore[arg-type]
                return False
            node = self.store.value(node, RDF.rest)  # type: ignore[arg-type]
        return bool(super().isValidList(l_))


def _turtle(graph: Graph) -> bytes:
    stream = io.BytesIO()
    _TurtleWriter(graph).serialize(stream, encoding="utf-8")
    return stream.getvalue()


# --- N-Triples ------------------------------------------------------------------------


def _ntriples(graph: Graph) -> bytes:
    text = graph.serialize(format="nt", encoding="utf-8")
    return b"".join(sorted(line + b"\n" for line in text.splitlines() if line.strip()))


# --- JSON-LD --------------------------------------------------------------------------

# A prefix may stand for an IRI start in a compact IRI only if its namespace ends in a
# gen-delim (JSON-LD 1.1, Create Term Definition step 14.2.3: the "prefix flag").
_GEN_DELIMS = tuple(":/?#[]@")
_Value = dict[str, str]


def _jsonld(graph: Graph) -> bytes:
    """Flattened JSON-LD 1.1: an inline ``@context`` of the prefixes used, one node
    object per subject, sorted (JSON-LD 1.1 §4.1 node objects, §4.2 value objects)."""
    compact = _Compactor(graph)
    nodes: dict[str, dict[str, list[object]]] = {}
    for s, p, o in graph:
        node = nodes.setdefault(compact.node(s), {})
        if p == RDF.type and isinstance(o, URIRef):
            node.setdefault("@type", []).append(compact.iri(o))
        else:
            node.setdefault(compact.iri(p), []).append(compact.value(o))
    graph_items: list[dict[str, object]] = []
    for key in sorted(nodes):
        item: dict[str, object] = {"@id": key}
        for prop, values in nodes[key].items():
            ordered = sorted(values, key=lambda v: json.dumps(v, sort_keys=True))
            item[prop] = ordered[0] if len(ordered) == 1 else ordered
        graph_items.append(item)
    document = {"@context": compact.context, "@graph": graph_items}
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


class _Compactor:
    """Compact IRIs with the graph's prefixes, safely for any JSON-LD 1.1 processor."""

    def __init__(self, graph: Graph) -> None:
        iris = {str(t) for triple in graph for t in triple if isinstance(t, URIRef)}
        iris |= {str(o.datatype) for o in graph.objects() if isinstance(o, Literal)}
        iris.discard("")
        candidates = {
            prefix: str(ns)
            for prefix, ns in graph.namespaces()
            if prefix and str(ns).endswith(_GEN_DELIMS) and ":" not in prefix
        }
        # An absolute IRI whose scheme is also a prefix ("urn:x" with a prefix "urn")
        # would be expanded as a compact IRI: such prefixes are left out.
        schemes = {iri.split(":", 1)[0] for iri in iris}
        self.prefixes = {p: ns for p, ns in candidates.items() if p not in schemes}
        # Longest namespace first, so the most specific prefix wins.
        self._order = sorted(self.prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        used = {prefix for iri in iris if (prefix := self._prefix_of(iri))}
        self.context = {p: self.prefixes[p] for p in sorted(used)}

    def _prefix_of(self, iri: str) -> str | None:
        for prefix, ns in self._order:
            if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                return prefix
        return None

    def iri(self, iri: Node) -> str:
        text = str(iri)
        prefix = self._prefix_of(text)
        return f"{prefix}:{text[len(self.prefixes[prefix]) :]}" if prefix else text

    def node(self, term: Node) -> str:
        return f"_:{term}" if isinstance(term, BNode) else self.iri(term)

    def value(self, term: Node) -> _Value:
        if not isinstance(term, Literal):
            return {"@id": self.node(term)}
        out = {"@value": str(term)}
        if term.language:
            out["@language"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["@type"] = self.iri(term.datatype)
        return out
