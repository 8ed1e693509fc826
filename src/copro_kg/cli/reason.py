"""``copro-kg reason``: materialise the OWL 2 RL closure and write it."""

from __future__ import annotations

import sys

import click

from copro_kg.checks.owl import explain_inconsistencies
from copro_kg.cli._options import data_options, output_option
from copro_kg.cli._progress import progress
from copro_kg.io.serialize import is_rdf, serialize, serialize_graph
from copro_kg.pipeline import Workspace
from copro_kg.reasoning.result import ENGINES


@click.command()
@data_options
@output_option
@click.option(
    "--format",
    "fmt",
    metavar="FORMAT",
    help="Output syntax (turtle, nt, xml, json-ld); by default from the -o extension, "
    "Turtle on stdout.",
)
@click.option("--inferred-only", is_flag=True, help="Write only the inferred triples.")
@click.option(
    "--all",
    "keep_all",
    is_flag=True,
    help="Keep every entailment, including those hidden by default (reflexive sameAs, "
    "rdf:type owl:Thing, the OWL/RDFS vocabulary's own axioms, literal subjects).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="copro",
    show_default=True,
    help="Reasoner: copro (ours, explains itself) or owlrl (the reference).",
)
@click.option("--no-cache", is_flag=True, help="Reason again even if a cached result exists.")
def reason(
    data: tuple[str, ...],
    input_format: str | None,
    output: str | None,
    fmt: str | None,
    inferred_only: bool,
    keep_all: bool,
    engine: str,
    no_cache: bool,
) -> None:
    """Materialise what follows from the glossary (plus --data files) and write it.

    Inconsistencies are reported on stderr (use `copro-kg check` to fail on them).

    \b
    Example:
      copro-kg reason -o build/reasoned.ttl
      copro-kg reason --data my-activities.ttl --inferred-only --format nt
    """
    workspace = Workspace(
        data, input_format=input_format, engine=engine, cache=not no_cache, keep_all=keep_all
    )
    with progress("reasoning"):
        result = workspace.reasoning()
    # A result too big for the cache entry gets its query store now, so that every later
    # `copro-kg query` on the same files opens it instead of reasoning again.
    with progress("writing the query store"):
        workspace.keep_for_queries()
    out = result.inferred if inferred_only else result.closure
    # One line per root cause, naming the user's activity and the glossary rule it breaks
    # (the knock-on clashes of the glossary's own examples are left out), as `check` does.
    for finding in explain_inconsistencies(result) if result.inconsistencies else ():
        click.echo(f"inconsistency ({finding.check}): {finding.message}", err=True)
        if finding.rule:
            source = f" ({finding.rule_source})" if finding.rule_source else ""
            click.echo(f"  rule{source}: {finding.rule}", err=True)
    if output:
        serialize_graph(out, output, fmt)
        written = sum(1 for triple in out if is_rdf(triple))  # generalised ones left out
        click.echo(f"wrote {written:,} triples to {output}", err=True)
    else:
        sys.stdout.buffer.write(serialize(out, fmt or "turtle"))
