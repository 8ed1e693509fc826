"""The pictures drawn from the converted graph: the overview, a term's neighbourhood,
the engagement spectrum, the co-production cycle and the broader/narrower hierarchy.

Each view takes the :class:`networkx.MultiDiGraph` of
:func:`copro_kg.viz.convert.to_networkx` and returns the subgraph to draw, with
``graph.graph["view"]`` naming it. The spectrum and the cycle follow the glossary's own
figures and fix every node's ``x``/``y``; the hierarchy is laid out as a tree by
:func:`copro_kg.viz.layout.tree_layout`. :func:`select` picks a view (or a focus) and
its title from :data:`TITLES`, the one list of picture titles (the site uses it too).

>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://w3id.org/copro-kg/co-design", label="co-design", kind="phase")
>>> drawn, title = select(g, "cycle")
>>> title, drawn.graph["view"]
('The co-production cycle', 'cycle')
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

import networkx as nx
from rdflib.namespace import RDFS, SKOS

from copro_kg.namespace import COPRO, ISOTHES
from copro_kg.viz.figures import cycle, spectrum
from copro_kg.viz.layout import BIG_GRAPH, label_box, tree_layout
from copro_kg.viz.sections import HIERARCHY_LINKS, section_layout, sections
from copro_kg.vocab.labels import local_name
from copro_kg.vocab.resolve import Candidate, resolve

__all__ = [
    "INCLUDE_CHOICES",
    "OPTIONAL_PARTS",
    "TITLES",
    "VIEWS",
    "focus",
    "hidden_note",
    "hierarchy",
    "overview",
    "resolve_term",
    "select",
    "view",
]

OPTIONAL_PARTS: dict[str, frozenset[str]] = {
    "classes": frozenset({"class"}),
    "criteria": frozenset({"criterion"}),
    "features": frozenset({"feature"}),
    "distinctions": frozenset({"distinction"}),
    "mappings": frozenset({"mapped"}),
    "examples": frozenset({"activity", "individual"}),
}
"""What the overview (view ``all``) and the hierarchy hide unless asked, by the name the
user asks for it with (``--include criteria,mappings``), mapped to node kinds.
``examples`` are the shipped example activities; the user's own activities always show."""

INCLUDE_CHOICES = (*OPTIONAL_PARTS, "everything")
"""Accepted ``include`` names: the parts above, or ``everything``."""

VIEWS = ("all", "spectrum", "cycle", "hierarchy")
"""The named views :func:`view` draws."""

IS_PART_OF = COPRO.isPartOf
BROADER_GENERIC = ISOTHES.broaderGeneric
BROADER_PARTITIVE = ISOTHES.broaderPartitive


TITLES = {
    "all": "The engagement and co-production glossary: its terms and how they relate",
    "spectrum": "Engagement as a spectrum: doing to, doing for, doing with",
    "cycle": "The co-production cycle",
    "hierarchy": "What sits under what: broader and narrower terms",
    "focus": "Around {label}",
}
"""Page titles for each view (``focus`` takes the centre's label)."""


def select(
    graph: nx.MultiDiGraph,
    view_name: str = "all",
    term: str | None = None,
    depth: int = 1,
    include: Iterable[str] = (),
) -> tuple[nx.MultiDiGraph, str]:
    """The subgraph to draw and its title: ``focus(term, depth)`` if a term is given,
    else :func:`view` ``view_name`` (``focus`` applies within the view, so a focus
    in the default overview also leaves the optional parts out unless ``include``d).

    Raises:
        UnknownTermError: ``term`` is not in the view.
        ValueError: an unknown view or part name.
    """
    sub = view(graph, view_name, include)
    if term is None:
        return sub, TITLES[view_name]
    around = focus(sub, term, depth)
    # Fixed positions belong to the whole view; a neighbourhood is laid out afresh
    # (in rings around the focus: viz.layout.ring_layout).
    around.graph["view"] = "all" if view_name in ("all", "hierarchy") else view_name
    if view_name in ("all", "hierarchy"):
        for node in around:
            around.nodes[node].pop("x", None)
            around.nodes[node].pop("y", None)
        for _, _, data in around.edges(data=True):  # the sections' drawing (overview)
            data.pop("shownBy", None)
            data.pop("betweenSections", None)
    centre = around.graph["focus"]
    return around, TITLES["focus"].format(label=sub.nodes[centre].get("label", centre))


