"""Reading RDF: the shipped ontology plus the user's own files, safely and with useful errors.

:func:`load` is what every command starts from. Parse failures become
:class:`~copro_kg.errors.InputError` carrying ``file:line:column`` where the parser
knows it -- and where it does not (N-Triples, language tags, IRIs), we find the line
ourselves.

Users feed this tool files they did not write, so reading is hardened (see SECURITY.md):

* **Size**: a file larger than ``COPRO_KG_MAX_INPUT_BYTES`` (default 256 MiB) is refused
  before it is read; only regular files are read (a FIFO or ``/dev/zero`` would hang or
  exhaust memory).
* **RDF/XML**: the DTD is handled by us, never by the parser. Protégé-style internal
  entities (``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``) are expanded by
  :func:`_expand_internal_entities` within a size budget; external entities (XXE),
  parameter entities and entities that nest other entities (the "billion laughs") are
  refused. The remaining document goes through defusedxml's expat reader with DTDs
  forbidden (a second wall), and character data is coalesced before rdflib's handler sees
  it, because rdflib rebuilds a literal string on every chunk (quadratic: a literal of a
  million newlines or character references took minutes). A parse deadline
  (``COPRO_KG_PARSE_SECONDS``) bounds whatever else is slow.
* **JSON-LD**: ``@context`` / ``@import`` references are resolved here, not by rdflib:
  remote ones only with ``allow_network`` (``--allow-network``), local ones only from the
  data file's own folder (or below), never from a remote context; they are inlined so
  rdflib never fetches anything.
* **N-Triples** is read with rdflib's Turtle parser (N-Triples is a subset of Turtle,
  RDF 1.1 N-Triples §1): rdflib's own N-Triples parser is quadratic on long lines (a 4 MiB
  line took over a minute) and does not say which line failed.
* **IRIs and language tags**: an IRI with a space, quote, ``<>{}|^`\\`` or a control
  character, and a language tag that is not ``letters(-alnum)*`` (BCP 47 shape), are
  errors with their line -- rdflib accepts such IRIs and then cannot write them.
* **owl:imports** are never followed: the shipped ontology's imports are resolved by
  ``ontology/catalog-v001.xml`` (its files are loaded directly), anything else is left as a
  plain triple.

The :func:`~copro_kg.io.netguard.offline` guard is on around every parse as a last wall.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sys
import time
import urllib.parse
import urllib.request
import xml.sax
import xml.sax.handler
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from xml.parsers import expat

from rdflib import Graph, URIRef
from rdflib.parser import InputSource, Parser, PythonInputSource
from rdflib.plugin import register
from rdflib.plugins.parsers.rdfxml import RDFXMLHandler, RDFXMLParser

from copro_kg.errors import InputError, LimitError, NetworkRefusedError
from copro_kg.io.atomic import format_for_path
from copro_kg.io.netguard import allow_network as _lift_guard
from copro_kg.io.netguard import network_permitted, offline
from copro_kg.namespace import bind_prefixes
from copro_kg.resources import ontology_files

__all__ = [
    "DEFAULT_MAX_INPUT_BYTES",
    "DEFAULT_PARSE_SECONDS",
    "Source",
    "load",
    "load_sources",
    "parse_source",
]

DEFAULT_MAX_INPUT_BYTES = int(os.environ.get("COPRO_KG_MAX_INPUT_BYTES", 256 * 1024 * 1024))
"""Largest input file accepted (bytes); ``COPRO_KG_MAX_INPUT_BYTES`` overrides it."""

DEFAULT_PARSE_SECONDS = float(os.environ.get("COPRO_KG_PARSE_SECONDS", 300))
"""Deadline for parsing one RDF/XML file (seconds); ``COPRO_KG_PARSE_SECONDS`` overrides it.

