"""The one RDF writer: Turtle, N-Triples, JSON-LD and RDF/XML, the same bytes every time.

Exports, ``reason -o``, SPARQL CONSTRUCT answers (CLI and ``serve``) all write through
:func:`serialize`, so one graph gives one document whatever the process, the insertion
order or ``PYTHONHASHSEED``: blank nodes get canonical labels
(:mod:`copro_kg.io.canonical`, bounded work), subjects, properties and values are sorted.

Speed: the graph's store is read once; only triples with a blank node are relabelled;
N-Triples and JSON-LD are written here from the triples, with no Graph copy (rdflib's
N-Triples writer is not needed: sorted lines are the whole format). A reasoned
10,000-concept thesaurus with ``--all`` (548,000 triples) is written as N-Triples in
4 s of CPU, against 27 s with rdflib's canonicalisation of every triple.

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
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from copro_kg.engine.xsd import lexical_form
from copro_kg.errors import InputError, OutputWarning
from copro_kg.formats import format_for_path, get
from copro_kg.io.atomic import write_atomic
from copro_kg.io.canonical import Triple, canonical, canonical_triples
from copro_kg.io.locate import BAD_IRI
from copro_kg.io.rdfxml import serialize_rdfxml

__all__ = ["is_rdf", "serialize", "serialize_graph", "serialize_text"]


def serialize(graph: Graph, fmt: str, *, where: str | None = None) -> bytes:
    """``graph`` as UTF-8 bytes in ``fmt`` (any name of Turtle, N-Triples, JSON-LD, RDF/XML).

    Generalised triples (a literal subject, a predicate that is not an IRI: ``reason
    --all`` keeps them) have no form in any of these syntaxes: they are left out, with a
    :class:`~copro_kg.errors.OutputWarning` saying how many (``where`` names the file).

    Other rdflib formats (``n3``, ``trig``, ``pretty-xml`` ...) are written by rdflib
    after canonical relabelling, so they are stable too but not otherwise tidied.

    Raises:
        InputError: an unknown format, or a graph the format cannot hold (an IRI with a
            space, a predicate RDF/XML cannot name).
    """
    name = format_for_path("-", fmt)
    triples = list(graph)  # the store is iterated once: it costs more than the writing
    kept = [t for t in triples if is_rdf(t)]
    if len(kept) < len(triples):
        _say_left_out(len(triples) - len(kept), name, where)
        triples = kept
        graph = _graph_of(kept, graph)
    _refuse_bad_iris(triples, name)
    try:
        if name == "nt":
            return _ntriples(canonical_triples(triples))
        if name == "json-ld":
            return _jsonld(canonical_triples(triples), graph.namespaces())
        if name == "xml":
            return serialize_rdfxml(graph)
        relabelled = canonical(graph, triples)
        if name == "turtle":
            return _turtle(relabelled)
        return relabelled.serialize(format=name, encoding="utf-8")
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
        data = serialize(graph, format_for_path(path, fmt), where=str(path))
    except InputError as err:
        raise InputError(err.message, location=str(path), hint=err.hint) from err
    return write_atomic(path, data)


def is_rdf(triple: Triple) -> bool:
    """Whether ``triple`` is an RDF 1.1 triple: an IRI or blank node subject, an IRI
    predicate (RDF 1.1 Concepts, 3.1). Only these can be written.

    >>> is_rdf((Literal("x"), RDF.type, RDF.Property))
    False
    """
    s, p, _ = triple
    return isinstance(s, URIRef | BNode) and isinstance(p, URIRef)


def _say_left_out(count: int, name: str, where: str | None) -> None:
    import warnings

    warnings.warn(
        OutputWarning(
            f"{count:,} generalised triple{'s' if count != 1 else ''} (a literal subject or a "
            f"predicate that is not an IRI, kept by --all) cannot be written in {_label(name)}",
            location=where,
            hint="RDF 1.1 has no form for them in any syntax; leave out --all for plain RDF",
        ),
        stacklevel=3,
    )


def _graph_of(triples: list[Triple], like: Graph) -> Graph:
    """A Graph of ``triples`` with the prefixes of ``like``."""
    out = Graph()
    for prefix, ns in like.namespaces():
        out.bind(prefix, ns, override=True, replace=True)
    add = out.store.add
    for triple in triples:
        add(triple, out)
    return out


def _refuse_bad_iris(triples: Iterable[Triple], name: str) -> None:
    """No syntax can carry an IRI with a space or ``<>"{}|^`\\`` (RFC 3987); rdflib's
    writers fail on some of them midway and the RDF/XML one would write a broken file."""
    seen: set[Node] = set()  # each distinct term is checked once
    for triple in triples:
        for term in triple:
            if term in seen:
                continue
            seen.add(term)
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
    """rdflib's Turtle writer, minus the repeated list tail (see the module notes).

    Prefixed names found are remembered per term: rdflib computes one for every term of
    every triple, twice (to collect the prefixes, then to write), which was a third of
    the time of writing a reasoned thesaurus. A name, once found, stays the same and its
    prefix is registered on the first call; "no name" is not remembered, because a
    prefix generated later for a predicate (``ns1``) can give the term one.
    """

    def get_pname(self, uri: Node, gen_prefix: bool = True) -> str | None:
        memo: dict[tuple[Node, bool], str] = self.__dict__.setdefault("_pnames", {})
        key = (uri, gen_prefix)
        found = memo.get(key)
        if found is None:
            found = super().get_pname(uri, gen_prefix)
            if found is not None:
                memo[key] = found
        return found

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


def _ntriples(triples: Iterable[Triple]) -> bytes:
    """One line per triple, sorted (code point order, which is UTF-8 byte order).

    Written here rather than by rdflib: its writer gives a literal *subject* (``reason
    --all``) in Turtle's long-string form, over several lines, which sorting the lines
    then scattered.
    """
    lines = sorted(f"{_nt(s)} {_nt(p)} {_nt(o)} .\n" for s, p, o in triples)
    return "".join(lines).encode("utf-8")


_NT_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", '"': '\\"', "\r": "\\r"})
"""The characters a quoted N-Triples string escapes (the ones rdflib escapes)."""


def _nt(term: Node) -> str:
    """A term in N-Triples (RDF 1.1 N-Triples, Section 2.3)."""
    if isinstance(term, Literal):
        text = '"' + lexical_form(term).translate(_NT_ESCAPES) + '"'
        if term.language:
            return f"{text}@{term.language}"
        return f"{text}^^<{term.datatype}>" if term.datatype is not None else text
    if isinstance(term, BNode):
        return f"_:{term}"
    return f"<{term}>"


# --- JSON-LD --------------------------------------------------------------------------

# A prefix may stand for an IRI start in a compact IRI only if its namespace ends in a
# gen-delim (JSON-LD 1.1, Create Term Definition step 14.2.3: the "prefix flag").
_GEN_DELIMS = tuple(":/?#[]@")
_Value = dict[str, str]


def _jsonld(triples: list[Triple], namespaces: Iterable[tuple[str, Node]]) -> bytes:
    """Flattened JSON-LD 1.1: an inline ``@context`` of the prefixes used, one node
    object per subject, sorted (JSON-LD 1.1 §4.1 node objects, §4.2 value objects)."""
    compact = _Compactor(triples, namespaces)
    nodes: dict[str, dict[str, list[_Value]]] = {}
    types: dict[str, list[str]] = {}
    for s, p, o in triples:
        key = compact.node(s)
        node = nodes.setdefault(key, {})
        if p == RDF.type and isinstance(o, URIRef):
            types.setdefault(key, []).append(compact.iri(o))
        else:
            node.setdefault(compact.iri(p), []).append(compact.value(o))
    graph_items: list[dict[str, object]] = []
    for key in sorted(nodes):
        item: dict[str, object] = {"@id": key}
        if key in types:
            found = sorted(types[key], key=_value_order)
            item["@type"] = found[0] if len(found) == 1 else found
        for prop, values in nodes[key].items():
            ordered = sorted(values, key=_value_order)
            item[prop] = ordered[0] if len(ordered) == 1 else ordered
        graph_items.append(item)
    document = {"@context": compact.context, "@graph": graph_items}
    text = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False)
    return (text + "\n").encode("utf-8")


def _value_order(value: object) -> str:
    return json.dumps(value, sort_keys=True)


class _Compactor:
    """Compact IRIs with the graph's prefixes, safely for any JSON-LD 1.1 processor."""

    def __init__(self, triples: list[Triple], namespaces: Iterable[tuple[str, Node]]) -> None:
        iris = {str(t) for triple in triples for t in triple if isinstance(t, URIRef)}
        iris |= {str(o.datatype) for _, _, o in triples if isinstance(o, Literal)}
        iris.discard("")
        candidates = {
            prefix: str(ns)
            for prefix, ns in namespaces
            if prefix and str(ns).endswith(_GEN_DELIMS) and ":" not in prefix
        }
        # An absolute IRI whose scheme is also a prefix ("urn:x" with a prefix "urn")
        # would be expanded as a compact IRI: such prefixes are left out.
        schemes = {iri.split(":", 1)[0] for iri in iris}
        self.prefixes = {p: ns for p, ns in candidates.items() if p not in schemes}
        # Longest namespace first, so the most specific prefix wins.
        self._order = sorted(self.prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        self._memo: dict[str, str | None] = {}
        used = {prefix for iri in iris if (prefix := self._prefix_of(iri))}
        self.context = {p: self.prefixes[p] for p in sorted(used)}

    def _prefix_of(self, iri: str) -> str | None:
        if iri in self._memo:
            return self._memo[iri]
        found = None
        for prefix, ns in self._order:
            if iri.startswith(ns) and not iri[len(ns) :].startswith("//"):
                found = prefix
                break
        self._memo[iri] = found
        return found

    def iri(self, iri: Node) -> str:
        text = str(iri)
        prefix = self._prefix_of(text)
        return f"{prefix}:{text[len(self.prefixes[prefix]) :]}" if prefix else text

    def node(self, term: Node) -> str:
        return f"_:{term}" if isinstance(term, BNode) else self.iri(term)

    def value(self, term: Node) -> _Value:
        if not isinstance(term, Literal):
            return {"@id": self.node(term)}
        out = {"@value": lexical_form(term)}
        if term.language:
            out["@language"] = term.language
        elif term.datatype is not None and term.datatype != XSD.string:
            out["@type"] = self.iri(term.datatype)
        return out
