"""``copro-kg explain``: why a fact holds, step by step, down to asserted triples."""

from __future__ import annotations

import json

import click
from rdflib import Graph

from copro_kg.cli._options import data_options, report_format_option
from copro_kg.errors import FindingsError
from copro_kg.io import sources as loading
from copro_kg.namespace import bind_prefixes
from copro_kg.reasoning import explain as explaining
from copro_kg.reasoning import result as reasoning


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
    sources = loading.load_sources(data, input_format=input_format)
    graph = bind_prefixes(Graph())
    for source in sources:
        graph += source.graph
        for prefix, ns in source.graph.namespaces():
            if prefix and prefix not in dict(graph.namespaces()):
                graph.bind(prefix, ns)
    result = reasoning.reason(graph, cache=False)
    answer = explaining.explain(
        result,
        subject,
        predicate,
        object_,
        sources=[(source.name, source.graph) for source in sources],
    )
    if fmt == "json":
        click.echo(json.dumps(answer.as_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(answer.text())
    if not answer.holds:
        raise FindingsError(f"the fact does not hold: {answer.sentence}")