Only the RDF/XML parser can be interrupted (it calls us back per element); the other
parsers are linear in the input size, which the size limit bounds.
"""

STDIN = "-"

# Entity policy for RDF/XML DTDs. Protégé writes a dozen short IRI entities; anything
# beyond these bounds is not a vocabulary but an attack or an accident.
_MAX_ENTITIES = 1000
_MAX_ENTITY_VALUE = 4096
_EXPANSION_FACTOR = 10  # expanded document <= 10 x the file + 1 MiB
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})

# JSON-LD context resolution bounds.
_MAX_CONTEXT_DEPTH = 10
_MAX_CONTEXTS = 100
_FETCH_TIMEOUT = 10.0

# Characters the IRI grammar (RFC 3987, Turtle IRIREF) never allows unescaped.
_BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
_LANG_ERROR = re.compile(r"'(.*)' is not a valid language tag")


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
) -> list[Source]:
    """Parse the shipped ontology (unless ``ontology=False``) and each user file.

    Args:
        data: the user's files, in any RDF syntax rdflib reads; ``"-"`` is stdin.
        input_format: rdflib format name for the user's files; by default each file's
            extension decides.
        ontology: include the shipped ontology files (:func:`resources.ontology_files`).
        max_bytes: refuse files larger than this (default :data:`DEFAULT_MAX_INPUT_BYTES`).
        allow_network: let JSON-LD fetch remote ``@context`` documents. ``None`` (the
            default) follows :func:`~copro_kg.io.netguard.network_permitted`, i.e. the CLI's
            ``--allow-network``.

    Raises:
        InputError: a file is missing, unreadable, empty, not text, or not valid RDF.
        LimitError: a file is larger than ``max_bytes`` or takes too long to parse.
        NetworkRefusedError: a JSON-LD context would have to be fetched from the network.
    """
    sources = (
        [Source(p, parse_source(p, "turtle"), shipped=True) for p in ontology_files()]
        if ontology
        else []
    )
    for item in data:
        path = None if str(item) == STDIN else Path(item)
        graph = parse_source(item, input_format, max_bytes=max_bytes, allow_network=allow_network)
        sources.append(Source(path, graph))
    return sources


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
    graph = bind_prefixes(Graph())
    for source in load_sources(
        data,
        input_format=input_format,
        ontology=ontology,
        max_bytes=max_bytes,
        allow_network=allow_network,
    ):
        graph += source.graph
        for prefix, ns in source.graph.namespaces():
            # Keep the user's own prefixes for output, never overriding ours.
            if prefix and prefix not in dict(graph.namespaces()):
                graph.bind(prefix, ns)
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

    >>> from copro_kg.resources import ontology_files
    >>> len(parse_source(ontology_files()[0])) > 0
    True
    """
    limit = DEFAULT_MAX_INPUT_BYTES if max_bytes is None else max_bytes
    network = network_permitted() if allow_network is None else allow_network
    seconds = DEFAULT_PARSE_SECONDS if deadline_seconds is None else deadline_seconds
    fmt = format_for_path(item, input_format) if str(item) != STDIN else (input_format or "turtle")
    fmt = format_for_path("x", fmt)  # normalise aliases such as "ttl"
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
        line, col = _position(raw, err.start)
        raise InputError(
            "the file is not valid UTF-8 text", location=f"{where}:{line}:{col}"
        ) from err
    base = _public_id(item)
    graph = Graph()
    try:
        with offline(), _quiet_rdflib():
            if fmt == "xml":
                _parse_rdfxml(graph, raw, text, where, base, limit, seconds)
            elif fmt == "json-ld":
                _parse_jsonld(graph, text, where, base, network, limit)
            else:
                # N-Triples is a subset of Turtle; rdflib's Turtle parser is linear in the
                # line length and reports the offset of an error (see the module notes).
                graph.parse(data=text, format="turtle" if fmt == "nt" else fmt, publicID=base)
    except (InputError, LimitError, NetworkRefusedError):
        raise
    except Exception as err:  # parsers raise many unrelated types; we locate and re-raise
        raise _located(err, text, fmt, where, base) from err
    _check_iris(graph, text, fmt, where)
    return graph


# --- reading --------------------------------------------------------------------------


def _read_bytes(item: str | Path, max_bytes: int) -> tuple[bytes, str]:
    if str(item) == STDIN:
        return sys.stdin.buffer.read(max_bytes + 1), "<stdin>"
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
        with path.open("rb") as fh:
            # Read at most one byte past the limit: the file may grow after stat().
            return fh.read(max_bytes + 1), where
    except PermissionError as err:
        raise InputError("cannot read the file: permission denied", location=where) from err
    except OSError as err:
        raise InputError(f"cannot read the file: {err.strerror}", location=where) from err


