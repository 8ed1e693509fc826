"""``copro-kg publish``: upload the reasoned graph to a SPARQL Graph Store endpoint."""

from __future__ import annotations

import click

from copro_kg import pipeline
from copro_kg.cli._options import data_options
from copro_kg.cli._progress import progress
from copro_kg.sparql import publish as publishing


@click.command()
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="The store's Graph Store endpoint (Oxigraph: http://HOST:7878/store; "
    "Fuseki: http://HOST:3030/DATASET/data).",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    help="Named graph to replace; the store's default graph when omitted.",
)
@click.option("--no-reason", is_flag=True, help="Publish the asserted triples only.")
@data_options
def publish(
    endpoint: str,
    graph_iri: str | None,
    no_reason: bool,
    data: tuple[str, ...],
    input_format: str | None,
) -> None:
    """Upload the reasoned glossary graph to a triple store, replacing the target graph.

    Uses the SPARQL 1.1 Graph Store HTTP Protocol (HTTP PUT), so publishing again
    replaces the graph instead of adding a second copy. Query it afterwards with
    'copro-kg query --endpoint URL'.

    \b
    Example:
      copro-kg publish --endpoint http://127.0.0.1:7878/store
      copro-kg publish --endpoint http://127.0.0.1:7878/store --graph https://w3id.org/copro-kg/graph
    """
    with progress("loading and reasoning"):
        store = pipeline.store_for_queries(data, input_format=input_format, reasoned=not no_reason)
    done = publishing.publish(store, endpoint, graph_iri)
    target = f"<{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"published {done.triples:,} triples to {target} at {endpoint}", err=True)
