"""``copro-kg site``: build the static, accessible glossary website."""

from __future__ import annotations

import click

from copro_kg.cli._options import data_options
from copro_kg.cli._progress import progress
from copro_kg.pipeline import Workspace


@click.command()
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    metavar="DIR",
    help="Folder to build the site in (created; a previous copro-kg site there is replaced).",
)
@data_options
@click.option(
    "--no-graphs",
    is_flag=True,
    help="Leave out the interactive graph pictures (their text lists stay); builds faster.",
)
def site(output: str, data: tuple[str, ...], input_format: str | None, no_graphs: bool) -> None:
    """Build the static glossary website: a page per term, the spectrum, the cycle,
    an A to Z, offline search and "Where does my activity sit?".

    The site works opened from disk, from a shared drive or from any web server: no
    page requests anything from another host. It prints the path of its index page.

    \b
    Example:
      copro-kg site -o build/site
      copro-kg site -o build/site --data my-terms.ttl
    """
    from copro_kg.site import build_site
    from copro_kg.viz.convert import shipped_from

    workspace = Workspace(data, input_format=input_format)
    with progress("building the site"):
        report = build_site(
            workspace.graph,
            output,
            graphs=not no_graphs,
            reasoning=workspace.reasoning(),
            reasoner=workspace.reason_over,
            shipped=shipped_from(workspace.sources),
        )
    click.echo(
        f"built {len(report.pages)} pages ({report.terms} terms, {report.graphs} graphs) "
        f"in {output}",
        err=True,
    )
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(str(report.index.resolve()))
