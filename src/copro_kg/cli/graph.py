"""``copro-kg graph``: draw the glossary as an interactive offline HTML page (or GraphML/GEXF)."""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Graph

from copro_kg.cli._options import data_options
from copro_kg.cli._progress import progress
from copro_kg.io import sources as loading
from copro_kg.namespace import bind_prefixes
from copro_kg.reasoning import result as reasoning
from copro_kg.viz import convert as graphing
from copro_kg.viz import html as rendering


def _parts(
    _ctx: click.Context, _param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """``--include a,b --include c`` -> ("a", "b", "c"), each checked."""
    parts = tuple(p.strip() for value in values for p in value.split(",") if p.strip())
    unknown = [p for p in parts if p not in graphing.INCLUDE_CHOICES]
    if unknown:
        raise click.BadParameter(
            f"unknown part {unknown[0]!r}; choose from {', '.join(graphing.INCLUDE_CHOICES)}"
        )
    return parts


_SUFFIX_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".html": "html", ".htm": "html"}


@click.command()
@data_options
@click.option(
    "-o",
    "--output",
    required=True,
    metavar="FILE",
    help="Write the page (or GraphML/GEXF) to FILE, atomically.",
)
@click.option(
    "--view",
    "view_name",
    type=click.Choice(graphing.VIEWS),
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
    + ", ".join(graphing.INCLUDE_CHOICES)
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
    type=click.Choice(rendering.FORMATS),
    default=None,
    help="html (default), or graphml/gexf for Gephi, Cytoscape and yEd; by default "
    "from the -o extension.",
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
    """Draw the glossary (plus your --data activities) as one offline HTML page.

    Asserted links are solid, inferred ones dashed (hover for the reasoner's reason);
    your activities are coloured by the spectrum level the reasoner gave them. The page
    needs no network: open it from disk or an intranet share.

    \b
    Example:
      copro-kg graph -o build/graphs/spectrum.html --view spectrum
      copro-kg graph -o everything.html --include everything
      copro-kg graph -o co-design.html --focus co-design --depth 2
      copro-kg graph -o mine.html --data my-activities.ttl --view spectrum
      copro-kg graph -o glossary.graphml
    """
    fmt = fmt or _SUFFIX_FORMATS.get(Path(output).suffix.lower(), "html")
    sources = loading.load_sources(data, input_format=input_format)
    merged = bind_prefixes(Graph())
    for source in sources:
        merged += source.graph
    with progress(f"reasoning over {len(merged):,} triples"):
        result = reasoning.reason(merged)
    converted = graphing.to_networkx(
        result,
        inferred=not no_inferred,
        origin=graphing.origin_from(sources),
        shipped=graphing.shipped_from(sources),
    )
    drawn, title = graphing.select(converted, view_name, term, depth, include)
    rendering.write_graph(drawn, output, fmt, title=title, subtitle=_subtitle(no_inferred))
    hidden = drawn.graph.get("hidden")
    click.echo(
        f"wrote {drawn.number_of_nodes():,} terms and {drawn.number_of_edges():,} links "
        f"to {output}" + (f" (not shown: {hidden}; see --include)" if hidden else ""),
        err=True,
    )


def _subtitle(no_inferred: bool) -> str:
    return (
        "Only what the glossary files state (inferred links hidden)."
        if no_inferred
        else "Solid: stated in the glossary. Dashed: inferred by the reasoner."
    )
