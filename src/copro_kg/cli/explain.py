"""``copro-kg explain``: why a fact holds, step by step, down to asserted triples."""

from __future__ import annotations

import json

import click

from copro_kg.cli._options import data_options, report_format_option
from copro_kg.errors import FindingsError
from copro_kg.pipeline import Workspace
from copro_kg.reasoning import explain as explaining
from copro_kg.vocab.resolve import Want


@click.command()
@click.argument("subject")
@click.argument("predicate")
@click.argument("object_", metavar="OBJECT")
@click.option(
    "--as",
    "as_",
    type=click.Choice(["term", "class"]),
    default=None,
    help="What SUBJECT and OBJECT name: the glossary's term (concept) or the OWL class. "
    "By default the predicate decides (rdfs:subClassOf and rdf:type's object: classes), "
    "else the term.",
)
@data_options
@report_format_option("text: an indented tree; json: the tree as data.")
def explain(
    subject: str,
    predicate: str,
    object_: str,
    as_: str | None,
    data: tuple[str, ...],
    input_format: str | None,
    fmt: str,
) -> None:
    """Explain why SUBJECT PREDICATE OBJECT holds, down to the asserted triples.

    Terms are labels (any case or language), slugs, CURIEs or IRIs; PREDICATE may be
    `type`. A label names the glossary's term, an OWL class only where the predicate
    asks for one or with --as class. Each step names the OWL 2 RL rule used; each leaf
    names the file it was asserted in. Exit 1 when the fact does not hold (with what
    the glossary says distinguishes the two terms), 2 for an unknown or ambiguous term.

    \b
    Example:
      copro-kg explain co-design broaderTransitive Involvement
      copro-kg explain Involvement subClassOf "doing with"
      copro-kg explain copro:co-design skos:broaderTransitive copro:engagement --format json
    """
    workspace = Workspace(data, input_format=input_format)
    sources = [(source.name, source.graph) for source in workspace.sources]
    want: Want | None = "class" if as_ == "class" else "term" if as_ == "term" else None
    answer = explaining.explain(
        workspace.reasoning(), subject, predicate, object_, sources=sources, as_=want
    )
    if fmt == "json":
        click.echo(json.dumps(answer.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(answer.text())
    if not answer.holds:
        raise FindingsError(f"the fact does not hold: {answer.sentence}")