def view(graph: nx.MultiDiGraph, name: str, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The named view (one of :data:`VIEWS`) of the converted graph.

    ``include`` names optional parts (:data:`OPTIONAL_PARTS`) for the views that hide
    them: ``all`` (see :func:`overview`) and ``hierarchy`` (``mappings``).

    Raises:
        ValueError: an unknown view or part name.
    """
    include = tuple(include)
    if name == "all":
        return overview(graph, include)
    if name == "hierarchy":
        return hierarchy(graph, include)
    _included_kinds(include)  # still reject unknown names
    builders: dict[str, Callable[[nx.MultiDiGraph], nx.MultiDiGraph]] = {
        "spectrum": spectrum,
        "cycle": cycle,
    }
    try:
        return builders[name](graph)
    except KeyError:
        raise ValueError(f"unknown view {name!r}; choose from {', '.join(VIEWS)}") from None


def resolve_term(graph: nx.MultiDiGraph, term: str) -> str:
    """The node a user means by ``term``: an IRI, a CURIE, a slug or a label.

    The rules are the project's one resolver, :func:`copro_kg.vocab.resolve.resolve` (slug before
    labels, case, spaces and hyphens alike, the glossary's own terms winning ties against
    the ladders we map to), applied to the nodes of this view.

    Raises:
        UnknownTermError: nothing matches (with "did you mean" suggestions from the
            labels), or the term names several nodes.
    """
    candidates = [
        Candidate(
            key=node,
            display=data.get("curie", node),
            slugs=[data.get("curie", ""), local_name(node)],
            pref_labels=[data.get("label", "")],
            other_labels=[data.get("labelCy", ""), *data.get("altLabels", "").split("; ")],
            glossary=node.startswith(str(COPRO)) and data.get("kind") != "mapped",
        )
        for node, data in graph.nodes(data=True)
    ]
    return resolve(term, candidates)


def _included_kinds(include: Iterable[str]) -> set[str]:
    """The optional node kinds ``include`` asks for (see :data:`OPTIONAL_PARTS`).

    Raises:
        ValueError: an unknown part name.
    """
    kinds: set[str] = set()
    for part in include:
        if part == "everything":
            kinds.update(*OPTIONAL_PARTS.values())
        elif part in OPTIONAL_PARTS:
            kinds.update(OPTIONAL_PARTS[part])
        else:
            raise ValueError(f"unknown part {part!r}; choose from {', '.join(INCLUDE_CHOICES)}")
    return kinds


def hidden_note(graph: nx.MultiDiGraph, dropped: Iterable[str]) -> str:
    """ "24 criteria, 37 classes" for the nodes left out, in :data:`OPTIONAL_PARTS` order."""
    counts: dict[str, int] = defaultdict(int)
    part_of = {kind: part for part, kinds in OPTIONAL_PARTS.items() for kind in kinds}
    for node in dropped:
        part = part_of.get(str(graph.nodes[node].get("kind")))
        if part:
            counts[part] += 1
    return ", ".join(f"{counts[p]} {p}" for p in OPTIONAL_PARTS if counts[p])


def _is_optional(data: dict[str, Any], wanted: set[str]) -> bool:
    kind = str(data.get("kind"))
    if kind in ("activity", "individual") and not data.get("shipped"):
        return False  # the user's own data always shows
    optional = {k for kinds in OPTIONAL_PARTS.values() for k in kinds}
    return kind in optional and kind not in wanted


def overview(graph: nx.MultiDiGraph, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The vocabulary's terms and their named relations: the default whole-graph view.

    The terms are laid out by the glossary's sections (:mod:`copro_kg.viz.sections`):
    a framed block per top concept, the cycle's phases, the user's activities, each a
    small tree under its heading term; ``graph.graph["sections"]`` holds the frames
    (above :data:`~copro_kg.viz.layout.BIG_GRAPH` terms: the radial layout instead).
    Everything at once (206 nodes, 595 links for the shipped glossary) is a hairball,
    so by default the overview keeps the terms -- concepts, spectrum groups and
    levels, cycle phases -- and the user's own activities, and leaves out the parts
    of the model a reader asks for when needed (:data:`OPTIONAL_PARTS`: OWL classes,
    criteria, feature values, distinctions, the ladders we map to, the shipped
    example activities). ``graph.graph["hidden"]`` says what was left out, e.g.
    ``"37 classes, 24 criteria"``, so the page can tell the reader.

    Raises:
        ValueError: an unknown name in ``include``.
    """
    wanted = _included_kinds(include)
    dropped = [n for n, d in graph.nodes(data=True) if _is_optional(d, wanted)]
    sub = graph.copy()
    sub.remove_nodes_from(dropped)
    sub.graph.update(view="all", hidden=hidden_note(graph, dropped))
    if sub.number_of_nodes() > BIG_GRAPH:
        return sub  # viz.layout.radial_layout: blocks of thousands of terms help no one
    # Issue 15: "organised by the glossary's sections ... instead of free physics".
    blocks = sections(sub)
    placed, frames = section_layout(sub, blocks)
    for node, (x, y) in placed.items():
        sub.nodes[node].update(x=x, y=y)
    sub.graph["sections"] = frames
    block_of = {n: i for i, block in enumerate(blocks) for n in block.members}
    for s, o, data in sub.edges(data=True):
        if block_of.get(s) != block_of.get(o):
            data["betweenSections"] = True  # drawn faint: the blocks stay readable
    for block in blocks:
        for broader, narrower in block.children.items():
            for node in narrower:
                # The link(s) between a term and the term it is drawn under: the
                # block says them (the page does not draw them, GraphML keeps them) --
                # unless the link is ours (issue 25: "doing to"'s four levels, the
                # ways of working): then it is drawn, dotted, so the placement shows
                # as our reading, with its reason when pointed at.
                for s, o in ((node, broader), (broader, node)):
                    for data in sub.get_edge_data(s, o, default={}).values():
                        if not data.get("ours"):
                            data["shownBy"] = "block"
    return sub