def _public_id(item: str | Path) -> str | None:
    # Relative IRIs resolve against the file's own location, as rdflib would do.
    return None if str(item) == STDIN else Path(item).resolve().as_uri()


class _DropRdflibWarnings(logging.Filter):
    """Silence rdflib's "does not look like a valid URI" warnings while we parse.

    We report bad IRIs ourselves as one located error; the warning would be a second,
    unlocated line on stderr.
    """

    active = 0

    def filter(self, record: logging.LogRecord) -> bool:
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


# --- RDF/XML --------------------------------------------------------------------------


class _RefusedError(Exception):
    """Raised from an expat callback to stop the DTD scan with our own error."""

    def __init__(self, error: InputError | LimitError) -> None:
        super().__init__(str(error))
        self.error = error


class _EndOfDoctypeError(Exception):
    """Raised from an expat callback once the DOCTYPE has been read."""


def _expand_internal_entities(raw: bytes, where: str, limit: int) -> bytes:
    """Replace the DTD by expanding its simple internal entities ourselves.

    Returns the document without a DOCTYPE (the same number of lines, so error positions
    still match the file), every ``&name;`` of a declared entity replaced by its text.
    Refuses external entities (they would read files or URLs: XXE), parameter entities,
    entity values containing markup or other entities (how "billion laughs" nests), more
    than 1000 entities or values over 4 KiB, attribute-list declarations (their defaults
    would be lost), and an expansion larger than 10x the file + 1 MiB or ``limit``.

    >>> doc = (b'<!DOCTYPE r [<!ENTITY owl "http://www.w3.org/2002/07/owl#">]>\\n'
    ...        b'<r a="&owl;Class">&owl;</r>')
    >>> _expand_internal_entities(doc, "x.rdf", 10_000).decode()
    '\\n<r a="http://www.w3.org/2002/07/owl#Class">http://www.w3.org/2002/07/owl#</r>'
    """
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    entities: dict[str, str] = {}
    span: dict[str, int] = {}

    def refuse(message: str, hint: str | None = None) -> NoReturn:
        line, col = parser.CurrentLineNumber, parser.CurrentColumnNumber + 1
        raise _RefusedError(InputError(message, location=f"{where}:{line}:{col}", hint=hint))

    def start_doctype(*_: object) -> None:
        span["start"] = raw.rfind(b"<!DOCTYPE", 0, parser.CurrentByteIndex + 1)

    def end_doctype() -> None:
        span["end"] = raw.index(b">", parser.CurrentByteIndex) + 1
        raise _EndOfDoctypeError

    def entity_decl(
        name: str,
        is_parameter: int,
        value: str | None,
        _base: str | None,
        system_id: str | None,
        public_id: str | None,
        _notation: str | None,
    ) -> None:
        if value is None:
            refuse(
                f"refused the external entity {name!r} ({system_id or public_id}): "
                "copro-kg never reads files or URLs named inside a document",
                hint="put the text into the file itself",
            )
        if is_parameter:
            refuse(f"refused the parameter entity {name!r}: not needed in RDF/XML")
        if "&" in value or "<" in value:
            refuse(
                f"refused the entity {name!r}: its value contains markup or other "
                "entities (nested entities are how entity-expansion bombs work)",
                hint="only plain-text entities such as Protégé's IRI shorthands are read",
            )
        if len(value) > _MAX_ENTITY_VALUE or len(entities) >= _MAX_ENTITIES:
            raise _RefusedError(
                LimitError(
                    f"{where}: more than {_MAX_ENTITIES} entities or an entity longer than "
                    f"{_MAX_ENTITY_VALUE} characters"
                )
            )
        if name not in _PREDEFINED:
            entities.setdefault(name, value)  # XML: the first declaration binds

    def attlist_decl(*_: object) -> None:
        refuse("refused an ATTLIST declaration: its default attributes are not supported")

    def unparsed_entity(name: str, *_: object) -> None:
        refuse(f"refused the external entity {name!r}: copro-kg never reads files or URLs")

    parser.StartDoctypeDeclHandler = start_doctype
    parser.EndDoctypeDeclHandler = end_doctype
    parser.EntityDeclHandler = entity_decl
    parser.AttlistDeclHandler = attlist_decl
    parser.UnparsedEntityDeclHandler = unparsed_entity
    parser.StartElementHandler = lambda *_: (_ for _ in ()).throw(_EndOfDoctypeError())
    try:
        parser.Parse(raw, True)
    except _EndOfDoctypeError:
        pass
    except _RefusedError as refused:
        raise refused.error from None
    except expat.ExpatError as err:
        raise InputError(
            f"invalid RDF/XML: {expat.errors.messages[err.code]}",
            location=f"{where}:{err.lineno}:{err.offset + 1}",
        ) from err
    if "start" not in span or "end" not in span:
        return raw
    head, dtd, body = raw[: span["start"]], raw[span["start"] : span["end"]], raw[span["end"] :]
    budget = min(limit, _EXPANSION_FACTOR * len(raw) + 1024 * 1024)
    expanded = _substitute(body.decode("utf-8"), entities, budget, where)
    return head + b"\n" * dtd.count(b"\n") + expanded.encode("utf-8")


