"""The shipped glossary's exports, checked by tools no one here wrote and against
what each importer documents (research/peers.md §2: Skosmos, PoolParty, VocBench,
TemaTres, Skosify; the W3C SKOS Reference; OWL 2 via owlready2 + HermiT).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from copro_kg.export.bundle import serialize_export
from copro_kg.export.common import SCHEMA
from copro_kg.export.profiles import MAIN_SCHEME, build_profile
from copro_kg.export.skos import OWL_ANNOTATIONS
from copro_kg.export.skos_schemes import PROV
from copro_kg.namespace import BASE, COPRO, ISOTHES
from copro_kg.reasoning import reason

from .conftest import RunCli, require_tool
from .isomorphism import isomorphic

RDF_FORMATS = {"ttl": "turtle", "xml": "xml", "jsonld": "json-ld", "nt": "nt"}
BOTH_WAYS = {
    SKOS.broader: SKOS.narrower,
    SKOS.related: SKOS.related,
    ISOTHES.broaderGeneric: ISOTHES.narrowerGeneric,
    ISOTHES.broaderPartitive: ISOTHES.narrowerPartitive,
    ISOTHES.broaderInstantial: ISOTHES.narrowerInstantial,
    SKOS.topConceptOf: SKOS.hasTopConcept,
}
BOTH_WAYS |= {b: a for a, b in list(BOTH_WAYS.items())}


@pytest.fixture(scope="session")
def export_of(glossary: Graph) -> Callable[[str], Graph]:
    """The glossary's export of a profile, built once per session."""
    return functools.cache(lambda profile: build_profile(glossary, profile))


@pytest.fixture(scope="session")
def skos_export(export_of: Callable[[str], Graph]) -> Graph:
    return export_of("skos")


@pytest.fixture(scope="session")
def owl_export(export_of: Callable[[str], Graph]) -> Graph:
    return export_of("owl")


