"""``copro-kg query`` and ``copro-kg queries``: ask the graph questions in SPARQL.

Queries are answered by Oxigraph from the query store written once beside the cache
entry (:meth:`copro_kg.pipeline.Workspace.query_store`): on unchanged inputs nothing is
parsed or reasoned. They run in a forked child process with a time limit (``--timeout``,
default 30 s): forking costs a few milliseconds, the child opens the store read-only,
and it is the only way to stop a runaway query (threads cannot be stopped). A user who
downloaded a query file gets a clear "stopped after 30 s" instead of a hung terminal.
``--timeout 0`` evaluates in this process with no limit (as on Windows, which has no
``fork``).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click
from rdflib import Graph
from rdflib.term import Node

from copro_kg import formats, pipeline
from copro_kg.cli._options import data_options, output_option
from copro_kg.cli._progress import progress
from copro_kg.errors import InputError, QueryError
from copro_kg.io.atomic import write_atomic
from copro_kg.resources import QUERIES_DIR
from copro_kg.sparql import library as query_library
from copro_kg.sparql import results, verdicts
from copro_kg.sparql import run as querying
from copro_kg.sparql.store import GlossaryStore

_FORMATS = list(dict.fromkeys([*formats.names("table"), *formats.names("graph", written=True)]))
_FORMAT_BY_SUFFIX = formats.short_by_suffix(("table", "graph"), only=_FORMATS)


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param needs NAME=VALUE, got {pair!r}")
        values[name.strip().lstrip("?$")] = value
    return values


def _refuse_unknown_suffix(fmt: str | None, output: str | None) -> None:
    """Refuse ``-o FILE.EXT`` whose extension names no format we write (``.xlsx``) when
    no ``--format`` says what to write: the file would hold another format than its name
    says. Checked before the query runs."""
    suffix = Path(output).suffix.lower() if output else ""
    if fmt or not suffix or suffix in _FORMAT_BY_SUFFIX:
        return
    raise InputError(
        f"cannot write a query answer as '{suffix}'",
        location=output,
        hint=f"use one of {', '.join(sorted(_FORMAT_BY_SUFFIX))}, or give --format",
    )


def _choose_format(fmt: str | None, output: str | None, form: str) -> str:
    if fmt:
        return fmt
    if output and Path(output).suffix.lower() in _FORMAT_BY_SUFFIX:
        return _FORMAT_BY_SUFFIX[Path(output).suffix.lower()]
    if sys.stdout.isatty() and not output:
        return "table"
    if form in {"CONSTRUCT", "DESCRIBE"}:
        return "ttl"
    return "json" if form == "ASK" else "csv"


@click.command()
@click.argument("spec", required=False, metavar="FILE.rq|NAME|-")
@click.option("-e", "--expression", metavar="SPARQL", help="The query text itself.")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind ?NAME to VALUE (a CURIE, <IRI>, a term's label, or text; repeatable).",
)
@click.option(
    "--no-reason", is_flag=True, help="Query the asserted triples only, not the reasoned graph."
)
@data_options
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(_FORMATS),
    help="table (default on a terminal), csv, tsv, json, xml for SELECT/ASK; "
    "ttl, nt, jsonld, xml for CONSTRUCT/DESCRIBE. Default from -o's extension, else csv.",
)
@click.option(
    "--labels",
    "with_labels",
    is_flag=True,
    help="Add a label column beside each column of IRIs (?x -> ?x_label), in every "
    "format; the W3C formats stay exact, with one more variable each.",
)
@output_option
@click.option(
    "--endpoint",
    metavar="URL",
    help="Run the query on this SPARQL endpoint instead of the in-memory graph.",
)
@click.option(
    "--default-graph",
    metavar="IRI",
    multiple=True,
    help="With --endpoint: query this named graph as the default graph (repeatable: their union).",
)
@click.option(
    "--timeout",
    type=float,
    default=querying.DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this long (0 = no limit).",
)
def query(
    spec: str | None,
    expression: str | None,
    params: tuple[str, ...],
    no_reason: bool,
    data: tuple[str, ...],
    input_format: str | None,
    fmt: str | None,
    with_labels: bool,
    output: str | None,
    endpoint: str | None,
    default_graph: tuple[str, ...],
    timeout: float,
) -> None:
    """Run a SPARQL query over the glossary graph (reasoned unless --no-reason).

    SPEC is a .rq file, '-' for stdin, or the name of a library query (see
    'copro-kg queries'). The prefixes copro:, skos:, iso-thes:, rdfs:, owl:, rdf:,
    xsd:, dcterms:, prov: and sh: are predeclared.

    \b
    Example:
      copro-kg query kinds-of-involvement
      copro-kg query synonyms-of --param term=community-engagement --format json
      copro-kg query spectrum-in-order --labels
      copro-kg query -e 'SELECT ?t WHERE { ?t skos:broader copro:involvement }'
    """
    if (spec is None) == (expression is None):
        raise click.UsageError("give a query: FILE.rq, a library NAME, '-', or -e 'SPARQL'")
    _refuse_unknown_suffix(fmt, output)
    if expression is not None:
        text, source, entry = expression, "-e", None
    else:
        text, source, entry = query_library.read_query(spec or "-")
    values = _parse_params(params)
    store: GlossaryStore | None = None
    graph: Graph | None = None
    if endpoint:
        if data or no_reason:
            raise InputError("--data and --no-reason apply to the in-memory graph, not --endpoint")
        from copro_kg.sparql.remote import run_remote

        bindings = query_library.bind_parameters(values, entry, None)
        result = run_remote(
            endpoint, text, bindings, default_graph=default_graph, timeout=timeout, source=source
        )
    else:
        from copro_kg.io.netguard import network_permitted

        # --allow-network (from data_options) is the user's permission for SERVICE.
        allow_network = network_permitted()
        prepared = querying.prepare(text, allow_service=allow_network, source=source)
        with progress("loading and reasoning"):
            store = pipeline.store_for_queries(
                data, input_format=input_format, reasoned=not no_reason
            )
        # A term named by its label is resolved in the whole graph (built only then).
        bindings = query_library.bind_parameters(values, entry, store.graph if values else None)
        if not bindings and not allow_network:
            # The next run of this text may take the warm path (copro_kg.cli.warm).
            verdicts.remember(
                prepared.text, prepared.form, prepared.variables, entry.name if entry else None
            )
        with progress("running the query"):
            result = querying.run_query(
                store, prepared, bindings, timeout=timeout or None, allow_service=allow_network
            )
    chosen = _choose_format(fmt, output, result.form)
    if store is not None and (with_labels or chosen == "table"):
        # Only the labels of the terms in the answer are read from the store.
        graph = store.label_graph(t for row in result.rows for t in row if t is not None)
    if with_labels:
        if graph is None:
            raise InputError(
                "--labels reads the labels from the in-memory graph, not from --endpoint",
                hint="ask the endpoint for them: OPTIONAL { ?x skos:prefLabel ?x_label }",
            )
        result = results.with_labels(result, graph)
    labels: dict[Node, str] = {}
    if graph is not None and chosen == "table" and not with_labels:
        terms = {term for row in result.rows for term in row if term is not None}
        labels = dict(results.labels_for(graph, terms))
    # On a terminal the table fits its width (cells wrap); in a file every cell is whole.
    width = shutil.get_terminal_size().columns if chosen == "table" and not output else None
    text_out = results.format_result(result, chosen, labels=labels, width=width)
    if output:
        write_atomic(output, text_out)
        count = len(result.triples) if result.is_graph else len(result.rows)
        click.echo(
            f"wrote {count} {'triples' if result.is_graph else 'rows'} to {output}", err=True
        )
    else:
        click.echo(text_out, nl=False)


@click.command()
@click.option(
    "--show",
    "show",
    metavar="NAME",
    help="Print the SPARQL text of the library query NAME, its question and glossary "
    "passage in its header (save it as a .rq file to adapt it).",
)
@click.option(
    "--folder",
    "folder_only",
    is_flag=True,
    help="Print the folder the query library is installed in.",
)
@click.option(
    "--run-all",
    "run_dir",
    metavar="FOLDER",
    help="Run every library query (with its example parameters) into FOLDER: "
    "NAME.csv for tables, NAME.json for yes/no answers, NAME.ttl for graphs.",
)
@click.option("--no-reason", is_flag=True, help="With --run-all: query the asserted triples only.")
@data_options
def queries(
    show: str | None,
    folder_only: bool,
    run_dir: str | None,
    no_reason: bool,
    data: tuple[str, ...],
    input_format: str | None,
) -> None:
    """List the query library: one competency question per query.

    \b
    Example:
      copro-kg queries
      copro-kg queries --show criteria-for > my-criteria.rq
      copro-kg queries --run-all build/queries
    """
    if show is not None:
        # The file as shipped: valid SPARQL, its #+ header the question and the passage.
        click.echo(query_library.find_query(show).text, nl=False)
        return
    if folder_only:
        click.echo(str(QUERIES_DIR))
        return
    entries = query_library.library()
    history = query_library.history_library()
    if not run_dir:
        # The release-history questions last (queries/history/: the store's release graphs).
        width = max((len(e.name) for e in [*entries, *history]), default=0)
        for entry in [*entries, *history]:
            params = "".join(f" --param {p.name}=…" for p in entry.parameters)
            click.echo(f"{entry.name.ljust(width)}  {entry.question}{params}")
        return
    entries += history
    store = pipeline.store_for_queries(data, input_format=input_format, reasoned=not no_reason)
    folder = Path(run_dir)
    for entry in entries:
        graph = store.graph if entry.parameters else None
        bindings = query_library.bind_parameters(entry.example_parameters, entry, graph)
        prepared = querying.prepare(entry.text, source=f"{entry.name}.rq")
        result = querying.run_query(store, prepared, bindings)
        fmt = "ttl" if result.is_graph else ("json" if result.form == "ASK" else "csv")
        write_atomic(folder / f"{entry.name}.{fmt}", results.format_result(result, fmt))
    click.echo(f"wrote {len(entries)} query results to {folder}", err=True)
