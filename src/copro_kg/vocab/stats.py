"""What is in the graph: a small, picture-free summary table of the glossary graph.

Counts come from the asserted triples (the shipped ontology plus any user files), never from a
reasoner, so the table says what the files contain. The README's "What is in the graph" section is
this module's Markdown output (``copro-kg stats``; ``make readme-stats`` rewrites it; a test checks
the two are equal), so it never goes stale.

>>> from copro_kg import load
>>> table = to_markdown(summarise(load()))
>>> table.splitlines()[0]
'| What | How it is modelled | Count |'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.namespace import BASE, COPRO, ISOTHES
from copro_kg.vocab.evidence import evidence_for, glossary_statements
from copro_kg.vocab.glossary import glossary_concepts
from copro_kg.vocab.labels import curie, describe

__all__ = [
    "Row",
    "evidence_markdown",
    "readme_table",
    "summarise",
    "to_markdown",
    "update_readme",
]

MAPPINGS = (SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch, SKOS.exactMatch)


@dataclass(frozen=True)
class Row:
    """One line of the summary: what is counted, how it is modelled, how many there are."""

    what: str
    how: str
    count: int


def _ours(node: object) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(BASE)


def _count(items: Iterable[object]) -> int:
    return len(set(items))


def summarise(graph: Graph) -> list[Row]:
    """The summary rows for ``graph`` (asserted triples), in reading order."""
    scheme = COPRO.glossary
    records = glossary_concepts(graph)  # the one reader of concept records
    concepts = {c.iri for c in records}

    def typed(cls: URIRef) -> int:
        return sum(1 for c in records if cls in c.types)

    classes = {s for s in graph.subjects(RDF.type, OWL.Class) if _ours(s)}
    activity_classes = {s for s in graph.subjects(COPRO.concept, None) if s in classes}
    features = set(graph.subjects(COPRO.question, None))
    value_classes = set(graph.subjects(RDFS.subClassOf, COPRO.FeatureValue))
    evidence = [evidence_for(graph, *t) for t in glossary_statements(graph)]
    criteria = set(graph.subjects(RDF.type, COPRO.Criterion))
    other_schemes = {s for s in graph.subjects(RDF.type, SKOS.ConceptScheme) if s != scheme}
    relation_props = {
        p
        for p in graph.subjects(RDF.type, OWL.ObjectProperty)
        if _ours(p) and p not in features and p != COPRO.isPartOf
    }
    named_links = [
        (s, p, o)
        for p in relation_props
        for s, o in graph.subject_objects(p)
        if s in concepts and o in concepts
    ]
    return [
        Row("Concepts (glossary terms)", "`skos:Concept` in `copro:glossary`", len(concepts)),
        Row(
            "Top concepts",
            "`skos:topConceptOf copro:glossary`",
            _count(graph.subjects(SKOS.topConceptOf, scheme)),
        ),
        Row(
            "Spectrum groups",
            "`copro:SpectrumGroup` (doing to / for / with)",
            typed(COPRO.SpectrumGroup),
        ),
        Row(
            "Spectrum levels",
            "`copro:SpectrumLevel`, `copro:spectrumPosition`",
            typed(COPRO.SpectrumLevel),
        ),
        Row(
            "Co-production cycle phases",
            "`copro:CyclePhase`, `copro:nextPhase`",
            typed(COPRO.CyclePhase),
        ),
        Row("Values of co-production", "`copro:CoProductionValue`", typed(COPRO.CoProductionValue)),
        Row(
            "Ways of working (2015 Act)",
            "`copro:WayOfWorking`, `skos:notation`",
            typed(COPRO.WayOfWorking),
        ),
        Row("Acts", "`copro:Act`", typed(COPRO.Act)),
        Row("Organisations", "`copro:Organisation`", typed(COPRO.Organisation)),
        Row("Good practice guidance", "`copro:Guidance`", typed(COPRO.Guidance)),
        Row("Models (spectrum, ladders)", "`copro:Model`", typed(COPRO.Model)),
        Row("Related approaches", "`copro:Approach`", typed(COPRO.Approach)),
        Row(
            "English labels",
            "`skos:prefLabel` / `skos:altLabel` @en",
            sum((c.pref_label is not None) + len(c.alt_labels) for c in records),
        ),
        Row(
            "Welsh labels (verified sources)",
            "`skos:prefLabel` / `skos:altLabel` @cy",
            sum((c.label_cy is not None) + len(c.alt_labels_cy) for c in records),
        ),
        Row(
            "Definitions",
            "`skos:definition` (glossary verbatim; statute for ways of working)",
            sum(len(c.definitions) for c in records),
        ),
        Row("Scope notes", "`skos:scopeNote`", sum(len(c.scope_notes) for c in records)),
        Row(
            "Generic (kind-of) links",
            "`iso-thes:broaderGeneric`",
            len(list(graph.triples((None, ISOTHES.broaderGeneric, None)))),
        ),
        Row(
            "Partitive (part-of) links",
            "`copro:isPartOf`",
            len(list(graph.triples((None, COPRO.isPartOf, None)))),
        ),
        Row(
            "Other named relations between terms",
            f"{len(relation_props)} `copro:` object properties",
            len(named_links),
        ),
        Row("OWL classes", "`owl:Class` in `copro:`", len(classes)),
        Row("Activity classes", "classes linked by `copro:concept`", len(activity_classes)),
        Row(
            "Object / datatype / annotation properties",
            "`owl:ObjectProperty` etc. in `copro:`",
            _count(
                p
                for t in (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
                for p in graph.subjects(RDF.type, t)
                if _ours(p)
            ),
        ),
        Row("Activity features", "feature properties with `copro:question`", len(features)),
        Row(
            "Feature values",
            "individuals of `copro:FeatureValue`'s subclasses",
            _count(s for cls in value_classes for s in graph.subjects(RDF.type, cls)),
        ),
        Row('Criteria ("How we know it\'s ...")', "`copro:Criterion`", len(criteria)),
        Row(
            "Criteria the reasoner applies",
            "criteria with `copro:onFeature`",
            _count(c for c in criteria if (c, COPRO.onFeature, None) in graph),
        ),
        Row(
            'Distinctions ("It\'s not ... because")',
            "`copro:Distinction`",
            _count(graph.subjects(RDF.type, COPRO.Distinction)),
        ),
        Row(
            "Example activities",
            "`copro:EngagementActivity` with `copro:glossaryLevel`",
            _count(graph.subjects(COPRO.glossaryLevel, None)),
        ),
        Row(
            "Mapped models (ours)",
            "other `skos:ConceptScheme`s (Arnstein, TLAP, IAP2)",
            len(other_schemes),
        ),
        Row(
            "Mappings (ours, each annotated)",
            "`skos:closeMatch` / `broadMatch` / `relatedMatch`",
            sum(1 for p in MAPPINGS for s in graph.subjects(p, None) if s in concepts),
        ),
        Row(
            "Statements about the terms, each with its evidence",
            "the glossary's sentence, or ours with a reason ([list](docs/evidence.md))",
            len(evidence),
        ),
        Row(
            "Statements that are our reading, not the glossary's",
            "`copro:ourReading` and added text ([list](docs/evidence.md#our-readings))",
            sum(1 for e in evidence if e is not None and e.ours and e.via != "kind"),
        ),
        Row("Triples (asserted)", "", len(graph)),
    ]


def to_markdown(rows: list[Row]) -> str:
    """The rows as a Markdown table (the README's "What is in the graph")."""
    lines = ["| What | How it is modelled | Count |", "|---|---|---:|"]
    lines += [f"| {r.what} | {r.how} | {r.count} |" for r in rows]
    return "\n".join(lines) + "\n"


README_BEGIN = "<!-- stats:begin -->"
README_END = "<!-- stats:end -->"


def update_readme(text: str, table: str) -> str:
    """``text`` (a README) with the part between the stats markers replaced by ``table``.

    Raises:
        InputError: the markers are missing or out of order.

    >>> update_readme("a\\n<!-- stats:begin -->\\nold\\n<!-- stats:end -->\\nb", "| t |\\n")
    'a\\n<!-- stats:begin -->\\n| t |\\n<!-- stats:end -->\\nb'
    """
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise InputError(f"the README has no {README_BEGIN} ... {README_END} section")
    return text[: start + len(README_BEGIN)] + "\n" + table + text[end:]


def readme_table(text: str) -> str:
    """The table currently between the stats markers of ``text`` (for the freshness test)."""
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        raise InputError(f"the README has no {README_BEGIN} ... {README_END} section")
    return text[start + len(README_BEGIN) : end].lstrip("\n")


def _cell(text: str, limit: int = 160) -> str:
    text = " ".join(text.split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def evidence_markdown(graph: Graph) -> str:
    """``docs/evidence.md``: every statement about the glossary's terms and what it rests on.

    Generated from the data (``copro-kg stats --evidence docs/evidence.md``; a test keeps the
    file current). Our readings are listed one by one with their reasons; the glossary's
    links, axioms and records with the sentence; quotations and bookkeeping are counted.
    """
    rows = [(t, evidence_for(graph, *t)) for t in glossary_statements(graph)]
    readings = [(t, e) for t, e in rows if e is not None and e.ours and e.via != "kind"]
    kept = [(t, e) for t, e in rows if e is not None and not e.ours and e.via != "quote"]
    quotes = Counter(
        curie(t[1]) for t, e in rows if e is not None and not e.ours and e.via == "quote"
    )
    kinds = Counter(curie(t[1]) for t, e in rows if e is not None and e.ours and e.via == "kind")
    missing = sum(1 for _, e in rows if e is None)

    def statement(t: tuple[Node, Node, Node]) -> str:
        s, p, o = t
        obj = f"\u201c{o}\u201d" if isinstance(o, Literal) else describe(graph, o)
        return _cell(f"{describe(graph, s)} \u2014 {curie(p)} \u2014 {obj}", 200)

    out = [
        "# Evidence: what each statement rests on",
        "",
        "Generated by `copro-kg stats --evidence docs/evidence.md` from the ontology (do not edit;",
        "`tests/test_ontology_stats.py` fails when it is stale). How evidence is recorded:",
        "[modelling.md](modelling.md#evidence-the-glossarys-words-and-ours).",
        "",
        "| Statements about the glossary's terms | Count |",
        "|---|---:|",
        f"| All | {len(rows)} |",
        f"| The glossary's sentence (links, axioms, records) | {len(kept)} |",
        "| The glossary's own words (quotations: definitions, notes, examples, labels) "
        f"| {sum(quotes.values())} |",
        f"| **Ours: our modelling or reading, each with its reason** | **{len(readings)}** |",
        "| Ours: bookkeeping (scheme, sources, notes, Welsh labels, mappings, documentation) "
        f"| {sum(kinds.values())} |",
        f"| Without evidence | {missing} |",
        "",
        "## Our readings",
        "",
        "| Statement | Why it is ours | The glossary's text it reads |",
        "|---|---|---|",
    ]
    out += [
        f"| {statement(t)} | {_cell(e.reason, 400)} | {_cell(e.text, 200)} |" for t, e in readings
    ]
    out += [
        "",
        "## The glossary's sentences",
        "",
        "| Statement | Section | Sentence |",
        "|---|---|---|",
    ]
    out += [f"| {statement(t)} | {_cell(e.section)} | {_cell(e.text, 300)} |" for t, e in kept]
    out += [
        "",
        "## Quotations (the statement is the glossary's text)",
        "",
        "| Property | Count |",
        "|---|---:|",
    ]
    out += [f"| `{p}` | {n} |" for p, n in sorted(quotes.items())]
    out += ["", "## Bookkeeping of ours", "", "| Property | Count |", "|---|---:|"]
    out += [f"| `{p}` | {n} |" for p, n in sorted(kinds.items())]
    return "\n".join(out) + "\n"