# Comments, CDATA and processing instructions keep "&x;" literally; tags are where an
# entity lands in an attribute value; anything else is character data.
_XML_TOKEN = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|(<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)"
    r"|&([A-Za-z_:][-\w.:]*);",
    re.S,
)
_IN_ATTRIBUTE = str.maketrans({'"': "&quot;", "'": "&apos;", "\t": " ", "\n": " ", "\r": " "})
_IN_TEXT = str.maketrans({"\n": "&#10;", "\r": "&#13;"})  # keep the file's line numbers
_REFERENCE = re.compile(r"&([A-Za-z_:][-\w.:]*);")


def _substitute(body: str, entities: dict[str, str], budget: int, where: str) -> str:
    used = [len(body)]

    def spend(extra: int) -> None:
        used[0] += extra
        if used[0] > budget:
            raise LimitError(
                f"{where}: expanding its entities would exceed {budget:,} characters",
                hint="entity-expansion bombs are refused; raise COPRO_KG_MAX_INPUT_BYTES "
                "only for trusted files",
            )

    def in_attribute(match: re.Match[str]) -> str:
        value = entities.get(match.group(1))
        if value is None:
            return match.group(0)
        spend(len(value))
        return value.translate(_IN_ATTRIBUTE)

    def token(match: re.Match[str]) -> str:
        tag, name = match.group(1), match.group(2)
        if tag is not None:
            return _REFERENCE.sub(in_attribute, tag) if "&" in tag else tag
        if name is None or name not in entities:
            return match.group(0)
        spend(len(entities[name]))
        return entities[name].translate(_IN_TEXT)

    if not entities:
        return body
    return _XML_TOKEN.sub(token, body)


class _CoalescingHandler(xml.sax.handler.ContentHandler):
    """Pass SAX events to rdflib's handler, joining character chunks and keeping time.

    expat delivers text in many small chunks (one per line and per character reference);
    rdflib appends each to a string attribute, which copies the whole string every time.
    Joining them first makes the cost linear. Each event also checks the parse deadline.
    """

    def __init__(self, inner: RDFXMLHandler, deadline: float, where: str) -> None:
        super().__init__()
        self._inner = inner
        self._chunks: list[str] = []
        self._deadline = deadline
        self._where = where

    def _flush(self) -> None:
        if time.monotonic() > self._deadline:
            raise LimitError(
                f"{self._where}: parsing took longer than the limit",
                hint="raise COPRO_KG_PARSE_SECONDS if the file is trusted",
            )
        if self._chunks:
            text = "".join(self._chunks)
            self._chunks.clear()
            self._inner.characters(text)

    def setDocumentLocator(self, locator: Any) -> None:  # noqa: N802 (SAX API)
        self._inner.setDocumentLocator(locator)

    def startDocument(self) -> None:  # noqa: N802
        self._inner.startDocument()

    def endDocument(self) -> None:  # noqa: N802
        self._flush()
        self._inner.endDocument()

    def startPrefixMapping(self, prefix: str | None, uri: str) -> None:  # noqa: N802
        self._flush()
        self._inner.startPrefixMapping(prefix, uri)

    def endPrefixMapping(self, prefix: str | None) -> None:  # noqa: N802
        self._flush()
        self._inner.endPrefixMapping(prefix)

    def startElementNS(self, name: Any, qname: Any, attrs: Any) -> None:  # noqa: N802
        self._flush()
        self._inner.startElementNS(name, qname, attrs)

    def endElementNS(self, name: Any, qname: Any) -> None:  # noqa: N802
        self._flush()
        self._inner.endElementNS(name, qname)

    def characters(self, content: str) -> None:
        self._chunks.append(content)
        if len(self._chunks) > 4096:  # bound the list; joining is linear anyway
            self._chunks[:] = ["".join(self._chunks)]

    def ignorableWhitespace(self, whitespace: str) -> None:  # noqa: N802
        self._inner.ignorableWhitespace(whitespace)

    def processingInstruction(self, target: str, data: str) -> None:  # noqa: N802
        self._flush()
        self._inner.processingInstruction(target, data)


