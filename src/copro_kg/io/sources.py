"""Reading RDF: the shipped ontology plus the user's own files, safely and with useful errors.

:func:`load` is what every command starts from. Parse failures become
:class:`~copro_kg.errors.InputError` carrying ``file:line:column`` where the parser
knows it -- and where it does not (N-Triples, language tags, IRIs), we find the line
ourselves.

Users feed this tool files they did not write, so reading is hardened (see SECURITY.md):

* **Size**: a file larger than ``COPRO_KG_MAX_INPUT_BYTES`` (default 256 MiB) is refused
  before it is read; only regular files are read (a FIFO or ``/dev/zero`` would hang or
  exhaust memory).
* **RDF/XML** (:mod:`copro_kg.io.rdfxml_guard`): the DTD is handled by us, never by the
  parser -- Protégé's IRI entities are expanded within a budget, external, parameter and
  nested entities (XXE, "billion laughs") are refused; defusedxml's reader is a second
  wall; text is coalesced (rdflib's handler is quadratic on many chunks); a deadline
  (``COPRO_KG_PARSE_SECONDS``) bounds the parse.
* **JSON-LD** (:mod:`copro_kg.io.jsonld_context`): ``@context`` / ``@import`` references
  are resolved by us, not by rdflib: remote ones only with ``allow_network``
  (``--allow-network``), local ones only from the data file's own folder (or below);
  they are inlined so rdflib never fetches anything.
* **N-Triples** is read with rdflib's Turtle parser (N-Triples is a subset of Turtle,
  RDF 1.1 N-Triples §1): rdflib's own N-Triples parser is quadratic on long lines (a 4 MiB
  line took over a minute) and does not say which line failed.
* **IRIs and language tags**: an IRI with a space, quote, ``<>{}|^`\\`` or a control
  character, and a language tag that is not ``letters(-alnum)*`` (BCP 47 shape), are
  errors with their line -- rdflib accepts such IRIs and then cannot write them
  (:mod:`copro_kg.io.locate` finds the line of every error).
* **Permissions**: a file (or the shipped ontology's folder) this user cannot read is an
  :class:`~copro_kg.errors.InputError` naming it, never a traceback.
* **owl:imports** are never followed: the shipped ontology's imports are resolved by
  ``ontology/catalog-v001.xml`` (its files are loaded directly), anything else is left as a
  plain triple -- and said, when no loaded file declares the imported ontology.
* **Doubtful input** (an ill-typed literal, a language tag that is not well-formed BCP 47,
  an import not followed) is kept as written and issued as a
  :class:`~copro_kg.errors.DoubtfulInputWarning` (:mod:`copro_kg.io.doubts`); the CLI
  prints each as one ``warning: file:line: ...`` line, ``--strict`` makes it an error.

The :func:`~copro_kg.io.netguard.offline` guard is on around every parse as a last wall.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph
from rdflib.namespace import OWL

from copro_kg.errors import InputError, LimitError, NetworkRefusedError
from copro_kg.formats import format_for_path
from copro_kg.io.doubts import Loaded, emit, import_doubts, literal_doubts
from copro_kg.io.jsonld_context import parse_jsonld
from copro_kg.io.locate import check_iris, located, position
from copro_kg.io.netguard import network_permitted, offline
from copro_kg.io.rdfxml_guard import DEFAULT_PARSE_SECONDS, parse_rdfxml
from copro_kg.namespace import bind_prefixes
from copro_kg.resources import ONTOLOGY_DIR, ontology_files

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "DEFAULT_PARSE_SECONDS",
    "STDIN",
    "Source",
    "check_doubts",
    "check_readable",
    "load",
    "load_sources",
    "merge",
    "parse_source",
    "shipped_files",
]

DEFAULT_MAX_INPUT_BYTES = int(os.environ.get("COPRO_KG_MAX_INPUT_BYTES", 256 * 1024 * 1024))
"""Largest input file accepted (bytes); ``COPRO_KG_MAX_INPUT_BYTES`` overrides it."""

STDIN = "-"
"""The name that reads standard input instead of a file."""


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
    allow_network: bool | None = None,
    alongside: Sequence[Source] = (),
) -> list[Source]:
    """Parse the shipped ontology (unless ``ontology=False``) and each user file.

    Doubtful input in the user's files is issued as
    :class:`~copro_kg.errors.DoubtfulInputWarning` warnings (see :mod:`copro_kg.io.doubts`).

    Args:
        data: the user's files, in any RDF syntax rdflib reads; ``"-"`` is stdin.
        input_format: rdflib format name for the user's files; by default each file's
            extension decides.
        ontology: include the shipped ontology files (:func:`resources.ontology_files`).
        max_bytes: refuse files larger than this (default :data:`DEFAULT_MAX_INPUT_BYTES`).
        allow_network: let JSON-LD fetch remote ``@context`` documents. ``None`` (the
            default) follows :func:`~copro_kg.io.netguard.network_permitted`, i.e. the CLI's
            ``--allow-network``.
        alongside: sources loaded by the caller apart from these (the shipped ontology
            when ``ontology=False``): an ``owl:imports`` they declare is satisfied.

    Raises:
        InputError: a file is missing, unreadable, empty, not text, or not valid RDF.
        LimitError: a file is larger than ``max_bytes`` or takes too long to parse.
        NetworkRefusedError: a JSON-LD context would have to be fetched from the network.
    """
    # The user's files are read first: an error in them is the one the user can fix, and
    # it must not hide behind one about the shipped files (an unreadable install folder).
    own = [
        Source(
            None if str(item) == STDIN else Path(item),
            parse_source(item, input_format, max_bytes=max_bytes, allow_network=allow_network),
        )
        for item in data
    ]
    shipped = (
        [Source(p, parse_source(p, "turtle"), shipped=True) for p in shipped_files()]
        if ontology
        else []
    )
    # Whether an import is satisfied depends on every file loaded, so it is judged here.
    files = [Loaded(s.graph, _text_for_imports(s), str(s.path or "<stdin>")) for s in own]
    emit(import_doubts(files, [s.graph for s in [*shipped, *alongside]]))
    return shipped + own


def _text_for_imports(source: Source) -> str:
    """The file's text, for the line of an ``owl:imports``; read again only when it has
    one (rare), and never for standard input (which cannot be read twice)."""
    if source.path is None or (None, OWL.imports, None) not in source.graph:
        return ""
    try:
        return source.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def check_doubts(own: Sequence[Source], alongside: Sequence[Source] = ()) -> None:
    """Issue the doubts of sources that were not parsed now (read back from the cache).

    The same warnings as a fresh parse gives: the files' text is read again for the
    line numbers (standard input, which cannot be read twice, is skipped).
    """
    files = []
    for source in own:
        if source.path is None:
            continue
        where = str(source.path)
        try:
            text = source.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            text = ""
        emit(literal_doubts(source.graph, text, where))
        files.append(Loaded(source.graph, text, where))
    emit(import_doubts(files, [s.graph for s in alongside]))


def shipped_files() -> list[Path]:
    try:
        return ontology_files()
    except OSError as err:  # listing ontology/ fails when its folder cannot be entered
        raise InputError(
            f"cannot read the shipped ontology: {_reason(err)}",
            location=str(err.filename or ONTOLOGY_DIR),
            hint="copro-kg's own files must be readable by the user who runs it; "
            "check the permissions of the folders it is installed (or cloned) in",
        ) from err


def load(
    data: Iterable[str | Path] = (),
    *,
    input_format: str | None = None,
    ontology: bool = True,
    max_bytes: int | None = None,
    allow_network: bool | None = None,
) -> Graph:
    """The shipped glossary graph plus the user's files, merged into one rdflib Graph.

    >>> g = load()
    >>> len(g) > 0
    True

    See :func:`load_sources` for the arguments and errors.
    """
    return merge(
        load_sources(
            data,
            input_format=input_format,
            ontology=ontology,
            max_bytes=max_bytes,
            allow_network=allow_network,
        )
    )


def merge(sources: Iterable[Source]) -> Graph:
    """The sources' triples in one new Graph, with our prefixes and then the sources' own.

    The one merge loop (:func:`load` and :class:`copro_kg.pipeline.Workspace` use it): a
    user's prefix is kept for output, never overriding ours or an earlier file's.

    >>> merged = merge(load_sources())
    >>> merged.namespace_manager.store.namespace("copro") is not None
    True
    """
    graph = bind_prefixes(Graph())
    bound = {prefix for prefix, _ in graph.namespaces()}
    # Store.add directly: Graph.__iadd__ goes through addN and re-checks every triple's
    # context, twice the time for the same triples (the glossary is merged in every command)
    add = graph.store.add
    for source in sources:
        for triple in source.graph:
            add(triple, graph)
        for prefix, ns in source.graph.namespaces():
            if prefix and prefix not in bound:
                graph.bind(prefix, ns)
                bound = {p for p, _ in graph.namespaces()}
    return graph


def parse_source(
    item: str | Path,
    input_format: str | None = None,
    *,
    max_bytes: int | None = None,
    allow_network: bool | None = None,
    deadline_seconds: float | None = None,
) -> Graph:
    """Parse one file (or ``"-"`` for stdin) into a new Graph, with a located error.

    Its ill-typed literals and odd language tags are issued as
    :class:`~copro_kg.errors.DoubtfulInputWarning` warnings; its imports are checked by
    :func:`load_sources`, which knows what else is loaded.

    >>> from copro_kg.resources import ONTOLOGY_DIR, ontology_files
    >>> len(parse_source(ontology_files()[0])) > 0
    True
    """
    limit = DEFAULT_MAX_INPUT_BYTES if max_bytes is None else max_bytes
    network = network_permitted() if allow_network is None else allow_network
    seconds = DEFAULT_PARSE_SECONDS if deadline_seconds is None else deadline_seconds
    fmt = format_for_path(item, input_format or ("turtle" if str(item) == STDIN else None))
    raw, where = _read_bytes(item, limit)
    if len(raw) > limit:
        raise LimitError(
            f"{where} is larger than the limit of {limit:,} bytes",
            hint="raise it with COPRO_KG_MAX_INPUT_BYTES if the file is trusted",
        )
    if not raw.strip():
        raise InputError("the file is empty: no RDF to read", location=where)
    if b"\x00" in raw[:8192]:
        raise InputError(
            "this is a binary file, not RDF text",
            location=where,
            hint="give a Turtle, RDF/XML, JSON-LD or N-Triples file",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line, col = position(raw, err.start)
        raise InputError(
            "the file is not valid UTF-8 text", location=f"{where}:{line}:{col}"
        ) from err
    base = _public_id(item)
    graph = Graph()
    try:
        with offline(), _quiet_rdflib():
            if fmt == "xml":
                parse_rdfxml(graph, raw, where, base, limit, seconds)
            elif fmt == "json-ld":
                parse_jsonld(graph, text, where, base, network, limit, _read_bytes)
            else:
                # N-Triples is a subset of Turtle; rdflib's Turtle parser is linear in the
                # line length and reports the offset of an error (see the module notes).
                graph.parse(data=text, format="turtle" if fmt == "nt" else fmt, publicID=base)
    except (InputError, LimitError, NetworkRefusedError):
        raise
    except Exception as err:  # parsers raise many unrelated types; we locate and re-raise
        raise located(err, text, fmt, where, base) from err
    check_iris(graph, text, fmt, where)
    emit(literal_doubts(graph, text, where))
    return graph


# --- reading --------------------------------------------------------------------------


def check_readable(data: Iterable[str | Path], max_bytes: int | None = None) -> None:
    """Refuse, before any work, an input that cannot be read: missing, a folder, a pipe,
    too large or without read permission -- with the message :func:`parse_source` gives.

    The pipeline asks this first, so the user's own file is blamed before anything of
    the shipped ontology is touched.

    >>> check_readable(["no-such-file.ttl"])
    Traceback (most recent call last):
    copro_kg.errors.InputError: file not found (no-such-file.ttl)
    """
    limit = DEFAULT_MAX_INPUT_BYTES if max_bytes is None else max_bytes
    for item in data:
        if str(item) != STDIN:
            with _opened(item, limit)[0]:
                pass


def _opened(item: str | Path, max_bytes: int) -> tuple[BinaryIO, str]:
    path = Path(item)
    where = str(path)
    try:
        if not path.exists():
            raise InputError("file not found", location=where, hint="check the path")
        if path.is_dir():
            raise InputError("is a folder, not a file", location=where)
        if not path.is_file():
            # A FIFO blocks until someone writes; /dev/zero never ends. Neither is a file.
            raise InputError(
                "not a regular file (a pipe or device?)",
                location=where,
                hint="use '--data -' to read standard input",
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise LimitError(
                f"{where} is {size:,} bytes, more than the limit of {max_bytes:,}",
                hint="raise it with COPRO_KG_MAX_INPUT_BYTES if the file is trusted",
            )
        return path.open("rb"), where
    except OSError as err:
        raise InputError(f"cannot read the file: {_reason(err)}", location=where) from err


def _read_bytes(item: str | Path, max_bytes: int) -> tuple[bytes, str]:
    if str(item) == STDIN:
        return sys.stdin.buffer.read(max_bytes + 1), "<stdin>"
    fh, where = _opened(item, max_bytes)
    try:
        with fh:
            # Read at most one byte past the limit: the file may grow after stat().
            return fh.read(max_bytes + 1), where
    except OSError as err:
        raise InputError(f"cannot read the file: {_reason(err)}", location=where) from err


def _reason(err: OSError) -> str:
    """``permission denied`` / the OS's own words, without the path (the location has it)."""
    if isinstance(err, PermissionError):
        return "permission denied"
    return err.strerror or type(err).__name__


def _public_id(item: str | Path) -> str | None:
    # Relative IRIs resolve against the file's own location, as rdflib would do.
    return None if str(item) == STDIN else Path(item).resolve().as_uri()


class _DropRdflibWarnings(logging.Filter):
    """Silence rdflib's "does not look like a valid URI" warnings while we parse, and its
    "Failed to convert Literal lexical form" tracebacks always.

    We report bad IRIs ourselves as one located error, and ill-typed literals as one
    located warning (:mod:`copro_kg.io.doubts`); rdflib's record would be a second,
    unlocated line on stderr -- a traceback, for a literal, each time one is rebuilt
    (reading the cache, copying a graph).
    """

    active = 0

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Failed to convert Literal lexical form"):
            return False
        return not self.active


_FILTER = _DropRdflibWarnings()
logging.getLogger("rdflib.term").addFilter(_FILTER)


@contextlib.contextmanager
def _quiet_rdflib() -> Iterator[None]:
    _FILTER.active += 1
    try:
        yield
    finally:
        _FILTER.active -= 1
