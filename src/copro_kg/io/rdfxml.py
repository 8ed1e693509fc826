"""A flat, typed-node, deterministic RDF/XML writer (the one TemaTres can read).

Why not rdflib's writers: TemaTres imports SKOS with PHP ``DOMDocument`` + XPath and
only finds concepts written as ``<skos:Concept rdf:about=...>`` elements that are
*direct children* of ``rdf:RDF`` (``inc.importSkos.php``). rdflib's ``xml`` writer
emits ``rdf:Description`` + ``rdf:type`` (TemaTres finds no concept), ``pretty-xml``
nests concepts inside ``skos:broader`` (TemaTres misses them), and neither is stable
from run to run (rdflib #665, #3545). See ``research/peers.md`` §2.1 and finding 7.

The document this module writes:

* one element per subject, directly under ``rdf:RDF`` -- never nested;
* the element is the subject's type (a *typed node*): ``skos:Concept`` when the
  subject is a concept, otherwise the most specific of :data:`PREFERRED_TYPES`, else
  the first type in IRI order; untyped subjects are ``rdf:Description``;
* IRIs in ``rdf:about`` / ``rdf:resource``, blank nodes as ``rdf:nodeID``, literals
  with ``xml:lang`` or ``rdf:datatype``;
* subjects, properties and values sorted, prefixes taken from the graph's bindings
  (then ``ns1``, ``ns2`` ... in namespace order), blank nodes relabelled canonically:
  the same graph always gives the same bytes.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
...   @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...   <http://ex.org/a> a skos:Concept ; skos:prefLabel "A & B"@en .''', format="turtle")
>>> print(serialize_rdfxml(g).decode())  # doctest: +NORMALIZE_WHITESPACE
<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:skos="http://www.w3.org/2004/02/skos/core#">
  <skos:Concept rdf:about="http://ex.org/a">
    <skos:prefLabel xml:lang="en">A &amp; B</skos:prefLabel>
  </skos:Concept>
</rdf:RDF>
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.engine.xsd import lexical_form
from copro_kg.errors import InputError
from copro_kg.io.canonical import canonical
from copro_kg.namespace import ISOTHES

__all__ = ["PREFERRED_TYPES", "serialize_rdfxml"]

PREFERRED_TYPES: tuple[URIRef, ...] = (
    SKOS.Concept,
    SKOS.ConceptScheme,
    ISOTHES.ThesaurusArray,
    ISOTHES.ConceptGroup,
    SKOS.OrderedCollection,
    SKOS.Collection,
    OWL.Ontology,
    OWL.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.Restriction,
    OWL.NamedIndividual,
    RDFS.Class,
    RDF.Property,
)
"""Types chosen as the element name, best first (a subject gets the first it has)."""

# Names RDF/XML reserves: they cannot be used as property or node element names.
_RESERVED = {
    URIRef(str(RDF) + name)
    for name in (
        "RDF",
        "ID",
        "about",
        "bagID",
        "parseType",
        "resource",
        "nodeID",
        "datatype",
        "Description",
        "li",
        "aboutEach",
        "aboutEachPrefix",
    )
}

# XML 1.0 NCName (ASCII start chars plus the Unicode letter ranges the spec allows).
_NAME_START = (
    "A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
)
_NAME_CHAR = _NAME_START + r"\-.0-9\u00b7\u0300-\u036f\u203f-\u2040"
_LOCAL_NAME = re.compile(f"[{_NAME_START}][{_NAME_CHAR}]*$")
# Characters XML 1.0 cannot carry at all, even as character references.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def serialize_rdfxml(graph: Graph) -> bytes:
    """Serialise ``graph`` as flat, typed-node RDF/XML (UTF-8 bytes).

    Args:
        graph: the triples to write; its prefix bindings name the namespaces.

    Returns:
        The document; byte-for-byte the same for the same triples and prefixes.

    Raises:
        InputError: a predicate or type IRI cannot be written as an XML element name
            (e.g. it ends in ``/``), or a literal holds a character XML cannot carry.
    """
    # rdflib's blank node ids are random per run; canonical labels make the output
    # deterministic (RDF/XML only needs them to be unique inside the document).
    graph = canonical(graph)
    by_subject: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in graph:
        by_subject[s].append((p, o))
    nodes: list[tuple[Node, URIRef | None, list[tuple[Node, Node]]]] = []
    for subject in sorted(by_subject, key=_sort_key):
        pairs = by_subject[subject]
        element_type = _element_type(pairs)
        props = [(p, o) for p, o in pairs if not (p == RDF.type and o == element_type)]
        props.sort(key=lambda po: (_sort_key(po[0]), _sort_key(po[1])))
        nodes.append((subject, element_type, props))
    # Name every element first, in IRI order, so generated prefixes (ns1, ns2 ...)
    # do not depend on which subject happens to come first.
    names = _Namespaces(graph)
    for term in sorted(
        {t for _, t, _ in nodes if t is not None} | {p for *_, ps in nodes for p, _ in ps},
        key=str,
    ):
        names.qname(term)

    body: list[str] = []
    for subject, element_type, props in nodes:
        tag = names.qname(element_type) if element_type is not None else "rdf:Description"
        attr = (
            f'rdf:nodeID="{_bnode_id(subject)}"'
            if isinstance(subject, BNode)
            else f"rdf:about={_attr(str(subject))}"
        )
        if not props:
            body.append(f"  <{tag} {attr}/>")
            continue
        body.append(f"  <{tag} {attr}>")
        body.extend("    " + _property(names.qname(p), o) for p, o in props)
        body.append(f"  </{tag}>")

    declarations = "\n".join(
        f"  xmlns:{prefix}={_attr(ns)}" for prefix, ns in sorted(names.used.items())
    )
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF\n{declarations}>'
    return "\n".join([head, *body, "</rdf:RDF>", ""]).encode("utf-8")


def _element_type(pairs: Iterable[tuple[Node, Node]]) -> URIRef | None:
    types = sorted(
        o
        for p, o in pairs
        if p == RDF.type and isinstance(o, URIRef) and o not in _RESERVED and _splittable(o)
    )
    for preferred in PREFERRED_TYPES:
        if preferred in types:
            return preferred
    return types[0] if types else None


def _property(tag: str, obj: Node) -> str:
    if isinstance(obj, URIRef):
        return f"<{tag} rdf:resource={_attr(str(obj))}/>"
    if isinstance(obj, BNode):
        return f'<{tag} rdf:nodeID="{_bnode_id(obj)}"/>'
    if not isinstance(obj, Literal):  # pragma: no cover - graphs hold only these three
        raise InputError(f"cannot write {obj!r} as RDF/XML")
    attrs = ""
    if obj.language:
        attrs = f' xml:lang="{obj.language}"'
    elif obj.datatype is not None:
        attrs = f" rdf:datatype={_attr(str(obj.datatype))}"
    return f"<{tag}{attrs}>{_text(lexical_form(obj))}</{tag}>"


def _text(value: str) -> str:
    _check_chars(value)
    # \r would be normalised to \n by every XML parser: keep it as a reference.
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _attr(value: str) -> str:
    _check_chars(value)
    # Attribute-value normalisation turns raw tabs and newlines into spaces.
    escaped = (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )
    return f'"{escaped}"'


def _check_chars(value: str) -> None:
    bad = _NOT_XML.search(value)
    if bad:
        raise InputError(
            f"cannot write {value[:60]!r} as RDF/XML: XML 1.0 cannot hold the character "
            f"U+{ord(bad.group()):04X}",
            hint="export as Turtle or N-Triples instead",
        )


def _bnode_id(node: BNode) -> str:
    # rdf:nodeID must be an XML NCName; canonical ids are hex digests, so prefix them.
    label = re.sub(f"[^{_NAME_CHAR}]", "_", str(node))
    return label if _LOCAL_NAME.match(label) else f"b{label}"


def _sort_key(node: Node) -> tuple[int, str]:
    # IRIs first, then blank nodes, then literals; each in lexical order (with the
    # language / datatype so that "1"@en and "1"^^xsd:string stay distinct).
    if isinstance(node, URIRef):
        return (0, str(node))
    if isinstance(node, BNode):
        return (1, str(node))
    if isinstance(node, Literal):
        return (2, f"{node}\x00{node.language or ''}\x00{node.datatype or ''}")
    return (3, str(node))  # pragma: no cover


def _split(iri: str) -> tuple[str, str] | None:
    """Split ``iri`` into a namespace and the longest suffix that is an XML NCName.

    >>> _split("http://purl.org/iso25964/skos-thes#broaderGeneric")
    ('http://purl.org/iso25964/skos-thes#', 'broaderGeneric')
    >>> _split("http://ex.org/ends/") is None
    True
    """
    for start in range(1, len(iri)):
        if _LOCAL_NAME.match(iri[start:]):
            return iri[:start], iri[start:]
    return None


def _splittable(iri: URIRef) -> bool:
    return _split(str(iri)) is not None


class _Namespaces:
    """Prefixes for the namespaces the document uses: the graph's own, then ``nsN``."""

    def __init__(self, graph: Graph) -> None:
        self.bound: dict[str, str] = {}
        for prefix, ns in graph.namespaces():
            usable = prefix and _LOCAL_NAME.match(prefix) and not prefix.lower().startswith("xml")
            if usable and str(ns) not in self.bound:
                self.bound[str(ns)] = prefix
        self.bound[str(RDF)] = "rdf"
        self.used: dict[str, str] = {"rdf": str(RDF)}
        self._generated = 0

    def _prefix(self, ns: str) -> str:
        prefix = self.bound.get(ns)
        if prefix is None:
            taken = set(self.bound.values())
            while prefix is None or prefix in taken:
                self._generated += 1
                prefix = f"ns{self._generated}"
            self.bound[ns] = prefix
        self.used[prefix] = ns
        return prefix

    def qname(self, iri: Node) -> str:
        if not isinstance(iri, URIRef) or iri in _RESERVED:
            raise InputError(f"cannot use {iri} as an RDF/XML property or type name")
        text = str(iri)
        # Prefer the graph's binding when it matches exactly (copro:, skos: ...).
        for ns, prefix in sorted(self.bound.items(), key=lambda kv: -len(kv[0])):
            if text.startswith(ns) and _LOCAL_NAME.match(text[len(ns) :]):
                self.used[prefix] = ns
                return f"{prefix}:{text[len(ns) :]}"
        split = _split(text)
        if split is None:
            raise InputError(
                f"cannot write the property or type <{text}> as RDF/XML: it does not end "
                "in a name XML allows",
                hint="export as Turtle or N-Triples instead",
            )
        return f"{self._prefix(split[0])}:{split[1]}"