class _HardenedRDFXMLParser(RDFXMLParser):
    """rdflib's RDF/XML parser on defusedxml's expat reader, with coalesced text."""

    def parse(self, source: InputSource, sink: Graph, **args: Any) -> None:
        from defusedxml.expatreader import create_parser

        reader = create_parser(forbid_dtd=True, forbid_entities=True, forbid_external=True)
        # The same set-up as rdflib.plugins.parsers.rdfxml.create_parser.
        with contextlib.suppress(AttributeError):
            reader.start_namespace_decl("xml", "http://www.w3.org/XML/1998/namespace")
        reader.setFeature(xml.sax.handler.feature_namespaces, 1)
        reader.setFeature(xml.sax.handler.feature_external_ges, 0)
        reader.setFeature(xml.sax.handler.feature_external_pes, 0)
        inner = RDFXMLHandler(sink)
        inner.setDocumentLocator(source)  # type: ignore[arg-type]  # as rdflib does
        deadline = time.monotonic() + float(args.get("copro_deadline", DEFAULT_PARSE_SECONDS))
        reader.setContentHandler(_CoalescingHandler(inner, deadline, str(args.get("where"))))
        reader.setErrorHandler(xml.sax.handler.ErrorHandler())
        self._parser = reader
        reader.parse(source)


_RDFXML_PLUGIN = "copro-kg-rdfxml"
register(_RDFXML_PLUGIN, Parser, __name__, "_HardenedRDFXMLParser")


def _parse_rdfxml(
    graph: Graph, raw: bytes, text: str, where: str, base: str | None, limit: int, seconds: float
) -> None:
    from defusedxml import DefusedXmlException

    if b"<!DOCTYPE" in raw:
        raw = _expand_internal_entities(raw, where, limit)
        text = raw.decode("utf-8")
    try:
        graph.parse(
            data=text, format=_RDFXML_PLUGIN, publicID=base, copro_deadline=seconds, where=where
        )
    except DefusedXmlException as err:  # a DTD we did not see (an odd encoding?)
        raise InputError(f"refused RDF/XML: {err}", location=where) from err


# --- JSON-LD --------------------------------------------------------------------------


def _parse_jsonld(
    graph: Graph, text: str, where: str, base: str | None, network: bool, limit: int
) -> None:
    document = json.loads(text)  # a JSONDecodeError is located by _located
    resolver = _ContextResolver(where, base, network, limit)
    document = resolver.inline(document, base, remote=False, depth=0)
    graph.parse(source=PythonInputSource(document, base), format="json-ld", publicID=base)