def concepts(g: Graph) -> set[URIRef]:
    return {c for c in g.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


# ------------------------------------------------------------ importer rules


def test_one_scheme_with_title_label_and_metadata(skos_export: Graph) -> None:
    # PoolParty: "There has to be a skos:ConceptScheme"; "labeled with ... dcterms:title";
    # Skosmos picks "an arbitrary concept scheme" when there are several unless
    # skosmos:mainConceptScheme names one (docs/taxonomy-tools.md does). The second
    # scheme holds only the deprecated terms (issue 26).
    deprecated = URIRef(str(MAIN_SCHEME) + "-deprecated")
    assert set(skos_export.subjects(RDF.type, SKOS.ConceptScheme)) == {MAIN_SCHEME, deprecated}
    for c in skos_export.subjects(SKOS.inScheme, deprecated):
        assert (c, OWL.deprecated, Literal(True)) in skos_export, c
    for prop in (DCTERMS.title, SKOS.prefLabel):
        langs = {
            v.language for v in skos_export.objects(MAIN_SCHEME, prop) if isinstance(v, Literal)
        }
        assert "en" in langs, prop
    for prop in (DCTERMS.description, DCTERMS.creator, DCTERMS.rights, DCTERMS.created):
        assert (MAIN_SCHEME, prop, None) in skos_export, f"scheme lacks {prop}"


def test_skos_profile_is_skos_only(skos_export: Graph) -> None:
    allowed = (str(SKOS), str(ISOTHES), str(DCTERMS))
    # Beyond SKOS, iso-thes and DCMI: OWL only for the release history (issue 27); the
    # schemes' agents and origins for VocPub (schema:, prov:wasDerivedFrom,
    # rdfs:isDefinedBy); our named relations, each declared a sub-property of
    # skos:related (issue 26); each notation system's datatype, declared (SKOS Reference 6.5).
    relations = {
        p for p in skos_export.subjects(RDFS.subPropertyOf, SKOS.related) if str(p).startswith(BASE)
    }
    assert len(relations) >= 10
    extra = {SCHEMA.version, SCHEMA.name, SCHEMA.url, PROV.wasDerivedFrom, RDFS.isDefinedBy}
    extra |= {RDFS.subPropertyOf, RDFS.label, RDFS.comment}
    assert {
        p
        for p in skos_export.predicates()
        if p != RDF.type
        and not str(p).startswith(allowed)
        and p not in OWL_ANNOTATIONS | extra | relations
    } == set()
    assert {
        o
        for o in skos_export.objects(None, RDF.type)
        if not str(o).startswith((str(SKOS), str(ISOTHES)))
    } == {SCHEMA.Organization, RDFS.Datatype}
    # "By convention, skos:broaderTransitive is not used to make assertions" (SKOS schema).
    assert not list(skos_export.triples((None, SKOS.broaderTransitive, None)))
    assert not list(skos_export.triples((None, SKOS.narrowerTransitive, None)))
    # S9 / S37: no resource is two of concept, scheme, collection (PoolParty breaks).
    kinds = [
        set(skos_export.subjects(RDF.type, t))
        for t in (SKOS.Concept, SKOS.ConceptScheme, SKOS.Collection)
    ]
    assert not (kinds[0] & kinds[1]) and not (kinds[0] & kinds[2]) and not (kinds[1] & kinds[2])


def test_every_relation_in_both_directions(skos_export: Graph) -> None:
    # PoolParty FAQ: "Every SKOS relation must be stated in both direction ... The same
    # goes for skos:related and skos:topConceptOf / skos:hasTopConcept."
    missing = [
        (s, p, o)
        for p, q in BOTH_WAYS.items()
        for s, o in skos_export.subject_objects(p)
        if isinstance(o, URIRef)
        and (o in concepts(skos_export) or o == MAIN_SCHEME)
        and (o, q, s) not in skos_export
    ]
    assert missing == []


def test_no_dangling_concepts_and_labels_tagged(skos_export: Graph) -> None:
    found = concepts(skos_export)
    assert len(found) >= 20  # the glossary defines at least the 20 contract concepts
    for c in found:
        # VocBench ICV: in a scheme, and top concept or with a broader one in it.
        (owner,) = set(skos_export.objects(c, SKOS.inScheme))
        assert owner in (MAIN_SCHEME, URIRef(str(MAIN_SCHEME) + "-deprecated")), c
        parents = set(skos_export.objects(c, SKOS.broader)) & found
        assert parents or (c, SKOS.topConceptOf, owner) in skos_export, c
        # Skosmos: children flag from skos:narrower, so every child is listed there.
        for parent in parents:
            assert (parent, SKOS.narrower, c) in skos_export
        # S14, PoolParty: one English prefLabel, tagged, without double quotes.
        en = [v for v in skos_export.objects(c, SKOS.prefLabel) if v.language == "en"]
        assert len(en) == 1 and '"' not in en[0], (c, en)
        assert " " not in str(c)
    # Skosmos #715: untagged labels vanish from the index.
    for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        assert [v for v in skos_export.objects(None, p) if not v.language] == []
    assert set(skos_export.subjects(SKOS.topConceptOf, MAIN_SCHEME)) == set(
        skos_export.objects(MAIN_SCHEME, SKOS.hasTopConcept)
    )


def test_spectrum_groups_and_values_are_browsable(skos_export: Graph) -> None:
    # The glossary's spectrum figure groups the approaches under "doing to", "doing for"
    # and "doing with" (seed README: coercion, protection, education, persuasion /
    # information, consultation, participation / co-production, involvement), and
    # co-production is "underpinned by the following 5 values". The ontology models the
    # groups and "values of co-production" as concepts with narrower concepts (they
    # have definitions and power statements; "consultation" is a kind of "doing for"),
    # not as skos:Collection: a resource cannot be both (S37). So a taxonomy tool shows
    # each member under its group through skos:narrower, which is what is checked here.
    expected = {
        "doing-to": {"coercion", "protection", "education", "persuasion"},
        "doing-for": {"information", "consultation", "participation"},
        "doing-with": {"co-production", "involvement"},
    }
    for group, members in expected.items():
        assert (COPRO[group], RDF.type, SKOS.Concept) in skos_export
        below = set(skos_export.transitive_objects(COPRO[group], SKOS.narrower)) - {COPRO[group]}
        assert {COPRO[m] for m in members} <= below, group
    values = set(skos_export.objects(COPRO["values-of-co-production"], SKOS.narrower))
    assert len(values) == 5
    assert not set(skos_export.subjects(RDF.type, SKOS.Collection)) & concepts(skos_export)


def test_tematres_reads_every_concept(skos_export: Graph) -> None:
    root = ET.fromstring(serialize_export(skos_export, "xml"))
    ns = {"rdf": str(RDF), "skos": str(SKOS)}
    about = f"{{{RDF}}}about"
    assert {e.get(about) for e in root.findall("skos:Concept", ns)} == {
        str(c) for c in concepts(skos_export)
    }


@pytest.mark.parametrize("profile", ["skos", "owl", "full"])
@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_glossary_round_trips(export_of: Callable[[str], Graph], profile: str, fmt: str) -> None:
    export = export_of(profile)
    back = Graph().parse(data=serialize_export(export, fmt), format=RDF_FORMATS[fmt])
    assert isomorphic(back, export)


# ------------------------------------------------------------------- skosify


def test_skosify_finds_nothing_to_fix(skos_export: Graph, caplog: pytest.LogCaptureFixture) -> None:
    """Issue 26: "Skosify leaves each SKOS export unchanged (no triple added or removed)"."""
    import skosify

    with caplog.at_level(logging.DEBUG):
        fixed = skosify.skosify(skos_export)
    # The one warning: two schemes (the glossary's and the deprecated terms'), and it
    # takes the glossary as its default.
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert problems == [
        f"Multiple concept schemes found. Selecting {MAIN_SCHEME} as default concept scheme."
    ]
    # INFO lines are Skosify's notes on what it converts. The only ones allowed say it
    # has no conversion rule for an ISO 25964 relation (it uses its own skosext
    # namespace, peers.md §2.2), a DCMI term such as dcterms:source, or one of our named
    # relations (sub-properties of skos:related) -- and then keeps the triples unchanged,
    # which the next assertion proves.
    notes = [r.getMessage() for r in caplog.records if r.levelno == logging.INFO]
    known = tuple(
        f"Don't know what to do with {kind} {ns}"
        for kind in ("relation", "literal", "type")
        for ns in (ISOTHES, DCTERMS, COPRO, "http://www.w3.org/ns/prov#", "https://schema.org/")
    )
    assert [n for n in notes if not n.startswith(known)] == []
    assert set(skos_export) - set(fixed) == set()
    assert set(fixed) - set(skos_export) == set()


# -------------------------------------------------------------- owlready2 + HermiT


@pytest.mark.slow
@pytest.mark.parametrize("profile", ["owl", "full", "full-reasoned"])
def test_hermit_classifies_every_owl_export_as_we_do(
    export_of: Callable[[str], Graph], glossary: Graph, tmp_path: Path, profile: str
) -> None:
    """Issue 26: "HermiT via owlready2 classifies every OWL-bearing export; its hierarchy
    equals ours", and the glossary's examples fall where our reasoner puts them (and where
    the glossary does: ``copro:glossaryLevel``). HermiT refused copro-full before 0.2.0
    (SKOS S27 as a disjointness of the transitive skos:broaderTransitive)."""
    require_tool("java")
    import owlready2

    reasoning = reason(glossary)
    if profile == "full-reasoned":
        export = build_profile(glossary, "full", reasoned=True, reasoning=reasoning)
    else:
        export = export_of(profile)
    path = tmp_path / "copro.owl"
    path.write_bytes(serialize_export(export, "xml"))
    world = owlready2.World()
    world.get_ontology(path.as_uri()).load()
    # Raises OwlReadyInconsistentOntologyError if HermiT finds the ontology inconsistent,
    # OwlReadyJavaError if HermiT refuses it (not OWL 2 DL).
    owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    assert list(world.inconsistent_classes()) == []

    named = {c for c in export.subjects(RDF.type, OWL.Class) if str(c).startswith(str(COPRO))}
    assert len(named) >= 30, "the export has the ontology's classes"
    closure = reasoning.closure
    for iri in sorted(named):
        cls = world[str(iri)]
        assert cls is not None, iri
        hermit = {URIRef(a.iri) for a in cls.ancestors() if hasattr(a, "iri")} & named - {iri}
        ours = set(closure.objects(iri, RDFS.subClassOf)) & named - {iri}
        assert hermit == ours, iri
    examples = set(glossary.subjects(COPRO.glossaryLevel, None))
    assert len(examples) >= 15
    for example in sorted(examples):
        individual = world[str(example)]
        assert individual is not None, example
        hermit = {URIRef(c.iri) for c in individual.INDIRECT_is_a if hasattr(c, "iri")} & named
        ours = set(closure.objects(example, RDF.type)) & named
        assert hermit == ours, example
        assert glossary.value(example, COPRO.glossaryLevel) in hermit, example


# ----------------------------------------------------------------------- CLI


def test_a_concept_in_no_scheme_is_left_out_with_a_warning(run_cli: RunCli, tmp_path: Path) -> None:
    """Issue 26: a concept with no scheme of its own was put into the glossary's scheme
    (and under its description); now it is left out, said in one ``warning:`` line."""
    extension = tmp_path / "extension.ttl"
    extension.write_text(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix copro: <https://w3id.org/copro-kg/> .\n"
        "<https://example.org/local/repair-cafe> a skos:Concept ;\n"
        '  skos:prefLabel "repair café"@en ; skos:broader copro:co-production .\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.ttl"
    result = run_cli("export", "--profile", "skos", "--data", str(extension), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "repair café" in warnings[0], result.stderr
    g = Graph().parse(out)
    local = URIRef("https://example.org/local/repair-cafe")
    assert (local, None, None) not in g and (None, None, local) not in g


def test_all_formats_with_checksums(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("export", "--all-formats", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    lines = (tmp_path / "SHA256SUMS").read_text().splitlines()
    names = {line.split("  ", 1)[1] for line in lines}
    expected = {
        f"copro-{p}.{e}"
        for p in ("skos", "owl", "full", "full-reasoned")
        for e in ("ttl", "rdf", "jsonld", "nt", "csv")
    } - {"copro-owl.csv"}
    expected |= {"copro-mappings.sssom.tsv"}  # the mapping set, once (issue 26)
    assert names == expected
    for line in lines:  # the `sha256sum -c` format: "<hex>  <name>"
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
