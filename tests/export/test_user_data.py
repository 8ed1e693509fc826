"""``export --data``: the user's schemes and concepts stay theirs (issue 26).

The test uses the taxonomy guide's own example, read from the guide
(``docs/guide-taxonomy-manager.md``, the ``my-thesaurus.ttl`` block), and runs the command
the guide shows: ``copro-kg export --profile skos --data my-thesaurus.ttl``. Before 0.2.0
it wrote the glossary alone ("1,251 triples", the same as without ``--data``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from copro_kg.namespace import COPRO
from tests.conftest import RunCli

GUIDE = Path(__file__).parents[2] / "docs" / "guide-taxonomy-manager.md"
EX = "https://example.org/our-thesaurus/"


@pytest.fixture(scope="module")
def guide_file() -> str:
    text = GUIDE.read_text(encoding="utf-8")
    match = re.search(r"<!-- file: my-thesaurus.ttl -->\n```turtle\n(.*?)```", text, re.S)
    assert match, "the guide's my-thesaurus.ttl block"
    return match.group(1)


def test_the_guides_example_keeps_the_users_scheme(
    run_cli: RunCli, tmp_path: Path, guide_file: str
) -> None:
    mine = tmp_path / "my-thesaurus.ttl"
    mine.write_text(guide_file, encoding="utf-8")
    both, ours = tmp_path / "glossary-and-ours.ttl", tmp_path / "glossary.ttl"
    result = run_cli("export", "--profile", "skos", "--data", str(mine), "-o", str(both))
    assert result.exit_code == 0, result.stderr
    assert "warning:" not in result.stderr  # nothing of the user's was left out
    assert run_cli("export", "--profile", "skos", "-o", str(ours)).exit_code == 0
    exported, alone, theirs = Graph().parse(both), Graph().parse(ours), Graph().parse(mine)
    # Every triple of the user's file is in the export, as written ...
    assert set(theirs) <= set(exported)
    assert set(alone) <= set(exported)
    scheme = URIRef(EX + "scheme")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in exported
    for name in ("engagement", "citizens-panel", "open-meeting"):
        concept = URIRef(EX + name)
        # ... in the user's scheme only, never moved into the glossary's ...
        assert set(exported.objects(concept, SKOS.inScheme)) == {scheme}
        assert (concept, SKOS.topConceptOf, COPRO.glossary) not in exported
    # ... and the scheme keeps its own description: none of ours is given to it.
    for prop in (DCTERMS.description, DCTERMS.source, DCTERMS.rights, DCTERMS.creator):
        assert (scheme, prop, None) not in exported, prop
    assert set(exported.objects(scheme, DCTERMS.title)) == set(
        theirs.objects(scheme, DCTERMS.title)
    )
