"""``copro-kg print``: the whole glossary as one PDF, to print for the workshop table."""

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
    metavar="FILE",
    help="Write the PDF to FILE (for example glossary.pdf), atomically.",
)
@data_options
def print(output: str, data: tuple[str, ...], input_format: str | None) -> None:
    """Print the glossary to a PDF: the spectrum and the cycle first, then every term
    A to Z as on its page of the site, with a contents list and page numbers.

    The PDF is made by WeasyPrint, no browser (pip install 'copro-kg[print]'). The same
    document is print.html in the site that 'copro-kg site' builds.

    \b
    Example:
      copro-kg print -o glossary.pdf
      copro-kg print -o our-glossary.pdf --data my-terms.ttl
    """
    from copro_kg.site import print_glossary
    from copro_kg.viz.convert import shipped_from

    workspace = Workspace(data, input_format=input_format)
    with progress("printing the glossary"):
        path = print_glossary(
            workspace.graph,
            output,
            reasoning=workspace.reasoning(),
            shipped=shipped_from(workspace.sources),
        )
    click.echo(str(path))
