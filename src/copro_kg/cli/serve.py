"""``copro-kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the reasoned graph."""

from __future__ import annotations

import click

from copro_kg import pipeline
from copro_kg.cli._options import data_options
from copro_kg.cli._progress import progress
from copro_kg.sparql import run as querying
from copro_kg.sparql import serve as serving


@click.command()
@data_options
@click.option(
    "--host",
    default=serving.DEFAULT_HOST,
    show_default=True,
    help="Address to listen on; anything but loopback exposes the endpoint.",
)
@click.option("--port", type=int, default=serving.DEFAULT_PORT, show_default=True)
@click.option("--no-reason", is_flag=True, help="Serve the asserted triples only.")
@click.option(
    "--timeout",
    type=float,
    default=querying.DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop each query after this long and answer 503.",
)
@click.option(
    "--workers",
    type=int,
    default=2,
    show_default=True,
    help="Queries answered at the same time (one process each). A query that keeps a "
    "worker busy moves to a low-priority spare process (at most twice as many) so quick "
    "ones keep being answered.",
)
def serve(
    data: tuple[str, ...],
    input_format: str | None,
    host: str,
    port: int,
    no_reason: bool,
    timeout: float,
    workers: int,
) -> None:
    """Serve the glossary graph read-only at http://HOST:PORT/sparql (SPARQL 1.1 Protocol).

    Updates, LOAD, SERVICE and FROM are refused (403); a query past --timeout is
    stopped and answered 503 while the server keeps running. CORS is open, so
    browser tools such as YASGUI can query it.

    \b
    Example:
      copro-kg serve --port 8000
      curl -H 'Accept: text/csv' 'http://127.0.0.1:8000/sparql' \\
           --data-urlencode 'query=SELECT ?t WHERE { ?t skos:broader copro:involvement }'
    """
    sock = serving.listen(host, port)  # a busy port is one error line, before any work
    with progress("loading and reasoning"):
        store = pipeline.store_for_queries(data, input_format=input_format, reasoned=not no_reason)
    if host not in {"127.0.0.1", "localhost", "::1"}:
        click.echo(f"warning: listening on {host}: other machines can query this graph", err=True)
    click.echo(
        f"serving {len(store):,} triples at http://{host}:{port}/sparql (Ctrl-C stops)", err=True
    )
    serving.serve(store, timeout=timeout, workers=workers, sock=sock)
