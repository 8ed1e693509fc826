"""The site's pictures: the graph issue's views, rendered by its renderer.

The site draws nothing itself. :mod:`copro_kg.viz.convert` turns the reasoned graph into
networkx, :mod:`copro_kg.viz.views` picks the views (spectrum, cycle, a term's
neighbourhood) and their titles, and :mod:`copro_kg.viz.html` turns a view into one
offline HTML page, which the site embeds in an ``<iframe>``. The site's own stylesheet
takes the groups' colours from the same place (:func:`copro_kg.viz.style.palette_css`).
The pages share one copy of vis-network and the renderer's script and
stylesheet in ``static/`` (:func:`copro_kg.viz.html.graph_assets`): each page carries
only its own data, a few kB instead of ~0.7 MB (the decision is in ``docs/site.md``).
Every picture comes with its text alternative -- the same edges as a list
-- taken from the same networkx view, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["STATIC", "TERM_KINDS", "Edge", "Pictures", "draw", "edges_of", "palette_files"]

TERM_KINDS = frozenset({"concept", "level", "group", "phase"})
"""Node kinds (:data:`copro_kg.viz.convert.KINDS`) drawn in a term's focus graph."""

STATIC = "static/"
"""Where the graph pages' shared scripts and stylesheets go, under the site's root."""


@dataclass(frozen=True)
class Edge:
    """One drawn edge, in words: "co-design *is part of* co-production"."""

    source: str
    relation: str
    target: str
    inferred: bool
    ours: bool = False
    """An asserted link that is our reading, not the glossary's (issue 25)."""


@dataclass
class Pictures:
    """HTML pages to write (path under the site -> page), their edges as text, and
    the script and style files they share (path under the site -> content)."""

    pages: dict[str, str]
    edges: dict[str, list[Edge]]
    assets: dict[str, str] = field(default_factory=dict)


def edges_of(view: Any) -> list[Edge]:
    """The edges of a networkx view as sentences, in a stable order."""
    out = []
    for source, target, data in view.edges(data=True):
        out.append(
            Edge(
                source=str(view.nodes[source].get("label", source)),
                relation=str(data.get("label", "")),
                target=str(view.nodes[target].get("label", target)),
                inferred=bool(data.get("inferred", False)),
                ours=bool(data.get("ours", False)),
            )
        )
    return sorted(out, key=lambda e: (e.source.casefold(), e.relation, e.target.casefold()))


def draw(
    result: Any,
    focus_terms: dict[str, str],
    *,
    focus_depth: int = 1,
    shipped: Callable[[Any], bool] | None = None,
) -> Pictures:
    """Render the spectrum, the cycle and one small focus graph per term.

    Args:
        result: the reasoning result (see :func:`copro_kg.reason`).
        focus_terms: term IRI -> slug; each gets ``graphs/focus/<slug>.html``.
        focus_depth: how many links out from the term its focus graph reaches.
        shipped: ``shipped(node)``: the glossary's own (:func:`copro_kg.viz.convert.shipped_from`);
            the spectrum's "not placed" tray lists only the user's activities.

    Returns:
        The pages keyed by their path in the site (``graphs/spectrum.html`` ...), the
        text alternative of each (same keys), and the shared ``static/`` files they link.
    """
    from copro_kg.pipeline import shipped_sources
    from copro_kg.viz import convert, views  # heavy (networkx, pyvis): only when drawing
    from copro_kg.viz import html as rendering

    # The shipped examples and passages are the glossary's, not the user's activities:
    # marked so, the spectrum's "not placed" tray lists only the user's (as the CLI does).
    whole = convert.to_networkx(result, shipped=convert.shipped_from(shipped_sources()))
    pages: dict[str, str] = {}
    edges: dict[str, list[Edge]] = {}
    for name in ("spectrum", "cycle"):
        view = views.view(whole, name)
        if view.number_of_nodes() == 0:
            continue
        path = f"graphs/{name}.html"
        title = views.TITLES[name]
        pages[path] = rendering.render_html(view, title=title, assets=_assets_from(path))
        edges[path] = edges_of(view)
    for iri, slug in sorted(focus_terms.items(), key=lambda item: item[1]):
        if iri not in whole:
            continue
        # A term page's picture shows terms only: the criteria, distinctions and
        # classes around a term are in the page's text, and drawn they bury it.
        view = views.focus(whole, iri, depth=focus_depth, kinds=TERM_KINDS)
        if view.number_of_edges() == 0:
            continue
        label = str(whole.nodes[iri].get("label", slug))
        path = f"graphs/focus/{slug}.html"
        pages[path] = rendering.render_html(view, title=label, assets=_assets_from(path))
        edges[path] = edges_of(view)
    assets = {f"{STATIC}{name}": text for name, text in rendering.graph_assets().items()}
    return Pictures(pages=pages, edges=edges, assets=assets if pages else {})


def palette_files() -> dict[str, str]:
    """The site's ``static/palette.css`` (path under the site -> content): the groups'
    colours as the graph pages draw them, which ``site.css`` imports.

    >>> "--with:" in palette_files()["static/palette.css"]
    True
    """
    from copro_kg.viz.style import palette_css  # light: no networkx, no Jinja2

    return {f"{STATIC}palette.css": palette_css()}


def _assets_from(path: str) -> str:
    """The relative URL of :data:`STATIC` from the page at ``path`` (site-relative).

    >>> _assets_from("graphs/focus/co-design.html")
    '../../static/'
    """
    return "../" * path.count("/") + STATIC
