"""``copro-kg check``: consistency, SHACL shapes and SKOS quality in one report."""

from __future__ import annotations

import click

from copro_kg import checks as checking
from copro_kg.cli._options import data_options, output_option, report_format_option
from copro_kg.cli._progress import progress
from copro_kg.errors import CheckFailedError
from copro_kg.io.atomic import write_atomic
from copro_kg.pipeline import Workspace


@click.command()
@click.option(
    "--profile",
    type=click.Choice(checking.PROFILES),
    default="all",
    show_default=True,
    help="Which checks: owl (reasoner inconsistencies), shacl (editorial shapes), "
    "skos (SKOS integrity conditions + qSKOS quality issues, over what the skos export "
    "contains), or all.",
)
@data_options
@click.option(
    "--no-glossary",
    is_flag=True,
    help="Check only the --data files, without the shipped glossary (e.g. your own "
    "SKOS vocabulary with --profile skos).",
)
@click.option(
    "--exceptions",
    "exceptions_file",
    metavar="FILE",
    help="An extra list of accepted findings (checks.toml format) besides the shipped one.",
)
@output_option
@report_format_option()
@click.option(
    "--list-checks",
    is_flag=True,
    help="List every check (id, profile, where its name comes from, which triples it "
    "reads) and exit.",
)
def check(
    list_checks: bool,
    profile: str,
    data: tuple[str, ...],
    input_format: str | None,
    no_glossary: bool,
    exceptions_file: str | None,
    output: str | None,
    fmt: str,
) -> None:
    """Check the glossary (plus --data files): OWL 2 RL consistency, SHACL shapes,
    SKOS integrity conditions and qSKOS quality issues.

    Findings are grouped by check and name each concept by label and IRI; OWL
    inconsistencies say in words which glossary rule is broken. Exit status 1 when any
    finding is not accepted in checks.toml, 0 otherwise.

    \b
    Example:
      copro-kg check
      copro-kg check --data my-activities.ttl --profile owl
      copro-kg check --no-glossary --data my-thesaurus.ttl --profile skos --format json
      copro-kg check -o build/check.txt
      copro-kg check --list-checks
    """
    if list_checks:
        click.echo(checking.render_catalogue(fmt))
        return
    if no_glossary and not data:
        raise click.UsageError("--no-glossary needs at least one --data file")
    workspace = Workspace(data, input_format=input_format, ontology=not no_glossary)
    graph = workspace.graph
    # The shipped exceptions name only the glossary's own IRIs, so they are harmless on
    # other files and needed on our exports (checking `copro-kg export` output).
    exceptions = checking.load_exceptions()
    if exceptions_file:
        exceptions += checking.load_exceptions(exceptions_file)
    with progress(f"checking {len(graph):,} triples (profile {profile})"):
        report = checking.check(
            graph,
            profile=profile,
            exceptions=exceptions,
            reasoner=lambda _graph: workspace.reasoning(),  # only if a check needs it
        )
    if no_glossary:  # notes on unused shipped exceptions are about the glossary, not this file
        report.unused_exceptions = [
            e for e in report.unused_exceptions if e.source != "checks.toml"
        ]
    text = checking.render_json(report) if fmt == "json" else checking.render_text(report)
    if output:
        write_atomic(output, text + "\n")
        click.echo(f"wrote the report to {output}", err=True)
    else:
        click.echo(text)
    if not report.ok:
        count = len(report.failures)
        raise CheckFailedError(f"{count} finding{'s' * (count != 1)} not accepted")
