"""``copro-kg release``: cut a release behind the gate (see :mod:`copro_kg.history.cut`)."""

from __future__ import annotations

import datetime

import click

from copro_kg.cli._progress import progress
from copro_kg.history.cut import cut


@click.command()
@click.argument("version")
@click.option(
    "--date",
    "date",
    metavar="YYYY-MM-DD",
    help="The release date (default: today, UTC). New and changed concepts get it as "
    "dcterms:created / dcterms:modified.",
)
def release(version: str, date: str | None) -> None:
    """Cut release VERSION (X.Y.Z) from this source checkout.

    Refuses (exit 1) while copro-kg check has a finding not accepted, an IRI of an
    earlier release is gone or deprecated without a replacement and history note, or a
    released file changed. Then writes releases/VERSION/ (the SKOS and OWL Turtle),
    the release list, ontology/history.ttl (version header, per-concept dates), the
    version in src/copro_kg/_version.py, the catalog entry of the version IRI, and a
    CHANGELOG section drafted from copro-kg diff. Again for a released version: nothing
    to do, exit 0. `make release VERSION=X.Y.Z` also runs the SKOS profile tests first.

    \b
    Example:
      copro-kg release 0.2.0
      copro-kg release 0.2.0 --date 2026-12-07
    """
    when = _date(date)
    with progress(f"checking and cutting release {version}"):
        report = cut(version, when)
    if report.already:
        click.echo(f"release {version} is cut already (releases/releases.json); nothing to do")
        return
    for path in report.written:
        click.echo(f"wrote {path}")
    click.echo(f"released {version} on {report.date.isoformat()}: {report.summary}")
    click.echo("next: review CHANGELOG.md, run make test, commit everything (git add -A)")


def _date(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(
            f"{text!r} is not a date YYYY-MM-DD", param_hint="--date"
        ) from None
