"""``copro-kg export``: SKOS / OWL exports for taxonomy tools and OWL editors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from copro_kg import export as exporting
from copro_kg import formats
from copro_kg.cli._options import data_options, output_option
from copro_kg.cli._progress import progress
from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic
from copro_kg.pipeline import Workspace

_FORMAT_BY_SUFFIX = {
    **formats.short_by_suffix("graph", only=exporting.FORMATS),
    **formats.short_by_suffix("table", only=("csv",)),
    # The SSSOM mapping set is written as TSV (SSSOM's own table format): the TSV suffixes
    **dict.fromkeys(formats.get("tsv", "table").suffixes, "sssom"),
}


@click.command()
@click.option(
    "--profile",
    type=click.Choice(exporting.PROFILES),
    default="skos",
    show_default=True,
    help="skos: for Skosmos, PoolParty, VocBench, TemaTres; owl: for Protégé; full: both.",
)
@click.option("--reasoned", is_flag=True, help="Add the inferred triples (full profile only).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(exporting.FORMATS)),
    help="Output syntax; by default from the -o extension (.ttl .rdf .jsonld .nt .csv .tsv), "
    "Turtle on stdout. xml is flat typed-node RDF/XML (TemaTres reads it); sssom is the "
    "mapping set as SSSOM TSV, with each mapping's justification and confidence.",
)
@click.option(
    "--all-formats",
    "all_formats",
    metavar="DIR",
    help="Write every profile x format into DIR, with a SHA256SUMS file.",
)
@data_options
@output_option
def export(
    profile: str,
    reasoned: bool,
    fmt: str | None,
    all_formats: str | None,
    data: tuple[str, ...],
    input_format: str | None,
    output: str | None,
) -> None:
    """Export the glossary (plus --data files) for taxonomy tools and OWL editors.

    The skos profile holds SKOS, ISO 25964 and DCMI terms only, every relation in
    both directions and one concept scheme; the owl profile is the OWL ontology
    without the SKOS concept layer; full is everything.

    \b
    Example:
      copro-kg export --profile skos -o build/copro-skos.ttl
      copro-kg export --profile skos --format xml -o copro-tematres.rdf
      copro-kg export --profile full --reasoned --data my-terms.ttl -o full.jsonld
      copro-kg export --format sssom -o copro-mappings.sssom.tsv
      copro-kg export --all-formats build/export
    """
    workspace = Workspace(data, input_format=input_format)
    graph = workspace.graph
    if all_formats:
        if output or fmt or reasoned:
            raise InputError("--all-formats writes every profile and format; drop -o/--format")
        with progress("writing every export"):
            written = exporting.export_all(graph, all_formats, reasoning=workspace.reasoning())
        click.echo(f"wrote {len(written)} files to {all_formats}", err=True)
        return
    if fmt is None:
        suffix = Path(output).suffix.lower() if output else formats.get("ttl").suffix
        fmt = _FORMAT_BY_SUFFIX.get(suffix)
        if fmt is None:
            raise InputError(
                f"cannot tell the export format from the extension {suffix or '(none)'!r}",
                location=output,
                hint="give --format " + "|".join(exporting.FORMATS),
            )
    # Refuse what cannot be written before any reasoning (owl has no rows for a CSV).
    exporting.check_profile(profile, reasoned=reasoned)
    exporting.check_format(profile, fmt)
    if fmt == "sssom":
        # The mapping set of the loaded graph: the same whatever the profile.
        payload = exporting.serialize_export(graph, fmt)
        if output:
            write_atomic(output, payload)
            rows = len(exporting.mapping_rows(graph))
            click.echo(f"wrote the SSSOM mapping set ({rows:,} mappings) to {output}", err=True)
        else:
            sys.stdout.buffer.write(payload)
        return
    with progress(f"exporting the {profile} profile"):
        reasoning = workspace.reasoning() if reasoned else None
        result = exporting.build_profile(graph, profile, reasoned=reasoned, reasoning=reasoning)
        payload = exporting.serialize_export(result, fmt)
    if output:
        write_atomic(output, payload)
        click.echo(f"wrote the {profile} export ({len(result):,} triples) to {output}", err=True)
    else:
        sys.stdout.buffer.write(payload)
