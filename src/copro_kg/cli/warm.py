"""``copro-kg query`` answered before click loads: the warm path's command line.

A script that asks the glossary the same questions again and again pays, per question,
for Python, pyoxigraph and a read-only store -- not for click, rdflib or the reasoner
(``benchmarks/bench_store.py`` measures it against a bare pyoxigraph process). This
module reads the few command lines that path can answer exactly as the full command would:

    copro-kg query NAME|FILE.rq [-f csv]
    copro-kg query -e 'SPARQL' [-f csv]

with standard output not a terminal (a terminal gets the labelled table). Any other option
or argument, and any question :func:`copro_kg.sparql.warm.answer` declines, goes to the
click command (:mod:`copro_kg.cli.query`), which is the reference for what each option
means; ``tests/test_cli_warm.py`` checks that the options read here are that command's.
"""

from __future__ import annotations

import sys
from pathlib import Path

from copro_kg.cli import error_line
from copro_kg.errors import CoproError
from copro_kg.resources import library_query_file, names_a_file

__all__ = ["OPTIONS", "answer_query", "read_command_line"]

OPTIONS = {"-e": "expression", "--expression": "expression", "-f": "fmt", "--format": "fmt"}
"""The options the warm path reads, by spelling, and the click parameter each one is."""


def read_command_line(args: list[str]) -> dict[str, str] | None:
    """The arguments of ``copro-kg query`` as ``{"spec"|"expression", "fmt"}``, or None
    when they hold anything the warm path does not read.

    >>> read_command_line(["kinds-of-involvement", "-f", "csv"])
    {'spec': 'kinds-of-involvement', 'fmt': 'csv'}
    >>> read_command_line(["kinds-of-involvement", "--labels"]) is None
    True
    """
    found: dict[str, str] = {}
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in OPTIONS:
            if not eq:
                if not rest:
                    return None
                value = rest.pop(0)
            key = OPTIONS[name]
        elif arg.startswith("-"):  # '-' (stdin) and every other option: the full command
            return None
        else:
            key, value = "spec", arg
        if key in found:
            return None
        found[key] = value
    return found if ("spec" in found) != ("expression" in found) else None


def _query_text(found: dict[str, str]) -> tuple[str, str | None] | None:
    """The query text and its library name, resolved as ``library.read_query`` does."""
    if "expression" in found:
        return found["expression"], None
    spec = found["spec"]
    # The same two rules as library.read_query, from the one place that knows them.
    is_file = names_a_file(spec)
    path = Path(spec) if is_file else library_query_file(spec)
    if path is None or not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8"), None if is_file else spec
    except (OSError, UnicodeDecodeError):
        return None  # the full command says what is wrong with the file


def answer_query(args: list[str]) -> int | None:
    """Answer ``copro-kg query ARGS`` on the warm path and return the exit code, or None
    (nothing written) when the full command must answer."""
    out = sys.stdout
    if out.isatty() or (getattr(out, "encoding", "") or "").lower() not in {"utf-8", "utf8"}:
        return None  # a terminal gets the table; another encoding, click's own writing
    buffer = getattr(out, "buffer", None)
    found = read_command_line(args)
    resolved = _query_text(found) if found is not None and buffer is not None else None
    if found is None or resolved is None or buffer is None:
        return None
    from copro_kg.sparql import warm

    try:
        written = warm.answer(resolved[0], fmt=found.get("fmt", "csv"), library_name=resolved[1])
    except CoproError as err:  # the deadline or the memory ceiling, worded as the full path does
        print(error_line(err), file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    if written is None:
        return None
    try:
        out.flush()
        buffer.write(written)
        buffer.flush()
    except BrokenPipeError:
        pass  # the reader stopped early (| head): as the full command, not an error
    return 0
