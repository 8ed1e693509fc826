"""Reading RDF: the shipped ontology plus the user's own files, with useful errors.

:func:`load` is what every command starts from. Parse failures become
:class:`~copro_kg.errors.InputError` carrying ``file:line:column`` where the parser
knows it -- and where it does not (N-Triples), we find the line ourselves.

Reading is offline: a JSON-LD ``@context`` or anything else that would fetch a URL is
refused by the network guard (:mod:`copro_kg.network`).
"""

from __future__ import annotations

import json
import os
import re
import sys
import xml.sax
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph

from .errors import InputError, LimitError
from .namespace import bind_prefixes
from .network import offline
from .resources import ontology_files
from .writing import format_for_path

__all__ = ["DEFAULT_MAX_INPUT_BYTES", "Source", "load", "load_sources", "parse_source"]

DEFAULT_MAX_INPUT_BYTES = int(os.environ.get("COPRO_KG_MAX_INPUT_BYTES", 256 * 1024 * 1024))
"""Largest input file accepted (bytes); ``COPRO_KG_MAX_INPUT_BYTES`` overrides it."""

STDIN = "-"


@dataclass(frozen=True)
class Source:
    """One parsed input: where it came from and the triples it holds."""

    path: Path | None
    """The file, or ``None`` for standard input."""
    graph: Graph
    shipped: bool = False
    """True for the files of the shipped ontology, False for the user's own."""

    @property
    def name(self) -> str:
        """A short name for messages and explanations (``glossary.ttl``, ``<stdin>``)."""
        return self.path.name if self.path else "<stdin>"


def load_sources(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    ontology: bool = True,
    max_bytes: int | None = None,
) -> list[Source]:
    """Parse the shipped ontology (unless ``ontology=False``) and each user file.

    Args:
        data: the user's files, in any RDF syntax rdflib reads; ``"-"`` is stdin.
        input_format: rdflib format name for the user's files; by default each file's
            extension decides.
        ontology: include the shipped ontology files (:func:`resources.ontology_files`).
        max_bytes: refuse files larger than this (default :data:`DEFAULT_MAX_INPUT_BYTES`).

    Raises:
        InputError: a file is missing, unreadable, empty, not text, or not valid RDF.
        LimitError: a file is larger than ``max_bytes``.
    """
    sources = [Source(p, parse_source(p, "turtle"), shipped=True) for p in ontology_files()] if (
        ontology
    ) else []
    for item in data:
        path = None if str(item) == STDIN else Path(item)
        graph = parse_source(item, input_format, max_bytes=max_bytes)
        sources.append(Source(path, graph))
    return sources


def load(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    ontology: bool = True,
    max_bytes: int | None = None,
) -> Graph:
    """The shipped glossary graph plus the user's files, merged into one rdflib Graph.

    >>> g = load()
    >>> len(g) > 0
    True

    See :func:`load_sources` for the arguments and errors.
    """
    graph = bind_prefixes(Graph())
    for source in load_sources(
        data, input_format=input_format, ontology=ontology, max_bytes=max_bytes
    ):
        graph += source.graph
        for prefix, ns in source.graph.namespaces():
            # Keep the user's own prefixes for output, never overriding ours.
            if prefix and prefix not in dict(graph.namespaces()):
                graph.bind(prefix, ns)
    return graph


def _read_bytes(item: str | Path, max_bytes: int) -> tuple[bytes, str]:
    if str(item) == STDIN:
        return sys.stdin.buffer.read(max_bytes + 1), "<stdin>"
    path = Path(item)
    where = str(path)
    if not path.exists():
        raise InputError("file not found", location=where, hint="check the path")
    if path.is_dir():
        raise InputError("is a folder, not a file", location=where)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise LimitError(
                f"{where} is {size:,} bytes, more than the limit of {max_bytes:,}",
                hint="raise it with COPRO_KG_MAX_INPUT_BYTES if the file is trusted",
            )
        return path.read_bytes(), where
    except PermissionError as err:
        raise InputError("cannot read the file: permission denied", location=where) from err
    except OSError as err:
        raise InputError(f"cannot read the file: {err.strerror}", location=where) from err


