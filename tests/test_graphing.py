"""RDF -> networkx conversion and the views (issue 6).

Expectations come from the glossary text (quoted per test) and from SKOS / ISO 25964
(what broader, narrower and partitive links mean); the small graphs are written in
``tests/data/graph/`` or inline, so each test can fail on its own.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from copro_kg.errors import UnknownTermError
from copro_kg.io import sources as loading
from copro_kg.reasoning import result as reasoning
from copro_kg.viz import convert as graphing

from .conftest import DATA_DIR

GRAPH_DATA = DATA_DIR / "graph"
C = "https://w3id.org/copro-kg/"
EX = "https://example.org/activities/"


@pytest.fixture(scope="session")
def mini_sources() -> list[loading.Source]:
    return loading.load_sources(
        [GRAPH_DATA / "mini-spectrum.ttl", GRAPH_DATA / "activities.ttl"], ontology=False
    )


@pytest.fixture(scope="session")
def mini(mini_sources: list[loading.Source]) -> nx.MultiDiGraph:
    merged = Graph()
    for source in mini_sources:
        merged += source.graph
    return graphing.to_networkx(reasoning.reason(merged), origin=graphing.origin_from(mini_sources))


def _reasoned(turtle: str) -> reasoning.Reasoning:
    prefixes = (
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix ex: <https://example.org/> .\n"
        "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
    )
    return reasoning.reason(Graph().parse(data=prefixes + turtle, format="turtle"))


def test_labels_prefer_skos_preflabel_in_english_then_rdfs_label() -> None:
    result = _reasoned(
        """
        ex:a a skos:Concept ; skos:prefLabel "cyfranogiad"@cy, "participation"@en ;
             rdfs:label "not this" .
        ex:b a skos:Concept ; rdfs:label "only rdfs"@en ; skos:broader ex:a .
        ex:c a skos:Concept ; skos:related ex:b .
        """
    )
    g = graphing.to_networkx(result)
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
    assert kinds[C + "Consultation"] == "class"
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
    g = graphing.to_networkx(result)
    edges = list(g.edges(keys=True, data=True))
    assert [(s, o, k) for s, o, k, _ in edges] == [
        ("https://example.org/b", "https://example.org/a", str(SKOS.broader))
    ]
    data = edges[0][3]
    assert data["inferred"] is True
    assert data["label"] == "has broader"
    assert data["explanation"]  # the reasoner's chain, or the explicit no-derivation note
    asserted_only = graphing.to_networkx(result, inferred=False)
    assert [k for *_, k in asserted_only.edges(keys=True)] == [str(SKOS.narrower)]
    assert not any(d["inferred"] for *_, d in asserted_only.edges(data=True))


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
    full = graphing.to_networkx(result, simplify=False)
    nodes = {f"https://example.org/{x}" for x in "abc"}
    expected = {
        (str(s), str(o), str(p))
        for s, p, o in result.closure
        if str(s) in nodes and str(o) in nodes and s != o and p not in graphing._NEVER_DRAWN
    } | {
        (str(s), str(o), str(p))
        for s, p, o in result.closure
        if str(s) in nodes and s == o and p not in graphing._NEVER_DRAWN
    }
    assert set(full.edges(keys=True)) == expected
    # Simplified: two broader links (a path), no restated narrower / transitive ones.
    simple = graphing.to_networkx(result)
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


def test_focus_keeps_the_neighbourhood(mini: nx.MultiDiGraph) -> None:
    # Glossary: "a cycle that includes co-planning ..., co-design and co-decision
    # making, co-delivery ..., and co-evaluation"; co-design is part of co-production.
    near = graphing.focus(mini, "co-design", depth=1)
    assert set(near) == {
        C + x for x in ("co-design", "co-production", "co-delivery", "co-planning")
    }
    assert C + "information" not in graphing.focus(mini, "Co Design", depth=2)
    assert set(graphing.focus(mini, "copro:co-design", depth=0)) == {C + "co-design"}


def test_unknown_term_suggests_close_labels(mini: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownTermError) as err:
        graphing.resolve_term(mini, "co-desing")
    assert "co-design" in err.value.suggestions
    assert "did you mean" in (err.value.hint or "")


def test_spectrum_orders_levels_by_power_sharing(mini: nx.MultiDiGraph) -> None:
    # Glossary figure: "doing to doing for doing with", and within doing for
    # "information consultation participation".
    sp = graphing.spectrum(mini)
    x = {sp.nodes[n]["label"]: sp.nodes[n]["x"] for n in sp}
    assert x["information"] < x["consultation"] < x["participation"] < x["co-production"]
    assert x["doing for"] < x["doing with"]
    # Activities stand under the level the reasoner placed them on, linked to it.
    column = min(
        ("information", "consultation", "participation", "co-production", "involvement"),
        key=lambda level: abs(x[level] - x["Budget survey 2025"]),
    )
    assert column == "consultation"
    assert sp.has_edge(EX + "budget-survey", C + "consultation", key=str(RDF.type))
    assert C + "co-design" not in sp  # a phase, not a level


def test_cycle_is_a_ring_in_glossary_order_around_co_production(mini: nx.MultiDiGraph) -> None:
    cy = graphing.cycle(mini)
    ring = [C + x for x in ("co-planning", "co-design", "co-delivery", "co-evaluation")]
    assert set(cy) == set(ring) | {C + "co-production"}
    # First phase at twelve o'clock, then clockwise (screen y grows downwards).
    top = cy.nodes[ring[0]]
    assert top["x"] == 0 and top["y"] < 0
    assert cy.nodes[ring[1]]["x"] > 0
    assert (cy.nodes[C + "co-production"]["x"], cy.nodes[C + "co-production"]["y"]) == (0, 0)
    assert all(
        cy.has_edge(a, b, key=C + "nextPhase")
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True)
    )


def test_hierarchy_distinguishes_generic_and_partitive(mini: nx.MultiDiGraph) -> None:
    # Glossary: "Co-design is a component part of a co-production process" (partitive);
    # "all co-production is involvement" (generic).
    h = graphing.hierarchy(mini)
    links = {
        (s.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1], d["link"]) for s, o, d in h.edges(data=True)
    }
    assert ("co-design", "co-production", "partitive") in links
    assert ("co-production", "involvement", "generic") in links
    assert all(d["kind"] != "class" for _, d in h.nodes(data=True))


def test_unknown_view_is_an_error(mini: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="unknown view"):
        graphing.view(mini, "radial")


@pytest.fixture(scope="session")
def shipped() -> nx.MultiDiGraph:
    sources = loading.load_sources([GRAPH_DATA / "activities.ttl"])
    merged = Graph()
    for source in sources:
        merged += source.graph
    return graphing.to_networkx(
        reasoning.reason(merged),
        origin=graphing.origin_from(sources),
        shipped=graphing.shipped_from(sources),
    )


def test_overview_shows_terms_and_hides_the_model_unless_asked(shipped: nx.MultiDiGraph) -> None:
    kinds = {n: d["kind"] for n, d in shipped.nodes(data=True)}
    # ontology/mappings.ttl: the Arnstein/TLAP/IAP2 ladders are "Not part of the
    # glossary" -- concepts we only map to.
    assert kinds[C + "arnstein-manipulation"] == "mapped"
    assert kinds[C + "co-production"] == "level"
    overview = graphing.view(shipped, "all")
    shown = {d["kind"] for _, d in overview.nodes(data=True)}
    assert {"group", "level", "phase", "concept"} <= shown
    assert shown.isdisjoint({"class", "criterion", "feature", "distinction", "mapped"})
    # The glossary's own example ("e.g. criminal justice") is shipped: hidden; the
    # user's activity (tests/data/graph/activities.ttl) always shows.
    assert C + "example-criminal-justice" not in overview
    assert EX + "budget-survey" in overview
    assert "criteria" in overview.graph["hidden"] and "mappings" in overview.graph["hidden"]
    asked = graphing.view(shipped, "all", include=["criteria", "mappings"])
    assert {"criterion", "mapped"} <= {d["kind"] for _, d in asked.nodes(data=True)}
    assert "class" not in {d["kind"] for _, d in asked.nodes(data=True)}
    everything = graphing.view(shipped, "all", include=["everything"])
    assert everything.number_of_nodes() == shipped.number_of_nodes()
    assert everything.graph["hidden"] == ""
    with pytest.raises(ValueError, match="unknown part"):
        graphing.view(shipped, "all", include=["colours"])


def test_spectrum_links_column_examples_to_their_column(shipped: nx.MultiDiGraph) -> None:
    # Glossary figure: "Coercion / Protection ... e.g. criminal justice, safeguarding";
    # the reasoner classifies these examples to the column class CoercionOrProtection
    # (copro:coversLevel coercion, protection), so both levels of the column link them.
    sp = graphing.spectrum(shipped)
    for example, levels in (
        ("example-criminal-justice", ("coercion", "protection")),
        ("example-safeguarding", ("coercion", "protection")),
        ("example-smoking-cessation-programme", ("education", "persuasion")),
    ):
        for level in levels:
            assert sp.has_edge(C + example, C + level, key=str(RDF.type)), (example, level)


def test_hierarchy_layout_reads_left_to_right_without_overlaps(shipped: nx.MultiDiGraph) -> None:
    h = graphing.hierarchy(shipped)
    pos = {n: (d["x"], d["y"]) for n, d in h.nodes(data=True)}
    # ISO 25964 display convention used here: a narrower term to the right of its
    # broader term. Every link of the tree (same-block) points right -> left.
    assert sum(pos[s][0] > pos[o][0] for s, o in h.edges()) >= 0.9 * h.number_of_edges()
    assert pos[C + "co-design"][0] > pos[C + "co-production"][0]  # part -> whole
    boxes = {}
    for n, (x, y) in pos.items():
        w, ht = graphing._box(h.nodes[n]["label"])
        boxes[n] = (x - w / 2, y - ht / 2, x + w / 2, y + ht / 2)
    items = sorted(boxes.items())
    for i, (a, (ax0, ay0, ax1, ay1)) in enumerate(items):
        for b, (bx0, by0, bx1, by1) in items[i + 1 :]:
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a, b)
    # The ladders we map to are left out unless asked for.
    assert all(d["kind"] != "mapped" for _, d in h.nodes(data=True))
    assert any(
        d["kind"] == "mapped"
        for _, d in graphing.hierarchy(shipped, include=["mappings"]).nodes(data=True)
    )


def test_radial_layout_places_every_node_of_a_big_graph_apart() -> None:
    g = nx.MultiDiGraph()
    for i in range(1, 600):
        g.add_edge(f"n{i}", f"n{(i - 1) // 4}")
    g.add_node("alone")
    pos = graphing.radial_layout(g)
    assert set(pos) == set(g)
    assert len(set(pos.values())) == g.number_of_nodes()
    assert pos == graphing.radial_layout(g)  # deterministic
