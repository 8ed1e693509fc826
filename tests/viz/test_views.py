"""The views drawn from the converted graph: overview, focus, spectrum, cycle, hierarchy.

Expectations come from the glossary text, quoted per test (issue 6).
"""

from __future__ import annotations

import os
import subprocess
import sys

import networkx as nx
import pytest
from rdflib.namespace import RDF

from copro_kg.errors import UnknownTermError
from copro_kg.namespace import PREFIXES
from copro_kg.viz import figures, views
from tests.conftest import REPO_ROOT
from tests.viz.conftest import EX, C


def test_focus_keeps_the_neighbourhood(mini: nx.MultiDiGraph) -> None:
    # Glossary: "a cycle that includes co-planning ..., co-design and co-decision
    # making, co-delivery ..., and co-evaluation"; co-design is part of co-production.
    near = views.focus(mini, "co-design", depth=1)
    assert set(near) == {
        C + x for x in ("co-design", "co-production", "co-delivery", "co-planning")
    }
    assert C + "information" not in views.focus(mini, "Co Design", depth=2)
    assert set(views.focus(mini, "copro:co-design", depth=0)) == {C + "co-design"}


def test_unknown_term_suggests_close_labels(mini: nx.MultiDiGraph) -> None:
    with pytest.raises(UnknownTermError) as err:
        views.resolve_term(mini, "co-desing")
    assert "co-design" in err.value.suggestions
    assert "did you mean" in (err.value.hint or "")


def test_spectrum_orders_levels_by_power_sharing(mini: nx.MultiDiGraph) -> None:
    # Glossary figure: "doing to doing for doing with", and within doing for
    # "information consultation participation".
    sp = figures.spectrum(mini)
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
    cy = figures.cycle(mini)
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
    h = views.hierarchy(mini)
    links = {
        (s.rsplit("/", 1)[-1], o.rsplit("/", 1)[-1], d["link"]) for s, o, d in h.edges(data=True)
    }
    assert ("co-design", "co-production", "partitive") in links
    assert ("co-production", "involvement", "generic") in links
    assert all(d["kind"] != "class" for _, d in h.nodes(data=True))


def test_unknown_view_is_an_error(mini: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="unknown view"):
        views.view(mini, "radial")


def test_overview_shows_terms_and_hides_the_model_unless_asked(shipped: nx.MultiDiGraph) -> None:
    kinds = {n: d["kind"] for n, d in shipped.nodes(data=True)}
    # ontology/mappings.ttl: the Arnstein/TLAP/IAP2 ladders are "Not part of the
    # glossary" -- concepts we only map to.
    assert kinds[str(PREFIXES["arnstein"]["manipulation"])] == "mapped"
    assert kinds[C + "co-production"] == "level"
    overview = views.view(shipped, "all")
    shown = {d["kind"] for _, d in overview.nodes(data=True)}
    assert {"group", "level", "phase", "concept"} <= shown
    assert shown.isdisjoint({"class", "criterion", "feature", "distinction", "mapped"})
    # The glossary's own example ("e.g. criminal justice") is shipped: hidden; the
    # user's activity (tests/data/graph/activities.ttl) always shows.
    assert C + "example-criminal-justice" not in overview
    assert EX + "budget-survey" in overview
    assert "criteria" in overview.graph["hidden"] and "mappings" in overview.graph["hidden"]
    asked = views.view(shipped, "all", include=["criteria", "mappings"])
    assert {"criterion", "mapped"} <= {d["kind"] for _, d in asked.nodes(data=True)}
    assert "class" not in {d["kind"] for _, d in asked.nodes(data=True)}
    everything = views.view(shipped, "all", include=["everything"])
    assert everything.number_of_nodes() == shipped.number_of_nodes()
    assert everything.graph["hidden"] == ""
    with pytest.raises(ValueError, match="unknown part"):
        views.view(shipped, "all", include=["colours"])


def test_spectrum_links_column_examples_to_their_column(shipped: nx.MultiDiGraph) -> None:
    # Glossary figure: "Coercion / Protection ... e.g. criminal justice, safeguarding";
    # the reasoner classifies these examples to the column class CoercionOrProtection
    # (copro:coversLevel coercion, protection), so both levels of the column link them.
    sp = figures.spectrum(shipped)
    for example, levels in (
        ("example-criminal-justice", ("coercion", "protection")),
        ("example-safeguarding", ("coercion", "protection")),
        ("example-smoking-cessation-programme", ("education", "persuasion")),
    ):
        for level in levels:
            assert sp.has_edge(C + example, C + level, key=str(RDF.type)), (example, level)


_FOCUS_ORDER = """
from copro_kg.io.sources import load
from copro_kg.reasoning import reason
from copro_kg.viz import convert, views
from tests.viz.conftest import GRAPH_DATA
g = convert.to_networkx(reason(load([GRAPH_DATA / "mini-spectrum.ttl"], ontology=False)))
around = views.focus(g, "co-design", depth=2, kinds={"phase", "level", "group", "concept"})
print(list(around), list(around.edges(keys=True)))
"""


def test_focus_lists_nodes_and_edges_in_the_same_order_whatever_the_hash_seed() -> None:
    # The same input must draw the same picture (and write the same file): a networkx
    # subgraph lists nodes in set order, which Python's salted string hashing changes.
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONWARNINGS": "ignore"}
        run = subprocess.run(
            [sys.executable, "-c", _FOCUS_ORDER],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO_ROOT,
            env=env,
        )
        outputs.add(run.stdout)
    assert len(outputs) == 1
    assert "co-design" in outputs.pop()


def test_focus_keeps_only_the_kinds_asked_and_the_centre(mini: nx.MultiDiGraph) -> None:
    # Glossary: "Co-design is a component part of a co-production process"; the level
    # co-production belongs to the "doing with" group (figure: "doing with").
    around = views.focus(mini, "co-design", depth=2, kinds={"level"})
    assert C + "co-design" in around  # a phase, kept as the centre
    assert C + "co-production" in around
    assert {d["kind"] for n, d in around.nodes(data=True) if n != C + "co-design"} == {"level"}


def test_select_titles_every_view_and_a_focus(mini: nx.MultiDiGraph) -> None:
    for name in views.VIEWS:
        _, title = views.select(mini, name)
        assert title == views.TITLES[name]
    drawn, title = views.select(mini, "hierarchy", term="co-design")
    assert title == "Around co-design"
    # A neighbourhood is laid out afresh: the whole tree's positions do not apply.
    assert all("x" not in d for _, d in drawn.nodes(data=True))


def test_the_overview_draws_our_placement_inside_a_block_dotted(
    shipped: nx.MultiDiGraph,
) -> None:
    # Issue 25: a term drawn in its broader term's block says the link by its place; when
    # the link is ours ("doing to"'s levels: ontology/evidence.ttl, "the glossary has no
    # sentence placing it"), the place alone would show our reading as the glossary's.
    overview = views.view(shipped, "all")
    ours = [(s, o, d) for s, o, d in overview.edges(data=True) if d.get("ours")]
    assert not [(s, o) for s, o, d in ours if d.get("shownBy")]
    placed = {(s, o) for s, o, _ in ours}
    assert (C + "coercion", C + "doing-to") in placed
    # The glossary's own links inside a block are still said by the block alone.
    hidden = [d for *_, d in overview.edges(data=True) if d.get("shownBy") == "block"]
    assert hidden and not any(d.get("ours") for d in hidden)
