"""Options shared by several commands, defined once (sqlite-utils' ``output_options``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

__all__ = ["data_options", "output_option"]

F = TypeVar("F", bound=Callable[..., Any])


def data_options(func: F) -> F:
    """``--data FILE`` (repeatable) and ``--input-format``: the user's files to add."""
    func = click.option(
        "--input-format",
        metavar="FORMAT",
        help="RDF syntax of the --data files (turtle, xml, json-ld, nt ...); "
        "by default each file's extension decides.",
    )(func)
    func = click.option(
        "--data",
        "data",
        multiple=True,
        metavar="FILE",
        help="Add your own RDF file to the shipped glossary (repeatable; '-' reads stdin).",
    )(func)
    return func


def output_option(func: F) -> F:
    """``-o/--output FILE``: where to write (atomically); stdout when omitted."""
    return click.option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to FILE (atomically: a failed run leaves the old file intact).",
    )(func)