class _ContextResolver:
    """Inline every ``@context`` / ``@import`` reference of a JSON-LD document.

    rdflib would fetch them itself -- over HTTP, or from any local path, nested, with no
    timeout. We apply the policy instead: ``http(s)`` only when the network is allowed,
    local files only under the data file's folder and only from local documents, at most
    100 contexts 10 deep, no cycles. A remote context's ``@base`` is dropped, as JSON-LD
    1.1 (Context Processing, step 5.7) ignores it.
    """

    def __init__(self, where: str, base: str | None, network: bool, limit: int) -> None:
        self.where = where
        self.network = network
        self.limit = limit
        self.root = Path(urllib.parse.urlparse(base).path).parent if base else None
        self.cache: dict[str, Any] = {}
        self.active: set[str] = set()

    def inline(self, node: Any, base: str | None, *, remote: bool, depth: int) -> Any:
        """Return ``node`` with every context reference replaced by its content."""
        if isinstance(node, list):
            return [self.inline(item, base, remote=remote, depth=depth) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "@value":  # literal data, including @json values: never contexts
                out[key] = value
            elif key == "@context":
                out[key] = self.context(value, base, remote=remote, depth=depth)
            else:
                out[key] = self.inline(value, base, remote=remote, depth=depth)
        return out

    def context(self, value: Any, base: str | None, *, remote: bool, depth: int) -> Any:
        """Resolve one ``@context`` value (string, object or array of them)."""
        if isinstance(value, str):
            url, loaded, is_remote = self.fetch(value, base, remote=remote, depth=depth)
            self.active.add(url)
            try:
                inner = loaded.get("@context") if isinstance(loaded, dict) else None
                if inner is None:
                    raise InputError(
                        f"the JSON-LD context {url} has no @context", location=self.where
                    )
                resolved = self.context(inner, url, remote=is_remote, depth=depth + 1)
            finally:
                self.active.discard(url)
            return _drop_base(resolved)
        if isinstance(value, list):
            flat: list[Any] = []
            for item in value:
                resolved = self.context(item, base, remote=remote, depth=depth)
                flat.extend(resolved if isinstance(resolved, list) else [resolved])
            return flat
        if not isinstance(value, dict):
            return value
        ctx = dict(value)
        imported = ctx.pop("@import", None)
        for term, definition in list(ctx.items()):
            if isinstance(definition, dict) and "@context" in definition:  # scoped context
                ctx[term] = self.inline(definition, base, remote=remote, depth=depth)
        if isinstance(imported, str):
            url, loaded, is_remote = self.fetch(imported, base, remote=remote, depth=depth)
            inner = loaded.get("@context") if isinstance(loaded, dict) else None
            if not isinstance(inner, dict):
                raise InputError(
                    f"the JSON-LD @import {url} is not a single context object",
                    location=self.where,
                )
            # JSON-LD 1.1: the importing context's own definitions win.
            merged = _drop_base(self.context(inner, url, remote=is_remote, depth=depth + 1))
            ctx = {**merged, **ctx}
        elif imported is not None:
            ctx["@import"] = imported  # not a string: let rdflib report it
        return ctx

    def fetch(
        self, ref: str, base: str | None, *, remote: bool, depth: int
    ) -> tuple[str, Any, bool]:
        """Load the document a context reference names, if the policy allows it."""
        url = urllib.parse.urljoin(base, ref) if base else ref
        scheme = urllib.parse.urlparse(url).scheme.lower()
        if depth >= _MAX_CONTEXT_DEPTH or len(self.cache) >= _MAX_CONTEXTS:
            raise LimitError(f"{self.where}: JSON-LD contexts nest too deeply or are too many")
        if url in self.active:
            raise InputError(f"the JSON-LD context {url} includes itself", location=self.where)
        if url in self.cache:
            return url, self.cache[url], scheme in {"http", "https"}
        if scheme in {"http", "https"}:
            loaded = self._fetch_remote(url)
            remote_doc = True
        elif scheme in {"file", ""} and not remote:
            loaded = self._read_local(url, ref)
            remote_doc = False
        else:
            raise InputError(
                f"refused the JSON-LD context {ref!r}: only http(s) contexts and local files "
                "next to the data file can be used",
                location=self.where,
            )
        self.cache[url] = loaded
        return url, loaded, remote_doc

    def _fetch_remote(self, url: str) -> Any:
        if not self.network:
            raise NetworkRefusedError(
                f"refused to fetch the JSON-LD context {url} ({self.where}): copro-kg works "
                "offline",
                hint="pass --allow-network to fetch it, or inline the context in the file",
            )
        request = urllib.request.Request(
            url, headers={"Accept": "application/ld+json, application/json"}
        )
        try:
            with _lift_guard(), urllib.request.urlopen(request, timeout=_FETCH_TIMEOUT) as resp:
                body = resp.read(self.limit + 1)
        except OSError as err:
            raise InputError(
                f"cannot fetch the JSON-LD context {url}: {err}", location=self.where
            ) from err
        if len(body) > self.limit:
            raise LimitError(f"the JSON-LD context {url} is larger than {self.limit:,} bytes")
        try:
            return json.loads(body)
        except ValueError as err:
            raise InputError(
                f"the JSON-LD context {url} is not JSON: {err}", location=self.where
            ) from err

    def _read_local(self, url: str, ref: str) -> Any:
        path = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).resolve()
        if self.root is None or not path.is_relative_to(self.root.resolve()):
            raise InputError(
                f"refused the local JSON-LD context {ref!r}: only files in the data file's "
                "own folder (or below) are read",
                location=self.where,
                hint="copy the context next to the data file, or inline it",
            )
        raw, where = _read_bytes(path, self.limit)
        try:
            return json.loads(raw)
        except ValueError as err:
            raise InputError(f"the JSON-LD context is not JSON: {err}", location=where) from err