def parse_source(
    item: str | Path, input_format: str | None = None, *, max_bytes: int | None = None
) -> Graph:
    """Parse one file (or ``"-"`` for stdin) into a new Graph, with a located error."""
    limit = DEFAULT_MAX_INPUT_BYTES if max_bytes is None else max_bytes
    fmt = format_for_path(item, input_format) if str(item) != STDIN else (input_format or "turtle")
    fmt = format_for_path("x", fmt)  # normalise aliases such as "ttl"
    raw, where = _read_bytes(item, limit)
    if len(raw) > limit:
        raise LimitError(f"{where} is larger than the limit of {limit:,} bytes")
    if not raw.strip():
        raise InputError("the file is empty: no RDF to read", location=where)
    if b"\x00" in raw[:8192]:
        raise InputError(
            "this is a binary file, not RDF text", location=where, hint="give a Turtle, "
            "RDF/XML, JSON-LD or N-Triples file"
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = _position(raw, err.start)
        raise InputError(
            "the file is not valid UTF-8 text", location=f"{where}:{line}:{col}"
        ) from err
    graph = Graph()
    try:
        with offline():
            graph.parse(data=text, format=fmt, publicID=_public_id(item))
    except InputError:
        raise
    except Exception as err:  # parsers raise many unrelated types; we locate and re-raise
        raise _located(err, text, fmt, where) from err
    return graph


def _public_id(item: str | Path) -> str | None:
    # Relative IRIs resolve against the file's own location, as rdflib would do.
    return None if str(item) == STDIN else Path(item).resolve().as_uri()


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _located(err: Exception, text: str, fmt: str, where: str) -> InputError:
    """Turn a parser exception into an InputError at ``file:line:column``."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(err, BadSyntax):
        offset = getattr(err, "_i", 0)
        line = text.count("\n", 0, offset) + 1
        col = offset - (text.rfind("\n", 0, offset) + 1) + 1
        why = getattr(err, "_why", str(err))
        return InputError(f"invalid {_syntax_name(fmt)}: {why}", location=f"{where}:{line}:{col}")
    if isinstance(err, xml.sax.SAXParseException):
        return InputError(
            f"invalid RDF/XML: {err.getMessage()}",
            location=f"{where}:{err.getLineNumber()}:{err.getColumnNumber() + 1}",
        )
    if isinstance(err, json.JSONDecodeError):
        return InputError(f"invalid JSON-LD: {err.msg}", location=f"{where}:{err.lineno}:{err.colno}")
    if fmt in {"nt", "nquads"}:
        return _locate_line_based(err, text, fmt, where)
    message = str(err).splitlines()[0] if str(err) else type(err).__name__
    match = re.search(r"line[: ]+(\d+)(?:[, ]+col(?:umn)?[: ]+(\d+))?", message)
    location = where
    if match:
        location += f":{match.group(1)}" + (f":{match.group(2)}" if match.group(2) else "")
    # RDF/XML errors embed the absolute path of the file; say it once, in the location.
    message = message.replace(_public_id(where) or "", "").strip(" :")
    return InputError(f"invalid {_syntax_name(fmt)}: {message}", location=location)


def _locate_line_based(err: Exception, text: str, fmt: str, where: str) -> InputError:
    # rdflib's N-Triples parser does not say which line failed: find it by parsing
    # each line alone (N-Triples and N-Quads are line-based by definition).
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            Graph().parse(data=line + "\n", format=fmt)
        except Exception as line_err:
            reason = str(line_err).splitlines()[0] or type(line_err).__name__
            column = len(line) - len(line.lstrip()) + 1
            return InputError(
                f"invalid {_syntax_name(fmt)}: {reason}", location=f"{where}:{number}:{column}"
            )
    return InputError(f"invalid {_syntax_name(fmt)}: {err}", location=where)


def _syntax_name(fmt: str) -> str:
    return {
        "turtle": "Turtle",
        "nt": "N-Triples",
        "xml": "RDF/XML",
        "json-ld": "JSON-LD",
        "n3": "N3",
        "trig": "TriG",
        "nquads": "N-Quads",
    }.get(fmt, fmt)

