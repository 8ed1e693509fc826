"""The ``copro-kg`` click group: subcommands, and errors mapped to messages and exit codes.

Each subcommand lives in its own module here (``cli/reason.py`` ...) and is imported
only when it runs, so ``copro-kg --help`` stays fast and imports neither owlrl nor
pyvis. Errors are mapped to messages and exit codes in one place, :func:`run`:

* 0 -- success;
* 1 -- the command ran and found problems (failed check, inconsistency);
* 2 -- bad usage or bad input (unreadable file, syntax error, unknown term);
* 3 -- a bug in copro-kg (please report it, with the output of ``--debug``).

Doubtful input the library kept as written (:class:`~copro_kg.errors.DoubtfulInputWarning`)
is printed here too, as one ``warning: file:line: what was done`` line each on stderr; the
exit code is unchanged, unless ``--strict`` made the warnings errors.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn, TextIO

import click

from copro_kg._version import __version__
from copro_kg.cli import error_line
from copro_kg.errors import CoproError, DoubtfulInputWarning, OutputWarning

__all__ = ["COMMANDS", "cli", "run", "warning_line"]

COMMANDS: dict[str, tuple[str, str]] = {
    "reason": ("reason", "Materialise what follows from the glossary (OWL 2 RL) and write it."),
    "check": ("check", "Check consistency, SHACL shapes and SKOS quality; exit 1 on findings."),
    "explain": ("explain", "Explain why a fact holds, step by step, down to asserted triples."),
    "classify": ("classify", "Place engagement activities on the spectrum, and say why."),
    "query": ("query", "Run a SPARQL query (or one from the library) over the graph."),
    "queries": ("query", "List the query library: one competency question per query."),
    "notebooks": ("notebooks", "Copy the tutorial notebooks out of the package into a folder."),
    "serve": ("serve", "Serve the graph read-only at a SPARQL 1.1 Protocol endpoint."),
    "publish": ("publish", "Upload the reasoned graph to a SPARQL Graph Store endpoint."),
    "graph": ("graph", "Draw the glossary as an interactive offline page or a picture (SVG, PNG)."),
    "diff": ("diff", "Say what changed between two versions, concept by concept."),
    "release": ("release", "Cut a release: refuse while a check fails, write its files and dates."),
    "export": ("export", "Export SKOS / OWL for taxonomy tools (Skosmos, PoolParty ...)."),
    "docs": ("docs", "Write HTML documentation of the ontology."),
    "site": ("site", "Build the static, accessible glossary website."),
    "print": ("print", "Print the whole glossary to a PDF (contents, page numbers)."),
    "stats": ("stats", "Summarise what is in the graph: classes, properties, counts."),
}
"""Subcommand name -> (module in copro_kg.cli, one-line help shown by --help)."""


class LazyGroup(click.Group):
    """A group that imports a subcommand's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        if cmd_name not in COMMANDS:
            return None
        module_name, _ = COMMANDS[cmd_name]
        try:
            module = importlib.import_module(f"copro_kg.cli.{module_name}")
        except ModuleNotFoundError as err:
            if err.name == f"copro_kg.cli.{module_name}":
                return _not_yet(cmd_name)
            raise
        command = getattr(module, cmd_name.replace("-", "_"), None)
        return command if isinstance(command, click.Command) else _not_yet(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # One-line descriptions come from COMMANDS, so --help imports no subcommand.
        rows = [(name, COMMANDS[name][1]) for name in sorted(COMMANDS)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _not_yet(name: str) -> click.Command:
    @click.command(name=name, help=COMMANDS[name][1])
    def placeholder() -> None:
        raise CoproError(f"'{name}' is not available in this version of copro-kg")

    return placeholder


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(version=__version__, prog_name="copro-kg")
@click.option("--debug", is_flag=True, help="Show Python tracebacks for errors.")
def cli(debug: bool) -> None:
    """copro-kg: the Co-production Network for Wales' engagement and co-production
    glossary as a knowledge graph you can reason over, query, draw and export.

    \b
    Start with:
      copro-kg reason -o build/reasoned.ttl
      copro-kg explain co-design broaderTransitive involvement
      copro-kg query -e 'SELECT ?t WHERE { ?t skos:broader copro:involvement }'

    Exit codes: 0 success, 1 findings (failed check, inconsistency),
    2 bad usage or input, 3 a bug in copro-kg.

    Doubtful input that is kept (an ill-typed literal, a language tag that is
    not BCP 47, an owl:imports not followed offline) gives one line on stderr,
    'warning: FILE:LINE: what; what was done', and leaves the exit code alone;
    --strict (on every command that takes --data) makes it an error, exit 2.
    """


# click >= 8.2 raises this for a group called without a subcommand.
_NO_ARGS_IS_HELP: tuple[type[click.UsageError], ...] = tuple(
    getattr(click.exceptions, name)
    for name in ("NoArgsIsHelpError",)
    if hasattr(click.exceptions, name)
)


def warning_line(doubt: DoubtfulInputWarning | OutputWarning) -> str:
    """``warning: file:line: what was done`` -- one line, whatever the message held.

    >>> warning_line(DoubtfulInputWarning('"abc" is not a valid xsd:integer', location="a.ttl:4"))
    'warning: a.ttl:4: "abc" is not a valid xsd:integer; kept as written'
    """
    where = f"{doubt.location}: " if doubt.location else ""
    hint = f" (hint: {doubt.hint})" if doubt.hint else ""
    return f"warning: {where}{' '.join(doubt.message.split())}; {doubt.action}{hint}"


@contextmanager
def _printed_warnings() -> Iterator[None]:
    """Print each doubt once, as one ``warning:`` line; other warnings as Python would."""
    printed: set[str] = set()
    with warnings.catch_warnings():
        warnings.simplefilter("always", DoubtfulInputWarning)
        warnings.simplefilter("always", OutputWarning)
        show = warnings.showwarning

        def show_warning(
            message: Warning | str,
            category: type[Warning],
            filename: str,
            lineno: int,
            file: TextIO | None = None,
            line: str | None = None,
        ) -> None:
            if not isinstance(message, DoubtfulInputWarning | OutputWarning):
                show(message, category, filename, lineno, file, line)
                return
            text = warning_line(message)
            if text not in printed:  # a file read twice in one run is said once
                printed.add(text)
                click.echo(text, err=True)

        warnings.showwarning = show_warning
        yield


def run(args: Sequence[str]) -> NoReturn:
    """Run ``copro-kg`` with ``args`` through click and exit with the conventional code."""
    args = list(args)
    debug = "--debug" in args
    try:
        with _printed_warnings():
            cli.main(args=args, prog_name="copro-kg", standalone_mode=False)
    except CoproError as err:
        if debug:
            raise
        click.echo(error_line(err), err=True)
        sys.exit(err.exit_code)
    except _NO_ARGS_IS_HELP as err:  # bare `copro-kg`: show the help, as a usage error
        click.echo(err.format_message(), err=True)
        sys.exit(2)
    except click.UsageError as err:
        if debug:
            raise
        hint = f" (hint: see '{err.ctx.command_path} --help')" if err.ctx else ""
        click.echo(f"error: {' '.join(err.format_message().split())}{hint}", err=True)
        sys.exit(2)
    except click.ClickException as err:
        click.echo(f"error: {' '.join(err.format_message().split())}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("error: interrupted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("error: interrupted", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as err:
        if debug:
            raise
        click.echo(
            f"error: internal error ({type(err).__name__}: {' '.join(str(err).split())}); "
            "this is a bug in copro-kg, please report it with the output of --debug",
            err=True,
        )
        sys.exit(3)
    sys.exit(0)
