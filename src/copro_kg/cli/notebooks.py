"""``copro-kg notebooks``: copy the tutorial notebooks out of the installed package.

``pip install copro-kg`` puts the notebooks inside the package (``copro_kg/_data``), where
nobody should edit them; this command writes copies into a folder of the user's, to open
in Jupyter. A notebook already there with other content is the user's work: it is left
alone and the command stops with an error, before anything is written.
"""

from __future__ import annotations

from pathlib import Path

import click

from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic
from copro_kg.resources import notebook_files


@click.command()
@click.option(
    "-o",
    "--output",
    "folder",
    metavar="FOLDER",
    default="copro-kg-notebooks",
    show_default=True,
    help="The folder to copy the notebooks into (created if missing).",
)
def notebooks(folder: str) -> None:
    """Copy the tutorial notebooks (a tour, reasoning, queries and export) into FOLDER.

    They run against the installed package; open them with Jupyter
    (pip install jupyterlab 'copro-kg[plot]').

    \b
    Example:
      copro-kg notebooks -o my-notebooks
    """
    target = Path(folder)
    sources = notebook_files()
    for source in sources:
        there = target / source.name
        if there.exists() and there.read_bytes() != source.read_bytes():
            raise InputError(
                f"{there} exists and differs from the shipped notebook; not overwritten",
                hint="choose another folder with -o, or move your copy away",
            )
    for source in sources:
        write_atomic(target / source.name, source.read_bytes())
        click.echo(str(target / source.name))
    click.echo(f"copied {len(sources)} notebooks to {target}", err=True)
