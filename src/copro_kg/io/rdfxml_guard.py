"""RDF/XML read safely: our DTD policy, a SAX text coalescer and a hardened parser plugin.

The DTD is handled by us, never by the parser. Protégé-style internal entities
(``<!ENTITY owl "http://www.w3.org/2002/07/owl#">``) are expanded by
:func:`expand_internal_entities` within a size budget; external entities (XXE),
parameter entities and entities that nest other entities (the "billion laughs") are
refused. The remaining document goes through defusedxml's expat reader with DTDs
forbidden (a second wall: :data:`RDFXML_PLUGIN`), and character data is coalesced before
rdflib's handler sees it, because rdflib rebuilds a literal string on every chunk
(quadratic: a literal of a million newlines or character references took minutes). A
parse deadline (``COPRO_KG_PARSE_SECONDS``) bounds whatever else is slow.
"""

from __future__ import annotations

import contextlib
import os
import re
import time
import xml.sax
import xml.sax.handler
from typing import Any, NoReturn
from xml.parsers import expat

from rdflib import Graph
from rdflib.parser import InputSource, Parser
from rdflib.plugin import register
from rdflib.plugins.parsers.rdfxml import RDFXMLHandler, RDFXMLParser

from copro_kg.errors import InputError, LimitError

__all__ = [
    "DEFAULT_PARSE_SECONDS",
    "RDFXML_PLUGIN",
    "HardenedRDFXMLParser",
    "expand_internal_entities",
    "parse_rdfxml",
]

DEFAULT_PARSE_SECONDS = float(os.environ.get("COPRO_KG_PARSE_SECONDS", 300))
"""Deadline for parsing one RDF/XML file (seconds); ``COPRO_KG_PARSE_SECONDS`` overrides it.

Only the RDF/XML parser can be interrupted (it calls us back per element); the other
parsers are linear in the input size, which the size limit bounds.
"""

# Entity policy for RDF/XML DTDs. Protégé writes a dozen short IRI entities; anything
# beyond these bounds is not a vocabulary but an attack or an accident.
_MAX_ENTITIES = 1000
_MAX_ENTITY_VALUE = 4096
_EXPANSION_FACTOR = 10  # expanded document <= 10 x the file + 1 MiB
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})


class _RefusedError(Exception):
    """Raised from an expat callback to stop the DTD scan with our own error."""

    def __init__(self, error: InputError | LimitError) -> None:
        super().__init__(str(error))
        self.error = error


class _EndOfDoctypeError(Exception):
    """Raised from an expat callback once the DOCTYPE has been read."""


def expand_internal_entities(raw: bytes, where: str, limit: int) -> bytes:
    """Replace the DTD by expanding its simple internal entities ourselves.

    Returns the document without a DOCTYPE (the same number of lines, so error positions
    still match the file), every ``&name;`` of a declared entity replaced by its text.
    Refuses external entities (they would read files or URLs: XXE), parameter entities,
    entity values containing markup or other entities (how "billion laughs" nests), more
    than 1000 entities or values over 4 KiB, attribute-list declarations (their defaults
    would be lost), and an expansion larger than 10x the file + 1 MiB or ``limit``.

    >>> doc = (b'<!DOCTYPE r [<!ENTITY owl "http://www.w3.org/2002/07/owl#">]>\\n'
    ...        b'<r a="&owl;Class">&owl;</r>')
    >>> expand_internal_entities(doc, "x.rdf", 10_000).decode()
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


class HardenedRDFXMLParser(RDFXMLParser):
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


RDFXML_PLUGIN = "copro-kg-rdfxml"
"""The rdflib parser name of :class:`HardenedRDFXMLParser` (``graph.parse(format=...)``)."""
register(RDFXML_PLUGIN, Parser, __name__, "HardenedRDFXMLParser")


def parse_rdfxml(
    graph: Graph, raw: bytes, where: str, base: str | None, limit: int, seconds: float
) -> None:
    """Parse RDF/XML ``raw`` into ``graph``: DTD expanded by our policy, then the hardened
    parser with a deadline of ``seconds``.

    Raises:
        InputError: a refused DTD declaration, or a DTD the expat reader found itself.
        LimitError: an expansion over budget, or parsing past the deadline.
    """
    from defusedxml import DefusedXmlException

    if b"<!DOCTYPE" in raw:
        raw = expand_internal_entities(raw, where, limit)
    text = raw.decode("utf-8")
    try:
        graph.parse(
            data=text, format=RDFXML_PLUGIN, publicID=base, copro_deadline=seconds, where=where
        )
    except DefusedXmlException as err:  # a DTD we did not see (an odd encoding?)
        raise InputError(f"refused RDF/XML: {err}", location=where) from err
