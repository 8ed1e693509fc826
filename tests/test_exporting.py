"""The export profiles on a small vocabulary of our own (tests/data/export/mini.ttl).

Expectations come from the importers' documented needs (research/peers.md §2) and
the W3C SKOS Reference; the shipped glossary is tested in test_export_tools.py.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from copro_kg.errors import InputError
from copro_kg.export.bundle import serialize_export
from copro_kg.export.csv import CSV_HEADER, CSV_SEPARATOR
from copro_kg.export.profiles import PROFILES, SCHEMA, build_profile
from copro_kg.export.skos import OWL_ANNOTATIONS
from copro_kg.io.sources import load
from copro_kg.namespace import ISOTHES
from copro_kg.reasoning import reason

from .conftest import DATA_DIR, RunCli

EX = Namespace("https://example.org/mini/")
MINI = DATA_DIR / "export" / "mini.ttl"
RDF_FORMATS = {"ttl": "turtle", "xml": "xml", "jsonld": "json-ld", "nt": "nt"}


@pytest.fixture(scope="module")
def mini() -> Graph:
    return load([MINI], ontology=False)


@pytest.fixture(scope="module")
def exports(mini: Graph) -> dict[str, Graph]:
    return {p: build_profile(mini, p, scheme=EX.glossary) for p in PROFILES}


def test_skos_profile_has_no_owl_and_one_scheme(exports: dict[str, Graph]) -> None:
    skos = exports["skos"]
    # OWL only for the release history: deprecation and the scheme's version.
    owl_terms = {t for triple in skos for t in triple if str(t).startswith(str(OWL))}
    assert owl_terms <= OWL_ANNOTATIONS
    # The data's other scheme (ext:ladder, a mapping target) is the data's own: kept as
    # its own scheme, its concept in it and nowhere else (issue 26).
    ladder = URIRef("https://example.org/ladder/ladder")
    partnership = URIRef("https://example.org/ladder/partnership")
    assert set(skos.subjects(RDF.type, SKOS.ConceptScheme)) == {EX.glossary, ladder}
    assert set(skos.objects(partnership, SKOS.inScheme)) == {ladder}
    assert (
        EX["co-production"],
        SKOS.closeMatch,
        URIRef("https://example.org/ladder/partnership"),
    ) in skos


def test_skos_profile_metadata_and_labels(exports: dict[str, Graph]) -> None:
    skos = exports["skos"]
    # PoolParty needs dcterms:title, Skosify/Skosmos a skos:prefLabel: both, tagged.
    assert set(skos.objects(EX.glossary, DCTERMS.title)) == {
        Literal("Mini engagement glossary", lang="en")
    }
    assert set(skos.objects(EX.glossary, SKOS.prefLabel)) == {
        Literal("Mini engagement glossary", lang="en")
    }
    assert set(skos.objects(EX.glossary, SCHEMA.version)) == {Literal("0.1.0")}
    for prop in (
        DCTERMS.description,
        DCTERMS.creator,
        DCTERMS.publisher,
        DCTERMS.license,
        DCTERMS.created,
        DCTERMS.modified,
    ):
        assert (EX.glossary, prop, None) in skos, prop


def test_skos_profile_relations_in_both_directions(exports: dict[str, Graph]) -> None:
    skos = exports["skos"]
    concepts = set(skos.subjects(SKOS.inScheme, EX.glossary))
    assert concepts == {
        EX[n] for n in ("engagement", "involvement", "co-production", "co-design", "consultation")
    }
    for concept in concepts:
        assert (concept, SKOS.inScheme, EX.glossary) in skos  # VocBench, qSKOS oc
    # ISO 25964 links asserted one way become skos:broader + both directions.
    assert (EX.involvement, SKOS.broader, EX.engagement) in skos
    assert (EX.engagement, ISOTHES.narrowerGeneric, EX.involvement) in skos
    # copro-style sub-property of iso-thes:broaderPartitive is written as it.
    assert (EX["co-design"], ISOTHES.broaderPartitive, EX["co-production"]) in skos
    assert (EX["co-production"], ISOTHES.narrowerPartitive, EX["co-design"]) in skos
    assert (EX["co-production"], SKOS.narrower, EX["co-design"]) in skos
    assert (EX.consultation, SKOS.related, EX["co-production"]) in skos
    # "every SKOS relation must be stated in both directions" (PoolParty FAQ):
    inverse = {
        SKOS.broader: SKOS.narrower,
        SKOS.narrower: SKOS.broader,
        SKOS.related: SKOS.related,
        ISOTHES.broaderGeneric: ISOTHES.narrowerGeneric,
        ISOTHES.narrowerGeneric: ISOTHES.broaderGeneric,
        ISOTHES.broaderPartitive: ISOTHES.narrowerPartitive,
        ISOTHES.narrowerPartitive: ISOTHES.broaderPartitive,
    }
    for p, q in inverse.items():
        for s, o in skos.subject_objects(p):
            assert (o, q, s) in skos, (s, p, o)
    # Never skos:broaderTransitive (SKOS schema: "not used to make assertions").
    assert not list(skos.triples((None, SKOS.broaderTransitive, None)))
    # The only concept without a broader one is the top concept, stated both ways.
    assert set(skos.subjects(SKOS.topConceptOf, EX.glossary)) == {EX.engagement}
    assert set(skos.objects(EX.glossary, SKOS.hasTopConcept)) == {EX.engagement}


def test_collection_is_kept_as_collection(exports: dict[str, Graph]) -> None:
    skos = exports["skos"]
    assert (EX["doing-with"], RDF.type, SKOS.Collection) in skos
    assert set(skos.objects(EX["doing-with"], SKOS.member)) == {EX["co-production"], EX.involvement}
    assert (EX["doing-with"], RDF.type, SKOS.Concept) not in skos  # S37


def test_s37_clash_is_refused(mini: Graph) -> None:
    clash = Graph()
    clash += mini
    clash.add((EX.engagement, RDF.type, SKOS.Collection))
    with pytest.raises(InputError, match="S37"):
        build_profile(clash, "skos", scheme=EX.glossary)


def test_owl_profile_leaves_out_the_concept_layer(exports: dict[str, Graph]) -> None:
    owl = exports["owl"]
    subjects = set(owl.subjects())
    for skos_resource in (EX.engagement, EX.glossary, EX["doing-with"], SKOS.broader, EX.isPartOf):
        assert skos_resource not in subjects
    assert (None, RDF.type, SKOS.Concept) not in owl
    # What Protégé needs: the classes, axioms, individuals, every entity labelled.
    assert (EX.CoProduction, RDFS.subClassOf, EX.Involvement) in owl
    assert (EX.Consultation, OWL.disjointWith, EX.CoProduction) in owl
    assert (EX["repair-cafe"], RDF.type, EX.CoProduction) in owl
    assert (EX.Involvement, RDFS.label, Literal("involvement", lang="en")) in owl  # from prefLabel
    for entity in set(owl.subjects(RDF.type, None)):
        if (
            isinstance(entity, URIRef)
            and (entity, RDF.type, OWL.Ontology) not in owl
            and str(entity).startswith(str(EX))
        ):
            assert (entity, RDFS.label, None) in owl, entity
    # Every property used is declared (OWL 2 DL; no guessing by the OWL API).
    builtin = (str(RDF), str(RDFS), str(OWL))
    for p in set(owl.predicates()):
        if not str(p).startswith(builtin):
            assert any(
                (p, RDF.type, k) in owl
                for k in (OWL.AnnotationProperty, OWL.ObjectProperty, OWL.DatatypeProperty)
            ), p


def test_full_profile_contains_both(exports: dict[str, Graph], mini: Graph) -> None:
    full = exports["full"]
    for profile in ("skos", "owl"):
        assert not set(exports[profile]) - set(full)
    assert not set(mini) - set(full)


def test_reasoned_only_for_full(mini: Graph) -> None:
    with pytest.raises(InputError, match="full"):
        build_profile(mini, "skos", reasoned=True, scheme=EX.glossary)
    # Export never reasons: the reasoning result is the caller's (the pipeline's).
    with pytest.raises(InputError, match="reasoning"):
        build_profile(mini, "full", reasoned=True, scheme=EX.glossary)
    reasoned = build_profile(
        mini, "full", reasoned=True, scheme=EX.glossary, reasoning=reason(mini)
    )
    # OWL RL cax-sco over the told subclass axioms: the individual is an Engagement.
    assert (EX["repair-cafe"], RDF.type, EX.Engagement) in reasoned


@pytest.mark.parametrize("profile", PROFILES)
@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_every_format_round_trips(exports: dict[str, Graph], profile: str, fmt: str) -> None:
    data = serialize_export(exports[profile], fmt)
    back = Graph().parse(data=data, format=RDF_FORMATS[fmt])
    assert isomorphic(back, exports[profile])
    assert serialize_export(exports[profile], fmt) == data  # deterministic


def cells(value: str) -> list[str]:
    return sorted(value.split(CSV_SEPARATOR)) if value else []


def test_csv_column_by_column(exports: dict[str, Graph]) -> None:
    skos = exports["skos"]
    text = serialize_export(skos, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert tuple(rows[0]) == CSV_HEADER
    by_iri = {row[0]: dict(zip(CSV_HEADER, row, strict=True)) for row in rows[1:]}
    assert set(by_iri) == {str(c) for c in skos.subjects(RDF.type, SKOS.Concept)}
    for iri, row in by_iri.items():
        c = URIRef(iri)

        def en(prop: URIRef, concept: URIRef = c) -> list[str]:
            return sorted(str(v) for v in skos.objects(concept, prop) if v.language == "en")

        assert row["prefLabel"] == CSV_SEPARATOR.join(en(SKOS.prefLabel))
        assert cells(row["altLabels"]) == en(SKOS.altLabel)
        assert cells(row["broader"]) == sorted(str(b) for b in skos.objects(c, SKOS.broader))
        assert row["definition"] == CSV_SEPARATOR.join(en(SKOS.definition))
        assert row["scopeNote"] == CSV_SEPARATOR.join(en(SKOS.scopeNote))
    # A comma, quotes and "<" survive CSV quoting (RFC 4180).
    assert (
        by_iri[str(EX["co-production"])]["definition"]
        == 'Sharing power & responsibility "equally" <with> people.'
    )
    assert by_iri[str(EX["co-design"])]["altLabels"] == "codesign | design together"


# ------------------------------------------------------------------------ CLI


def test_cli_unknown_extension_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("export", "--data", str(MINI), "-o", str(tmp_path / "x.docx"))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot tell the export format")
    assert not (tmp_path / "x.docx").exists()


def test_cli_reasoned_with_skos_is_exit_2(run_cli: RunCli) -> None:
    result = run_cli("export", "--profile", "skos", "--reasoned")
    assert result.exit_code == 2
    assert "full profile only" in result.stderr
    assert "Traceback" not in result.stderr
