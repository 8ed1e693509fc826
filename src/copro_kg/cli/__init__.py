"""The ``copro-kg`` command: a thin layer over the copro_kg library.

:func:`main` is the entry point. A repeated question (``copro-kg query NAME`` on the
unchanged glossary, piped) is answered by the warm path, :mod:`copro_kg.cli.warm`, before
click or rdflib is imported; everything else goes to the click group in
:mod:`copro_kg.cli.app`, where each subcommand lives in a module of its own. Exit codes,
the same on both paths:

* 0 -- success;
* 1 -- the command ran and found problems (failed check, inconsistency);
* 2 -- bad usage or bad input (unreadable file, syntax error, unknown term);
* 3 -- a bug in copro-kg (please report it, with the output of ``--debug``).

This module imports nothing heavy: ``COMMANDS``, ``cli`` and ``warning_line`` load
:mod:`copro_kg.cli.app` on first use.
"""

from __future__ import annotations

import gc
import importlib
import sys
from collections.abc import Sequence

from copro_kg.errors import DoubtfulInputWarning

__all__ = ["COMMANDS", "GC_THRESHOLDS", "cli", "error_line", "main", "warning_line"]

GC_THRESHOLDS = (10_000, 10, 10)
"""The cyclic garbage collector's thresholds for a copro-kg process (CPython's default is
(700, 10, 10)). Reasoning, parsing and graph building allocate millions of small objects
that live on (terms, triples, index sets) and form no cycles; by default every 700 of
them start a collection that walks the young ones, and the older generations are walked
again and again as the heap grows. Set once by :func:`main` (the library leaves a host
application's collector alone): ``copro-kg reason`` over LinkML's metamodel 6.1 -> 5.4 s
CPU with 1 % more memory. The test suite sets the same for its processes, which keep
every fixture's graphs alive (610 -> 525 s of CPU on 2 cores)."""

_FROM_APP = {"COMMANDS", "cli", "warning_line"}


def __getattr__(name: str) -> object:
    if name in _FROM_APP:
        return getattr(importlib.import_module("copro_kg.cli.app"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def error_line(err: BaseException) -> str:
    """``error: what (hint: what to do)`` -- the one line a failed command prints.

    >>> from copro_kg.errors import InputError
    >>> error_line(InputError("no such file", hint="check the path"))
    'error: no such file (hint: check the path)'
    """
    text = " ".join(str(err).split()) or type(err).__name__
    hint = getattr(err, "hint", None)
    if isinstance(err, DoubtfulInputWarning):  # raised because of --strict
        hint = f"refused by --strict; without it: {err.action}"
    return f"error: {text}" + (f" (hint: {hint})" if hint else "")


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``copro-kg`` with ``argv`` (default: the command line) and exit with its code."""
    gc.set_threshold(*GC_THRESHOLDS)
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["query"]:
        from copro_kg.cli.warm import answer_query

        code = answer_query(args[1:])
        if code is not None:
            sys.exit(code)
    from copro_kg.cli.app import run

    run(args)
