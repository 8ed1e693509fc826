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
@click.option(
    "--feedback-url",
    metavar="URL",
    help="Where readers suggest a change (https, http or mailto): each term page links it "
    "with the term's IRI (in place of {iri}, else as ?term=IRI). Without it, no link.",
)
@click.option(
    "--archive",
    "archive",
    metavar="FILE.zip",
    help="Also write the built site as one zip file, to download and unpack on any "
    "static host (a release ships it as site-X.Y.Z.zip).",
)
def site(
    output: str,
    data: tuple[str, ...],
    input_format: str | None,
    no_graphs: bool,
    feedback_url: str | None,
    archive: str | None,
) -> None:
    """Build the static glossary website: a page per term, the spectrum, the cycle,
    an A to Z, offline search and "Where does my activity sit?".

    The site works opened from disk, from a shared drive or from any web server: no
    page requests anything from another host. It prints the path of its index page.

    \b
    Example:
      copro-kg site -o build/site
      copro-kg site -o build/site --data my-terms.ttl
      copro-kg site -o build/site --archive build/site-0.2.0.zip \\
        --feedback-url https://example.org/glossary-feedback
    """
    from copro_kg._version import __version__
    from copro_kg.site import build_site
    from copro_kg.site.archive import archive_site
    from copro_kg.site.citation import check_feedback_url
    from copro_kg.viz.convert import shipped_from

    if feedback_url is not None:
        check_feedback_url(feedback_url)  # before the build: a bad address costs nothing

    workspace = Workspace(data, input_format=input_format)
    with progress("building the site"):
        report = build_site(
            workspace.graph,
            output,
            graphs=not no_graphs,
            reasoning=workspace.reasoning(),
            reasoner=workspace.reason_over,
            feedback_url=feedback_url,
            shipped=shipped_from(workspace.sources),
        )
        if archive is not None:
            archive_site(report.out_dir, archive, version=__version__)
    click.echo(
        f"built {len(report.pages)} pages ({report.terms} terms, {report.graphs} graphs) "
        f"in {output}",
        err=True,
    )
    if archive is not None:
        click.echo(f"wrote the site's archive {archive}", err=True)
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(str(report.index.resolve()))
