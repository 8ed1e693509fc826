"""``copro-kg graph``: draw the glossary as an interactive offline HTML page, a picture
(SVG, PNG) for reports, or GraphML/GEXF."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import click

from copro_kg.cli._options import data_options
from copro_kg.cli._progress import progress
from copro_kg.pipeline import Workspace
from copro_kg.viz import convert, exchange, views


def _parts(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """``--include a,b --include c`` -> ("a", "b", "c"), each checked."""
    parts = tuple(p.strip() for value in values for p in value.split(",") if p.strip())
    unknown = [p for p in parts if p not in views.INCLUDE_CHOICES]
    if unknown:
        raise click.BadParameter(
            f"unknown part {unknown[0]!r}; choose from {', '.join(views.INCLUDE_CHOICES)}"
        )
    return parts


@click.command()
@data_options
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help="Write the page (or picture, GraphML, GEXF) to FILE, atomically.",
)
@click.option(
    "--view",
    "view_name",
    type=click.Choice(views.VIEWS),
    default="all",
    show_default=True,
    help="all: the glossary's terms and their relations; spectrum: the levels in order of "
    "power sharing; cycle: the co-production cycle; hierarchy: the broader/narrower tree.",
)
@click.option(
    "--include",
    "include",
    metavar="PART[,PART]",
    multiple=True,
    callback=_parts,
    help="Also draw parts the 'all' and 'hierarchy' views leave out: "
    + ", ".join(views.INCLUDE_CHOICES)
    + " (classes, criteria, feature values, distinctions, the ladders we map to, the "
    "shipped example activities; your own activities always show).",
)
@click.option(
    "--focus",
    "term",
    metavar="TERM",
    help="Draw only TERM's neighbourhood (a label, CURIE or IRI).",
)
@click.option(
    "--depth",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    help="How many links away from --focus to draw.",
)
@click.option(
    "--no-inferred",
    is_flag=True,
    help="Hide inferred (dashed) links: draw only what the files state.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(exchange.FORMATS),
    default=None,
    help="html (the interactive page); svg or png (a picture for reports: 160 mm wide, text "
    "at least 9 pt, with a caption; png needs the 'print' extra); or graphml/gexf for "
    "Gephi, Cytoscape and yEd. By default from the -o extension (.html, .htm, .svg, .png, "
    ".graphml, .gexf).",
)
def graph(
    data: tuple[str, ...],
    input_format: str | None,
    output: str,
    view_name: str,
    include: tuple[str, ...],
    term: str | None,
    depth: int,
    no_inferred: bool,
    fmt: str | None,
) -> None:
    """Draw the glossary (plus your --data activities) as one offline HTML page, or as a
    picture to put in a report or a slide (-o FILE.svg or FILE.png).

    Links the glossary states are solid, links that are our reading of it dotted,
    links of your --data or of a model we map to solid too, named so in the legend,
    inferred ones dashed (point at one for why, in words; the legend's
    technical-detail switch adds the rule codes and IRIs); your activities
    are coloured by the spectrum level the reasoner gave them. The page needs no
    network: open it from disk or an intranet share. A picture keeps the page's
    layout and colours with its text legible on A4; the spectrum's picture leaves the
    glossary's example activities to its level boxes ("e.g. ...") unless you
    --include examples.

    \b
    Example:
      copro-kg graph -o build/graphs/spectrum.html --view spectrum
      copro-kg graph -o spectrum.svg --view spectrum
      copro-kg graph -o everything.html --include everything
      copro-kg graph -o co-design.html --focus co-design --depth 2
      copro-kg graph -o mine.html --data my-activities.ttl --view spectrum
      copro-kg graph -o glossary.graphml
    """
    fmt = exchange.graph_format(output, fmt)  # before reasoning: a wrong name fails fast
    workspace = Workspace(data, input_format=input_format)
    sources = workspace.sources
    with progress(f"reasoning over {len(workspace.graph):,} triples"):
        result = workspace.reasoning()
    converted = convert.to_networkx(
        result,
        inferred=not no_inferred,
        origin=convert.origin_from(sources),
        shipped=convert.shipped_from(sources),
    )
    drawn, title = views.select(converted, view_name, term, depth, include)
    if fmt in exchange.PICTURES:
        from copro_kg.viz.picture import for_paper

        drawn = for_paper(drawn, include)
    subtitle = _subtitle(no_inferred, [d for *_, d in drawn.edges(data=True)])
    exchange.write_graph(drawn, output, fmt, title=title, subtitle=subtitle)
    hidden = drawn.graph.get("hidden")
    click.echo(
        f"wrote {drawn.number_of_nodes():,} terms and {drawn.number_of_edges():,} links "
        f"to {output}" + (f" (not shown: {hidden}; see --include)" if hidden else ""),
        err=True,
    )


def _subtitle(no_inferred: bool, edges: Sequence[Mapping[str, Any]] = ()) -> str:
    """What the lines mean, for the page's subtitle and the picture's caption: solid lines
    name who states them (the glossary; another model's source; the user's data), dotted
    lines (our reading, issue 25) are named when the view draws one."""
    stated = [d for d in edges if not d.get("inferred") and not d.get("ours")]
    sources = sorted({str(d["statedSource"]) for d in stated if d.get("statedBy") == "source"})
    who = ["in the glossary"] if any(not d.get("statedBy") for d in stated) else []
    who += [f"by its source ({s})" for s in sources]
    who += ["in copro-kg's model"] if any(d.get("statedBy") == "model" for d in stated) else []
    who += ["in your data"] if any(d.get("statedBy") == "data" for d in stated) else []
    solid = f"Solid: stated {'; '.join(who)}." if who else ""
    if any(d.get("ours") for d in edges):
        solid += " Dotted: our reading, not stated in the glossary."
    if no_inferred:
        return f"Only what is stated (links worked out are hidden). {solid}".strip()
    return f"{solid} Dashed: worked out by copro-kg, not stated.".strip()
