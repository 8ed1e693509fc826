"""Options shared by several commands, defined once (sqlite-utils' ``output_options``)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import click

__all__ = ["data_options", "output_option", "report_format_option", "strict_input"]

F = TypeVar("F", bound=Callable[..., Any])


def data_options(func: F) -> F:
    """``--data FILE`` (repeatable), ``--input-format``, ``--allow-network`` and ``--strict``.

    ``--allow-network`` is not passed to the command function (so adding it changed no
    command's signature): it sets :func:`copro_kg.io.netguard.permit_network` for the whole
    command, which ``loading.load`` (``allow_network=None``) and the query code consult.
    ``--strict`` is not passed either: it turns every
    :class:`~copro_kg.errors.DoubtfulInputWarning` into an error for the whole command.
    """
    func = click.option(
        "--strict",
        is_flag=True,
        expose_value=False,
        callback=_strict,
        help="Treat doubtful input (an ill-typed literal, an odd language tag, an "
        "owl:imports not followed) as an error, exit 2, instead of a warning.",
    )(func)
    func = click.option(
        "--allow-network",
        is_flag=True,
        expose_value=False,
        callback=_permit_network,
        help="Let copro-kg fetch what your files name on the web (JSON-LD @context, "
        "SPARQL SERVICE). Off by default: copro-kg works offline.",
    )(func)
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


def _permit_network(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        from copro_kg.io.netguard import permit_network

        # Lasts until the command's context closes, i.e. for the whole command.
        ctx.with_resource(permit_network())


def _strict(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        # Lasts until the command's context closes; the error is an InputError (exit 2).
        ctx.with_resource(strict_input())


@contextmanager
def strict_input() -> Iterator[None]:
    """Within this block every :class:`~copro_kg.errors.DoubtfulInputWarning` is raised."""
    from copro_kg.errors import DoubtfulInputWarning

    with warnings.catch_warnings():
        warnings.simplefilter("error", DoubtfulInputWarning)
        yield


def output_option(func: F) -> F:
    """``-o/--output FILE``: where to write (atomically); stdout when omitted."""
    return click.option(
        "-o",
        "--output",
        metavar="FILE",
        help="Write to FILE (atomically: a failed run leaves the old file intact).",
    )(func)


def report_format_option(
    help_text: str = "text for people, json for machines.",
) -> Callable[[F], F]:
    """``--format text|json`` for commands that print a report (check, classify, explain)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )
