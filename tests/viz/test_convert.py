"""RDF -> networkx conversion: kinds, labels, attributes and simplified edges (issue 6).

Expectations come from the glossary text (quoted per test) and from SKOS / ISO 25964
(what broader, narrower and partitive links mean); the small graphs are written in
``tests/data/graph/`` or inline, so each test can fail on its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
from rdflib import Graph
from rdflib.namespace import SKOS

from copro_kg import reasoning
from copro_kg.engine.rules import RULES
from copro_kg.viz import convert
from copro_kg.viz.simplify import NEVER_DRAWN
from tests.viz.conftest import EX, C


def _reasoned(turtle: str) -> reasoning.Reasoning:
    prefixes = (
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix ex: <https://example.org/> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    )
    result: reasoning.Reasoning = reasoning.reason(
        Graph().parse(data=prefixes + turtle, format="turtle")
    )
    return result


def test_labels_prefer_skos_preflabel_in_english_then_rdfs_label() -> None:
    result = _reasoned(
        """
        ex:a a skos:Concept ; skos:prefLabel "cyfranogiad"@cy, "participation"@en ;
             rdfs:label "not this" .
        ex:b a skos:Concept ; rdfs:label "only rdfs"@en ; skos:broader ex:a .
        ex:c a skos:Concept ; skos:related ex:b .
        """
    )
    g = convert.to_networkx(result)
    assert g.nodes["https://example.org/a"]["label"] == "participation"
    assert g.nodes["https://example.org/a"]["labelCy"] == "cyfranogiad"
    assert g.nodes["https://example.org/b"]["label"] == "only rdfs"
    # No label at all: the CURIE (rdflib binds no prefix for example.org, so the IRI).
    assert g.nodes["https://example.org/c"]["label"] in ("https://example.org/c", "ex:c")


def test_node_attributes_carry_definition_altlabels_source_and_file(
    mini: nx.MultiDiGraph,
) -> None:
    consultation = mini.nodes[C + "consultation"]
    # Glossary, "Consultation": "A formal process by which policy makers and service
    # providers ask for the views of interested groups and individuals."
    assert consultation["definition"].startswith("A formal process by which policy makers")
    assert "glossary" in consultation["source"]
    assert consultation["file"] == "mini-spectrum.ttl"
    # Glossary: "co-planning (which might be co-creating or co-commissioning ...)".
    assert mini.nodes[C + "co-planning"]["altLabels"] == "co-commissioning; co-creation"
    assert mini.nodes[EX + "budget-survey"]["file"] == "activities.ttl"


def test_kinds_follow_the_role_in_spectrum_and_cycle(mini: nx.MultiDiGraph) -> None:
    kinds = {n: d["kind"] for n, d in mini.nodes(data=True)}
    assert kinds[C + "doing-for"] == "group"
    assert kinds[C + "consultation"] == "level"
    assert kinds[C + "co-design"] == "phase"
    assert kinds[C + "ConsultationActivity"] == "class"
    assert kinds[EX + "budget-survey"] == "activity"


def test_activity_level_is_its_most_specific_class(mini: nx.MultiDiGraph) -> None:
    # Glossary, "Involvement": "all co-production is involvement" -- a co-production
    # activity is also typed Involvement by the reasoner, but it belongs on co-production.
    youth = mini.nodes[EX + "youth-panel"]
    assert youth["level"] == C + "co-production"
    assert youth["group"] == C + "doing-with"
    assert mini.nodes[EX + "budget-survey"]["level"] == C + "consultation"


def test_edge_labels_are_relation_labels_not_iris(mini: nx.MultiDiGraph) -> None:
    labels = {d["label"] for *_, d in mini.edges(data=True)}
    assert "is part of" in labels and "is followed by" in labels  # rdfs:label of the property
    assert not any(label.startswith("http") for label in labels)
    data = mini.get_edge_data(C + "co-design", C + "co-production", key=C + "isPartOf")
    assert data == {
        "predicate": C + "isPartOf",
        "label": "is part of",
        "curie": "copro:isPartOf",
        "inferred": False,
    }


def test_inferred_edges_are_marked_and_explained_and_can_be_hidden() -> None:
    # SKOS: skos:narrower is the inverse of skos:broader (SKOS Reference S25), so
    # "a narrower b" entails "b broader a" -- drawn once, upwards, as inferred.
    result = _reasoned(
        """
        skos:narrower owl:inverseOf skos:broader .
        ex:a a skos:Concept ; skos:prefLabel "a"@en ; skos:narrower ex:b .
        ex:b a skos:Concept ; skos:prefLabel "b"@en .
        """
    )
    g = convert.to_networkx(result)
    edges = list(g.edges(keys=True, data=True))
    assert [(s, o, k) for s, o, k, _ in edges] == [
        ("https://example.org/b", "https://example.org/a", str(SKOS.broader))
    ]
    data = edges[0][3]
    assert data["inferred"] is True
    assert data["label"] == "has broader"
    assert data["explanation"]  # the reasoner's chain, or the explicit no-derivation note
    # In words (issue 30): the stated link it rests on and what OWL 2 RL's prp-inv rule
    # says, from the engine's table of rule wordings; the code stays in ``explanation``.
    assert "prp-inv" in data["explanation"] and "prp-inv" not in data["why"]
    assert "a has narrower b" in data["why"] and RULES["prp-inv2"].gloss in data["why"]
    asserted_only = convert.to_networkx(result, inferred=False)
    assert [k for *_, k in asserted_only.edges(keys=True)] == [str(SKOS.narrower)]
    assert not any(d["inferred"] for *_, d in asserted_only.edges(data=True))


CURIE = re.compile(r"\b(?:rdf|rdfs|owl|skos|xsd|dcterms|iso-thes|copro):[A-Za-z]")


def test_every_inferred_edge_says_why_in_words_and_keeps_its_rule_codes(
    shipped: nx.MultiDiGraph,
) -> None:
    """Issue 30: "rule codes and RDF terms only behind a 'technical detail' switch". Every
    inferred edge of the glossary has ``why`` with no OWL 2 RL rule code and no CURIE,
    giving each rule of its derivation by the rule's wording; ``explanation`` (the
    technical detail) keeps the codes."""
    inferred = [d for *_, d in shipped.edges(data=True) if d.get("inferred")]
    assert len(inferred) > 20
    for data in inferred:
        codes = set(re.findall(r"\[([a-z]+-[a-z0-9]+): ", data["explanation"]))
        assert codes, data["explanation"]
        why = data["why"]
        assert not [c for c in RULES if re.search(rf"(?<![\w-]){re.escape(c)}(?![\w-])", why)]
        assert not CURIE.search(why), why
        assert all(RULES[code].gloss in why for code in codes), (why, codes)
        assert why.startswith("Worked out from")


def test_simplify_false_keeps_every_triple_between_two_nodes() -> None:
    result = _reasoned(
        """
        skos:narrower owl:inverseOf skos:broader .
        skos:broader owl:inverseOf skos:narrower .
        ex:a a skos:Concept ; skos:narrower ex:b .
        ex:b a skos:Concept ; skos:narrower ex:c .
        ex:c a skos:Concept .
        """
    )
    full = convert.to_networkx(result, simplify=False)
    nodes = {f"https://example.org/{x}" for x in "abc"}
    expected = {
        (str(s), str(o), str(p))
        for s, p, o in result.closure
        if str(s) in nodes and str(o) in nodes and s != o and p not in NEVER_DRAWN
    } | {
        (str(s), str(o), str(p))
        for s, p, o in result.closure
        if str(s) in nodes and s == o and p not in NEVER_DRAWN
    }
    assert set(full.edges(keys=True)) == expected
    # Simplified: two broader links (a path), no restated narrower / transitive ones.
    simple = convert.to_networkx(result)
    assert sorted((s[-1], o[-1], k) for s, o, k in simple.edges(keys=True)) == [
        ("b", "a", str(SKOS.broader)),
        ("c", "b", str(SKOS.broader)),
    ]


def test_attributes_are_graphml_and_gexf_safe(mini: nx.MultiDiGraph, tmp_path: Path) -> None:
    for path, reader in ((tmp_path / "g.graphml", nx.read_graphml), (tmp_path / "g.gexf", None)):
        if reader:
            nx.write_graphml(mini, path)
            back = reader(path, force_multigraph=True)
        else:
            nx.write_gexf(mini, path)
            back = nx.read_gexf(path)
        assert back.number_of_nodes() == mini.number_of_nodes()
        assert back.number_of_edges() == mini.number_of_edges()
        assert back.nodes[C + "co-design"]["label"] == "co-design"


# The evidence of each asserted link, read straight from the data (ontology/evidence.ttl:
# an owl:Axiom names the statement and carries the glossary's sentence or our reading),
# not through copro_kg.vocab.evidence, which the conversion itself uses.
_ANNOTATED = """
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX copro: <https://w3id.org/copro-kg/>
SELECT DISTINCT ?s ?p ?o ?ours WHERE {
  ?a a owl:Axiom ; owl:annotatedSource ?s ; owl:annotatedProperty ?p ; owl:annotatedTarget ?o .
  OPTIONAL { ?a copro:ourReading ?ours }
  OPTIONAL { ?a copro:glossaryText ?text }
  FILTER (BOUND(?ours) || BOUND(?text))
}"""


def test_links_whose_evidence_is_our_reading_are_marked_ours_and_no_other(
    glossary: Graph, shipped: nx.MultiDiGraph
) -> None:
    evidence = {
        (str(s), str(p), str(o)): ours is not None
        for s, p, o, ours in glossary.query(_ANNOTATED)  # type: ignore[misc]
    }
    checked = {True: 0, False: 0}
    for s, o, key, data in shipped.edges(keys=True, data=True):
        if data["inferred"] or (s, key, o) not in evidence:
            continue
        ours = evidence[(s, key, o)]
        checked[ours] += 1
        assert bool(data.get("ours")) is ours, (s, key, o)
        assert bool(data.get("evidence")) is ours, (s, key, o)
    assert checked[True] >= 10 and checked[False] >= 50  # both kinds are drawn
    # Issue 25's example: the glossary orders the groups -- "doing to doing for doing with"
    # (Engagement as a spectrum) -- and not the levels inside a group.
    link = shipped.get_edge_data(C + "consultation", C + "information", C + "sharesMorePowerThan")
    assert link["ours"] and "The glossary orders the groups" in link["evidence"]
    # "Co-design is a component part of a co-production process" (Co-production and
    # co-design): stated, so not ours.
    stated = shipped.get_edge_data(C + "co-design", C + "co-production", C + "isPartOf")
    assert not stated["inferred"] and "ours" not in stated


def test_the_users_own_links_are_never_called_our_reading(shipped: nx.MultiDiGraph) -> None:
    # tests/data/graph/activities.ttl states them: they are the user's, not copro-kg's.
    theirs = [d for s, _, d in shipped.edges(data=True) if s.startswith(EX)]
    assert theirs and not any(d.get("ours") for d in theirs)


def test_a_users_words_on_a_glossary_term_leave_its_links_the_glossarys() -> None:
    # tests/data/graph/hostile.ttl gives co-planning, co-design and co-production labels of
    # the user's own: the terms' links are still the glossary's, and ours where ours.
    # "Co-design is a component part of a co-production process" (Co-production and
    # co-design): the glossary's. The cycle's order of the phases: our reading of its figure.
    from copro_kg.io import sources as loading
    from tests.viz.conftest import GRAPH_DATA, merged

    sources = loading.load_sources([GRAPH_DATA / "hostile.ttl", GRAPH_DATA / "activities.ttl"])
    whole = convert.to_networkx(
        reasoning.reason(merged(sources)), shipped=convert.shipped_from(sources)
    )
    part = whole.get_edge_data(C + "co-design", C + "co-production", C + "isPartOf")
    assert "statedBy" not in part and "ours" not in part
    step = whole.get_edge_data(C + "co-planning", C + "co-design", C + "nextPhase")
    assert step["ours"] and "statedBy" not in step
    mine = [d for s, _, d in whole.edges(data=True) if s.startswith(EX) and not d["inferred"]]
    assert mine and all(d["statedBy"] == "data" and "ours" not in d for d in mine)