def focus(
    graph: nx.MultiDiGraph, term: str, depth: int = 1, kinds: Iterable[str] | None = None
) -> nx.MultiDiGraph:
    """The neighbourhood of ``term``: nodes within ``depth`` edges, either direction.

    ``kinds`` keeps only nodes of those kinds (the centre always stays), after the
    neighbourhood is found: a term's page draws the terms around it, not the criteria
    its neighbourhood passes through. Nodes and edges come out in sorted order -- a
    networkx subgraph lists them in the order of a Python set, which changes from run to
    run, and so would the browser's layout of the same input.

    Raises:
        UnknownTermError: see :func:`resolve_term`.
        ValueError: ``depth`` is negative.
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    centre = resolve_term(graph, term)
    keep = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), centre, depth)
    if kinds is not None:
        wanted = set(kinds)
        keep = {
            n: d for n, d in keep.items() if n == centre or graph.nodes[n].get("kind") in wanted
        }
    sub = nx.MultiDiGraph(**graph.graph)
    sub.add_nodes_from((n, graph.nodes[n]) for n in sorted(keep))
    sub.add_edges_from(
        sorted(
            (
                (s, o, k, d)
                for s, o, k, d in graph.edges(keys=True, data=True)
                if s in keep and o in keep
            ),
            key=lambda e: (e[0], e[1], e[2]),
        )
    )
    sub.graph.update(view="focus", focus=centre, depth=depth)
    sub.graph.pop("sections", None)  # the whole view's frames: not this picture's
    return sub


_HIERARCHY_KEYS = HIERARCHY_LINKS


def hierarchy(graph: nx.MultiDiGraph, include: Iterable[str] = ()) -> nx.MultiDiGraph:
    """The broader/narrower tree over concepts, generic and partitive links marked.

    Keeps concept-like nodes and the edges of ``skos:broader``, ``iso-thes:broaderGeneric``
    (``link="generic"``) and ``copro:isPartOf``/``iso-thes:broaderPartitive``
    (``link="partitive"``); a plain ``skos:broader`` is kept only where no more specific
    link joins the same pair. The ladders we map to stay out unless ``include`` has
    ``mappings`` (or ``everything``). Every node gets fixed ``x``/``y`` from
    :func:`tree_layout`.
    """
    concept_kinds = {"concept", "level", "group", "phase"}
    if "mapped" in _included_kinds(include):
        concept_kinds.add("mapped")
    sub = nx.MultiDiGraph(**graph.graph)
    for node, data in graph.nodes(data=True):
        if data.get("kind") in concept_kinds:
            sub.add_node(node, **data)
    for s, o, k, data in graph.edges(keys=True, data=True):
        if s in sub and o in sub and k in _HIERARCHY_KEYS and k != str(RDFS.subClassOf):
            if k == str(SKOS.broader) and any(
                kk in _HIERARCHY_KEYS and kk != k for kk in graph[s][o]
            ):
                continue
            sub.add_edge(s, o, key=k, link=_HIERARCHY_KEYS[k], **data)
    # Concepts outside every hierarchy are noise in a tree.
    sub.remove_nodes_from([n for n in list(sub) if sub.degree(n) == 0])
    hidden = [n for n, d in graph.nodes(data=True) if d.get("kind") == "mapped" and n not in sub]
    sub.graph.update(view="hierarchy", hidden=hidden_note(graph, hidden))
    for node, (x, y) in tree_layout(sub).items():
        sub.nodes[node].update(x=x, y=y)
    roots = [n for n in sub if not any(o != n for o in sub.successors(n))]
    if roots:
        # Where a reader starts when the tree is too big for the window at a legible
        # size (issue 15: "the top of the hierarchy"): the root of the biggest tree,
        # which tree_layout puts first, at the top left (a root sits at its block's
        # left edge).
        def corner(n: str) -> tuple[int, int]:
            left = sub.nodes[n]["x"] - label_box(str(sub.nodes[n].get("label", n)))[0] / 2
            return (round(left / 10), sub.nodes[n]["y"])

        sub.graph["start"] = min(roots, key=corner)
    return sub
