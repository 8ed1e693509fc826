"""``copro-kg reason``: materialise the OWL 2 RL closure and write it."""

from __future__ import annotations

import sys

import click

from .. import loading, reasoning
from ..writing import format_for_path, serialize_graph
from ._options import data_options, output_option
from ._progress import progress


@click.command()
@data_options
@output_option
@click.option("--format", "fmt", metavar="FORMAT", help="Output syntax (turtle, nt, xml, json-ld); "
              "by default from the -o extension, Turtle on stdout.")
@click.option("--inferred-only", is_flag=True, help="Write only the inferred triples.")
def reason(
    data: tuple[str, ...],
    input_format: str | None,
    output: str | None,
    fmt: str | None,
    inferred_only: bool,
) -> None:
    """Materialise what follows from the glossary (plus --data files) and write it.

    \b
    Example:
      copro-kg reason -o build/reasoned.ttl
      copro-kg reason --data my-activities.ttl --inferred-only --format nt
    """
    graph = loading.load(data, input_format=input_format)
    with progress(f"reasoning over {len(graph):,} triples"):
        result = reasoning.reason(graph)
    out = result.inferred if inferred_only else result.closure
    if output:
        serialize_graph(out, output, fmt)
        click.echo(f"wrote {len(out):,} triples to {output}", err=True)
    else:
        rdf_format = format_for_path("-", fmt or "turtle")
        sys.stdout.buffer.write(out.serialize(format=rdf_format, encoding="utf-8"))
