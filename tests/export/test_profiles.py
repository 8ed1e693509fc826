"""The ``full`` profile as OWL tools open it (issue 19 item 4), and export never reasoning."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from copro_kg.errors import InputError
from copro_kg.export.bundle import serialize_export
from copro_kg.export.profiles import full_profile
from copro_kg.io.netguard import offline


def test_full_export_imports_nothing_it_contains(glossary: Graph) -> None:
    full = full_profile(glossary)
    headers = set(full.subjects(RDF.type, OWL.Ontology))
    assert [o for o in full.objects(None, OWL.imports) if o in headers] == []
    # The merged modules' content stays: every triple of the loaded graph but the imports.
    assert not {t for t in glossary if t[1] != OWL.imports} - set(full)


def test_owlready2_opens_the_full_export_offline(glossary: Graph, tmp_path: Path) -> None:
    # docs/taxonomy-tools.md tells Protégé users to open copro-full; owlready2 stopped on
    # "Cannot download 'https://w3id.org/copro-kg/ontology/examples/'".
    owlready2 = pytest.importorskip("owlready2")
    path = tmp_path / "copro-full.rdf"
    path.write_bytes(serialize_export(full_profile(glossary), "xml"))
    world = owlready2.World()
    with offline():  # a download attempt is an error here, not a slow test
        onto = world.get_ontology(path.as_uri()).load()
    assert onto.imported_ontologies == []
    assert len(list(world.classes())) > 10


def test_reasoned_full_needs_a_reasoning_result(glossary: Graph) -> None:
    with pytest.raises(InputError, match="reasoning"):
        full_profile(glossary, reasoned=True)
