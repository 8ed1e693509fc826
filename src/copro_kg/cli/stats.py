"""``copro-kg stats``: what is in the graph, as a Markdown table (the README's summary)."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from copro_kg.cli._options import data_options, output_option
from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic
from copro_kg.pipeline import Workspace
from copro_kg.vocab import stats as summary


@click.command()
@data_options
@output_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
    help="markdown: the table of the README; json: the same rows as data.",
)
@click.option(
    "--readme",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rewrite the table between <!-- stats:begin --> and <!-- stats:end --> in FILE.",
)
@click.option(
    "--evidence",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the evidence table (every statement and what it rests on) to FILE.",
)
def stats(
    data: tuple[str, ...],
    input_format: str | None,
    output: str | None,
    fmt: str,
    readme: Path | None,
    evidence: Path | None,
) -> None:
    """Summarise what is in the graph: concepts, classes, properties, criteria, counts.

    Counts the asserted triples of the shipped glossary (plus any --data files): no
    reasoning, so the numbers say what the files contain.

    \b
    Example:
        copro-kg stats
        copro-kg stats --readme README.md
        copro-kg stats --evidence docs/evidence.md
    """
    graph = Workspace(data, input_format=input_format).graph
    if evidence is not None:
        write_atomic(evidence, summary.evidence_markdown(graph))
        click.echo(f"updated {evidence}", err=True)
        return
    rows = summary.summarise(graph)
    if fmt == "json":
        text = json.dumps([asdict(row) for row in rows], indent=2) + "\n"
    else:
        text = summary.to_markdown(rows)
    if readme is not None:
        try:
            old = readme.read_text(encoding="utf-8")
        except OSError as err:
            raise InputError(f"cannot read {readme}: {err.strerror}") from err
        write_atomic(readme, summary.update_readme(old, summary.to_markdown(rows)))
        click.echo(f"updated {readme}", err=True)
        return
    if output:
        write_atomic(output, text)
    else:
        click.echo(text, nl=False)
