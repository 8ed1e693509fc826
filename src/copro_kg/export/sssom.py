"""The mapping set as SSSOM: every mapping of the graph with its justification.

SSSOM (the Simple Standard for Sharing Ontological Mappings, https://w3id.org/sssom/) is
how ontology and thesaurus projects exchange mappings: one TSV row per mapping, with a
YAML metadata block in ``#`` lines. ``copro-kg export --format sssom`` writes it; the
``sssom`` package (PyPI) reads and validates it in the tests. Written here by hand so that
exporting needs neither pandas nor LinkML.

Each row comes from a stated SKOS mapping (``skos:closeMatch`` ...); its justification is
the ``owl:Axiom`` annotation ``ontology/mappings.ttl`` gives it: the ``skos:editorialNote``
saying why (the ``comment`` column), its creator (``author_id``) and our confidence
(``https://w3id.org/sssom/confidence`` on the axiom; see ontology/README.md for the
scale). Mappings are copro-kg's reading, never the glossary's: every row is
``semapv:ManualMappingCuration`` by copro-kg. A mapping of the user's without such an
annotation is written with ``semapv:UnspecifiedMatching`` and no confidence.

>>> from copro_kg import load
>>> text = sssom_tsv(load()).decode()
>>> text.splitlines()[0]
'#curie_map:'
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg._version import __version__
from copro_kg.namespace import BASE, COPRO
from copro_kg.prefixes import MAPPED_MODELS
from copro_kg.vocab.labels import label_or_none

__all__ = ["MAPPING_PREDICATES", "SSSOM", "MappingRow", "mapping_rows", "sssom_tsv"]

SSSOM = Namespace("https://w3id.org/sssom/")
SEMAPV = "https://w3id.org/semapv/vocab/"

MAPPING_PREDICATES = (
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
)

COLUMNS = (
    "subject_id",
    "subject_label",
    "predicate_id",
    "object_id",
    "object_label",
    "mapping_justification",
    "confidence",
    "author_id",
    "subject_source",
    "object_source",
    "comment",
)

# Prefixes of the vocabularies the glossary is mapped to (CURIEs are required in SSSOM).
_PREFIXES = {
    "copro": BASE,
    **MAPPED_MODELS,
    "skos": str(SKOS),
    "semapv": SEMAPV,
    "unesco": "http://vocabularies.unesco.org/thesaurus/",
    "eurovoc": "http://eurovoc.europa.eu/",
    "stw": "http://zbw.eu/stw/descriptor/",
}


@dataclass(frozen=True, order=True)
class MappingRow:
    """One mapping, as the SSSOM row holds it (IRIs, not CURIEs)."""

    subject_id: str
    predicate_id: str
    object_id: str
    subject_label: str
    object_label: str
    justification: str
    confidence: float | None
    author_id: str
    subject_source: str
    object_source: str
    comment: str


def mapping_rows(graph: Graph) -> list[MappingRow]:
    """Every stated mapping of ``graph`` between IRIs, with its annotation, sorted."""
    notes = _annotations(graph)
    rows = []
    for prop in MAPPING_PREDICATES:
        for s, o in graph.subject_objects(prop):
            if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
                continue
            axiom = notes.get((s, prop, o))
            comment = _text(graph, axiom, SKOS.editorialNote) if axiom is not None else ""
            author = graph.value(axiom, DCTERMS.creator) if axiom is not None else None
            confidence = graph.value(axiom, SSSOM.confidence) if axiom is not None else None
            rows.append(
                MappingRow(
                    subject_id=str(s),
                    predicate_id=str(prop),
                    object_id=str(o),
                    subject_label=label_or_none(graph, s) or "",
                    object_label=_target_label(graph, o),
                    justification=SEMAPV
                    + ("ManualMappingCuration" if axiom is not None else "UnspecifiedMatching"),
                    confidence=float(confidence) if isinstance(confidence, Literal) else None,
                    author_id=str(COPRO["agent-copro-kg"]) if author is not None else "",
                    subject_source=_source(graph, s),
                    object_source=_source(graph, o),
                    comment=comment,
                )
            )
    return sorted(rows)


def sssom_tsv(graph: Graph) -> bytes:
    """The mapping set of ``graph`` as SSSOM TSV (UTF-8), metadata block first."""
    rows = mapping_rows(graph)
    used = {
        iri
        for row in rows
        for iri in (
            row.subject_id,
            row.object_id,
            row.predicate_id,
            row.subject_source,
            row.object_source,
        )
        if iri
    }
    prefixes = dict(_PREFIXES)
    for iri in sorted(used):
        if not any(iri.startswith(ns) for ns in prefixes.values()):
            prefixes[f"ns{len(prefixes)}"] = iri.rsplit("/", 1)[0] + "/"
    out = io.StringIO()
    out.write("#curie_map:\n")
    for prefix, ns in sorted(prefixes.items()):
        out.write(f"#  {prefix}: {ns}\n")
    for key, value in _metadata():
        out.write(f"#{key}: {value}\n")
    out.write("#creator_id:\n#  - copro:agent-copro-kg\n")
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        cells = [
            _curie(row.subject_id, prefixes),
            row.subject_label,
            _curie(row.predicate_id, prefixes),
            _curie(row.object_id, prefixes),
            row.object_label,
            _curie(row.justification, prefixes),
            "" if row.confidence is None else f"{row.confidence:g}",
            _curie(row.author_id, prefixes) if row.author_id else "",
            _curie(row.subject_source, prefixes) if row.subject_source else "",
            _curie(row.object_source, prefixes) if row.object_source else "",
            row.comment,
        ]
        out.write("\t".join(_cell(c) for c in cells) + "\n")
    return out.getvalue().encode("utf-8")


def _metadata() -> Iterable[tuple[str, str]]:
    yield "mapping_set_id", f"{BASE}mappings.sssom.tsv"
    yield "mapping_set_version", __version__
    yield "mapping_set_title", "copro-kg mappings of the Engagement and co-production glossary"
    yield (
        "mapping_set_description",
        "copro-kg's mappings (not the glossary's) from the Co-production Network for Wales' "
        "glossary terms to Arnstein's ladder, TLAP's ladder, the IAP2 Spectrum (as modelled by "
        "copro-kg) and UNESCO, EuroVoc and STW concepts, each with why.",
    )
    yield "license", "https://spdx.org/licenses/MIT"


def _annotations(graph: Graph) -> dict[tuple[Node, Node, Node], Node]:
    found: dict[tuple[Node, Node, Node], Node] = {}
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        key = (
            graph.value(axiom, OWL.annotatedSource),
            graph.value(axiom, OWL.annotatedProperty),
            graph.value(axiom, OWL.annotatedTarget),
        )
        if None not in key:
            found[key] = axiom  # type: ignore[index]
    return found


def _text(graph: Graph, node: Node | None, prop: URIRef) -> str:
    values = [v for v in graph.objects(node, prop) if isinstance(v, Literal)]
    english = [v for v in values if v.language in ("en", None)]
    return " ".join(sorted(str(v) for v in english or values))


def _target_label(graph: Graph, node: Node) -> str:
    found = label_or_none(graph, node)
    if found:
        return found
    return _text(graph, node, RDFS.label)


def _source(graph: Graph, node: Node) -> str:
    """The scheme a mapped resource is in, when the graph says (ours always do)."""
    scheme = graph.value(node, SKOS.inScheme)
    return str(scheme) if isinstance(scheme, URIRef) else ""


def _curie(iri: str, prefixes: dict[str, str]) -> str:
    best = max(
        ((p, ns) for p, ns in prefixes.items() if iri.startswith(ns)),
        key=lambda pn: len(pn[1]),
        default=None,
    )
    return f"{best[0]}:{iri[len(best[1]) :]}" if best else iri


def _cell(text: str) -> str:
    # TSV: a tab or line break inside a cell would break the row.
    return " ".join(text.split())
