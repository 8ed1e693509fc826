"""``copro-kg diff``: what changed between two versions of the glossary, concept by concept."""

from __future__ import annotations

import click

from copro_kg.cli._options import output_option
from copro_kg.history.compare import compare
from copro_kg.history.report import FORMATS, render
from copro_kg.io.atomic import write_atomic


@click.command()
@click.argument("old")
@click.argument("new", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text for people, md for release notes, json for scripts.",
)
@click.option(
    "--input-format",
    metavar="FORMAT",
    help="RDF syntax of OLD/NEW files (turtle, xml, json-ld, nt ...); by default each "
    "file's extension decides.",
)
@output_option
def diff(old: str, new: str | None, fmt: str, input_format: str | None, output: str | None) -> None:
    """Say what changed from OLD to NEW, concept by concept.

    OLD and NEW are released versions (see releases/releases.json) or RDF files; NEW
    defaults to the current glossary. Each change is one of RDF Differ's types --
    added, deleted, updated (new value), moved (to another concept), changed (to
    another property) -- or deprecated, with the replacement. Exit 0 when the two
    could be compared (whatever changed), 2 on bad input.

    \b
    Example:
      copro-kg diff 0.1.0
      copro-kg diff 0.1.0 --format md -o notes.md
      copro-kg diff old-export.ttl new-export.rdf --format json
    """
    text = render(compare(old, new, input_format=input_format), fmt)
    if output:
        write_atomic(output, text.encode("utf-8"))
    else:
        click.echo(text, nl=not text.endswith("\n"))
