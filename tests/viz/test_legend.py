"""The legend lists what is drawn and only that (issue 15), and says who states each line
(issue 25: our readings are marked as ours)."""

from __future__ import annotations

import networkx as nx

from copro_kg.viz import legend, views
from tests.viz.conftest import EX, C


def test_legend_lists_what_is_drawn_and_only_that(shipped: nx.MultiDiGraph) -> None:
    overview = views.view(shipped, "all")
    items, lines, _ = legend.legend(overview)
    texts = " | ".join(i["text"] for i in items)
    # The user's own activity (tests/data/graph/activities.ttl) is drawn; the shipped
    # examples are hidden in the overview, so the legend does not promise them.
    assert EX + "budget-survey" in overview
    assert "your activity" in texts and "example" not in texts
    assert "criterion" not in texts  # criteria are hidden unless asked for
    assert {"doing to", "doing for", "doing with"} <= {i["text"] for i in items}
    asked = views.view(shipped, "all", include=["examples", "criteria"])
    texts = " | ".join(i["text"] for i in legend.legend(asked)[0])
    assert "example" in texts and "criterion" in texts
    assert any(line["css"] == "inferred" for line in lines)


def test_the_legend_names_dotted_lines_only_where_one_is_drawn(mini: nx.MultiDiGraph) -> None:
    # tests/data/graph has no evidence of ours: nothing is dotted, the legend says nothing.
    for name in ("all", "spectrum", "cycle"):
        drawn = views.view(mini, name)
        assert not any(d.get("ours") for *_, d in drawn.edges(data=True))
        assert legend.OURS_LEGEND not in [line["text"] for line in legend.legend(drawn)[1]]
    assert ".line.ours { border-top: 3px dotted" in legend.legend_css()


def test_solid_lines_say_who_states_them(shipped: nx.MultiDiGraph) -> None:
    # Issue 25, "say only what the glossary says": the rungs of Arnstein's ladder are linked
    # by Arnstein (ontology/mappings.ttl: dcterms:source, dcterms:title "Arnstein's Ladder
    # of Citizen Participation (1969)"), the user's activities by the user
    # (tests/data/graph/activities.ttl): neither is "stated in the glossary".
    arnstein = "https://w3id.org/copro-kg/mapped/arnstein/"
    ladder = views.view(shipped, "hierarchy", include=["mappings"])
    inside = [d for s, _, d in ladder.edges(data=True) if s.startswith(arnstein)]
    assert inside and all(d.get("statedBy") == "source" for d in inside if not d["inferred"])
    texts = [line["text"] for line in legend.legend(ladder)[1]]
    by_source = [t for t in texts if t.startswith("stated by its source, not the glossary")]
    assert by_source and "Arnstein's Ladder of Citizen Participation (1969)" in by_source[0]
    spectrum = views.view(shipped, "spectrum")
    mine = [d for s, _, d in spectrum.edges(data=True) if s.startswith(EX)]
    assert mine and all(d.get("statedBy") == "data" for d in mine if not d["inferred"])
    texts = [line["text"] for line in legend.legend(spectrum)[1]]
    assert "stated in your data (solid, arrow)" in texts
    # Only where such a line is drawn: the hierarchy of the glossary alone has neither.
    texts = " | ".join(line["text"] for line in legend.legend(views.view(shipped, "hierarchy"))[1])
    assert "your data" not in texts and "by its source" not in texts
    assert "stated in the glossary" in texts


def test_links_of_our_model_are_not_said_to_be_the_glossarys(shipped: nx.MultiDiGraph) -> None:
    # Issue 25: "Criterion is disjoint with EngagementActivity" (ontology/copro.ttl) is how
    # copro-kg models its records; the glossary has no such sentence (no evidence).
    drawn = views.view(shipped, "all", include=["classes"])
    data = drawn.get_edge_data(C + "Criterion", C + "EngagementActivity")
    assert data and all(d.get("statedBy") == "model" for d in data.values())
    texts = [line["text"] for line in legend.legend(drawn)[1]]
    assert "part of copro-kg's model, not the glossary (solid, arrow)" in texts
    plain = [line["text"] for line in legend.legend(views.view(shipped, "all"))[1]]
    assert not [t for t in plain if "copro-kg's model" in t]
