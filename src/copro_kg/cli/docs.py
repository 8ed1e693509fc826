"""``copro-kg docs``: HTML documentation of the ontology (pyLODE), offline."""

from __future__ import annotations

import click

from copro_kg.cli._options import data_options
from copro_kg.cli._progress import progress
from copro_kg.export import docs as documenting
from copro_kg.pipeline import Workspace


@click.command()
@data_options
@click.option(
    "-o",
    "--output",
    metavar="DIR",
    default="build/docs",
    show_default=True,
    help="Folder to write index.html into (created if missing).",
)
def docs(data: tuple[str, ...], input_format: str | None, output: str) -> None:
    """Write HTML documentation of the ontology (classes, properties, individuals).

    The page is made by pyLODE from the owl export profile, with its CSS inlined: it
    opens from disk and loads nothing from the network.

    \b
    Example:
      copro-kg docs -o build/docs
      copro-kg docs --data my-extension.ttl -o build/my-docs
    """
    graph = Workspace(data, input_format=input_format).graph
    with progress("writing the documentation"):
        path = documenting.write_docs(output, graph)
    click.echo(f"wrote {path}", err=True)
