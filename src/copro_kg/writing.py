"""Writing output files atomically, so a failed run never loses the previous file.

Everything copro_kg writes goes through :func:`write_atomic`: the content is written
to a temporary file in the target's folder, flushed to disk, then moved over the
target with :func:`os.replace` (atomic on POSIX and Windows). If producing the content
fails halfway -- rdflib's Turtle writer can fail mid-file on an IRI with a space --
the previous file is untouched and no temporary file is left behind.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from rdflib import Graph

from .errors import InputError

__all__ = ["FORMAT_BY_SUFFIX", "format_for_path", "open_atomic", "serialize_graph", "write_atomic"]

FORMAT_BY_SUFFIX: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".n3": "n3",
    ".rdf": "xml",
    ".owl": "xml",
    ".xml": "xml",
    ".jsonld": "json-ld",
    ".json-ld": "json-ld",
    ".json": "json-ld",
    ".trig": "trig",
    ".nq": "nquads",
}
"""rdflib format names chosen from a file's extension (input and output alike)."""


def format_for_path(path: str | Path, explicit: str | None = None) -> str:
    """The rdflib format for ``path``: ``explicit`` if given, else from its extension.

    >>> format_for_path("out.ttl"), format_for_path("x.owl"), format_for_path("a.b", "nt")
    ('turtle', 'xml', 'nt')

    Raises:
        InputError: the extension is unknown and no format was given.
    """
    if explicit:
        return {"ttl": "turtle", "jsonld": "json-ld", "rdfxml": "xml", "ntriples": "nt"}.get(
            explicit, explicit
        )
    suffix = Path(path).suffix.lower()
    try:
        return FORMAT_BY_SUFFIX[suffix]
    except KeyError:
        known = ", ".join(sorted(FORMAT_BY_SUFFIX))
        raise InputError(
            f"cannot tell the RDF format from the extension {suffix or '(none)'!r}",
            location=str(path),
            hint=f"use one of {known}, or give the format explicitly",
        ) from None


@contextlib.contextmanager
def open_atomic(path: str | Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only on success.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with open_atomic(target) as fh:
    ...     _ = fh.write(b"hello")
    >>> target.read_bytes()
    b'hello'
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(f"cannot write {target}: {err.strerror}", location=str(target)) from err
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, content: bytes | str | Callable[[IO[bytes]], None]) -> Path:
    """Write ``content`` (bytes, text as UTF-8, or a writer callback) to ``path`` atomically."""
    with open_atomic(path) as fh:
        if callable(content):
            content(fh)
        else:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
    return Path(path)


def serialize_graph(graph: Graph, path: str | Path, fmt: str | None = None) -> Path:
    """Serialise ``graph`` to ``path`` atomically, in ``fmt`` or the extension's format.

    The whole document is produced in memory first: rdflib's writers can fail midway
    (an IRI with a space), and then nothing is written at all.
    """
    rdf_format = format_for_path(path, fmt)
    try:
        data = graph.serialize(format=rdf_format, encoding="utf-8")
    except Exception as err:  # rdflib raises bare Exceptions from its writers
        raise InputError(
            f"cannot write the graph as {rdf_format}: {err}", location=str(path)
        ) from err
    return write_atomic(path, data)
