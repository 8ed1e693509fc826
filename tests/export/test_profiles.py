"""The ``full`` profile as OWL tools open it (issue 19 item 4), and export never reasoning."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from copro_kg.errors import InputError
from copro_kg.export.profiles import full_profile
from copro_kg.io.netguard import offline


def test_full_export_imports_nothing_it_contains(glossary: Graph) -> None:
    full = full_profile(glossary)
    headers = set(full.subjects(RDF.type, OWL.Ontology))
    assert [o for o in full.objects(None, OWL.imports) if o in headers] == []
    # The merged modules' content stays: every triple of the loaded graph but the imports
    # and the SKOS integrity axioms OWL 2 DL forbids (skos-integrity.ttl: copro-kg check
    # applies them; HermiT refuses a file with them).
    left_out = {t for t in glossary if t[1] != OWL.imports} - set(full)
    assert left_out and {p for _, p, _ in left_out} == {OWL.propertyDisjointWith}


@pytest.fixture(scope="module")
def export_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every profile in every format, as `copro-kg export --all-formats` writes them."""
    from copro_kg.cli import main

    folder = tmp_path_factory.mktemp("export")
    with pytest.raises(SystemExit) as done:
        main(["export", "--all-formats", str(folder)])
    assert done.value.code == 0
    return folder


# The syntaxes owlready2 reads (RDF/XML, N-Triples; not Turtle or JSON-LD).
@pytest.mark.parametrize("suffix", ["rdf", "nt"])
@pytest.mark.parametrize("name", ["copro-owl", "copro-full", "copro-full-reasoned"])
def test_owlready2_opens_every_owl_export_offline(
    export_folder: Path, name: str, suffix: str
) -> None:
    # docs/taxonomy-tools.md tells Protégé users to open copro-full; owlready2 stopped on
    # "Cannot download 'https://w3id.org/copro-kg/ontology/examples/'".
    import owlready2

    path = export_folder / f"{name}.{suffix}"
    world = owlready2.World()
    with offline():  # a download attempt is an error here, not a slow test
        onto = world.get_ontology(path.as_uri()).load()
    assert onto.imported_ontologies == []
    assert len(list(world.classes())) > 10


def test_reasoned_full_needs_a_reasoning_result(glossary: Graph) -> None:
    with pytest.raises(InputError, match="reasoning"):
        full_profile(glossary, reasoned=True)