def _drop_base(context: Any) -> Any:
    if isinstance(context, dict) and "@base" in context:
        return {k: v for k, v in context.items() if k != "@base"}
    if isinstance(context, list):
        return [_drop_base(item) for item in context]
    return context


# --- errors ---------------------------------------------------------------------------


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _find(text: str, *needles: str) -> str:
    """``:line:column`` of the first of ``needles`` found in ``text``, else ``""``."""
    for needle in needles:
        offset = text.find(needle)
        if needle and offset >= 0:
            line = text.count("\n", 0, offset) + 1
            return f":{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"
    return ""


def _check_iris(graph: Graph, text: str, fmt: str, where: str) -> None:
    """Refuse IRIs that no RDF syntax can write back (rdflib reads them regardless)."""
    for triple in graph:
        for term in triple:
            iri = str(term)
            if isinstance(term, URIRef) and _BAD_IRI.search(iri):
                tail = re.split(r"[/#]", iri)[-1]
                raise InputError(
                    f"invalid {_syntax_name(fmt)}: the IRI <{iri}> contains a space, quote, "
                    "control character or one of <>{}|^`\\",
                    location=where + _find(text, iri, tail),
                    hint="percent-encode the character (a space is %20)",
                )


def _located(err: Exception, text: str, fmt: str, where: str, base: str | None) -> InputError:
    """Turn a parser exception into an InputError at ``file:line:column``."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    name = _syntax_name(fmt)
    lang = _LANG_ERROR.search(str(err)) if isinstance(err, ValueError) else None
    if lang:
        tag = lang.group(1)
        return InputError(
            f"invalid {name}: {tag!r} is not a valid language tag (BCP 47: letters, then "
            "optional '-' subtags, e.g. 'en', 'cy', 'en-GB')",
            location=where + _find(text, f"@{tag}", f'xml:lang="{tag}"', f'"{tag}"', tag),
        )
    if isinstance(err, BadSyntax):
        offset: int = getattr(err, "_i", None) or 0
        line = text.count("\n", 0, offset) + 1
        start = text.rfind("\n", 0, offset) + 1
        if fmt == "nt":
            # N-Triples is line-based: point at the statement on that line.
            current = text[start : text.find("\n", start) if "\n" in text[start:] else None]
            col = len(current) - len(current.lstrip()) + 1
        else:
            col = offset - start + 1
        why = getattr(err, "_why", str(err))
        return InputError(f"invalid {name}: {why}", location=f"{where}:{line}:{col}")
    if isinstance(err, xml.sax.SAXParseException):
        return InputError(
            f"invalid RDF/XML: {err.getMessage()}",
            location=f"{where}:{err.getLineNumber()}:{(err.getColumnNumber() or 0) + 1}",
        )
    if isinstance(err, json.JSONDecodeError):
        return InputError(
            f"invalid JSON-LD: {err.msg}", location=f"{where}:{err.lineno}:{err.colno}"
        )
    message = str(err).splitlines()[0] if str(err) else type(err).__name__
    match = re.search(r"line[: ]+(\d+)(?:[, ]+col(?:umn)?[: ]+(\d+))?", message)
    location = where
    if match:
        location += f":{match.group(1)}" + (f":{match.group(2)}" if match.group(2) else "")
    # RDF/XML errors embed the absolute path of the file; say it once, in the location.
    if base:
        message = message.replace(base, "").replace(urllib.parse.unquote(base), "")
    message = message.strip(" :")
    return InputError(f"invalid {name}: {message}", location=location)


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
