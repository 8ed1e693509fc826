"""``copro-kg explain``: why a fact holds, step by step, down to asserted triples."""

from __future__ import annotations

import json

import click

from copro_kg.cli._options import data_options, report_format_option
from copro_kg.errors import FindingsError
from copro_kg.pipeline import Workspace
from copro_kg.reasoning import explain as explaining


@click.command()
@click.argument("subject")
@click.argument("predicate")
@click.argument("object_", metavar="OBJECT")
@data_options
@report_format_option("text: an indented tree; json: the tree as data.")
def explain(
    subject: str,
    predicate: str,
    object_: str,
    data: tuple[str, ...],
    input_format: str | None,
    fmt: str,
) -> None:
    """Explain why SUBJECT PREDICATE OBJECT holds, down to the asserted triples.

    Terms are labels (any case), CURIEs or IRIs; PREDICATE may be `type`. Each step
    names the OWL 2 RL rule used; each leaf names the file it was asserted in. Exit 1
    when the fact does not hold (with any distinction the glossary draws).

    \b
    Example:
      copro-kg explain co-design broaderTransitive involvement
      copro-kg explain copro:co-design skos:broaderTransitive copro:engagement --format json
    """
    workspace = Workspace(data, input_format=input_format)
    sources = [(source.name, source.graph) for source in workspace.sources]
    answer = explaining.explain(workspace.reasoning(), subject, predicate, object_, sources=sources)
    if fmt == "json":
        click.echo(json.dumps(answer.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(answer.text())
    if not answer.holds:
        raise FindingsError(f"the fact does not hold: {answer.sentence}")
