"""Where a parse went wrong, as ``file:line:column``, whatever the parser said.

rdflib's parsers report positions in different ways (an offset, a SAX locator, a JSON
line/column, a line in the message) or not at all (language tags, bad IRIs); these
helpers turn each into one :class:`~copro_kg.errors.InputError` at a location.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import xml.sax

from rdflib import Graph, URIRef

from copro_kg.errors import InputError
from copro_kg.formats import get

__all__ = ["BAD_IRI", "check_iris", "find", "located", "position", "syntax_name"]

BAD_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\\x7f]')
"""Characters the IRI grammar (RFC 3987, Turtle IRIREF) never allows unescaped."""
_LANG_ERROR = re.compile(r"'(.*)' is not a valid language tag")


def position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def find(text: str, *needles: str) -> str:
    """``:line:column`` of the first of ``needles`` found in ``text``, else ``""``."""
    for needle in needles:
        offset = text.find(needle)
        if needle and offset >= 0:
            line = text.count("\n", 0, offset) + 1
            return f":{line}:{offset - (text.rfind(chr(10), 0, offset) + 1) + 1}"
    return ""


def check_iris(graph: Graph, text: str, fmt: str, where: str) -> None:
    """Refuse IRIs that no RDF syntax can write back (rdflib reads them regardless)."""
    for triple in graph:
        for term in triple:
            iri = str(term)
            if isinstance(term, URIRef) and BAD_IRI.search(iri):
                tail = re.split(r"[/#]", iri)[-1]
                raise InputError(
                    f"invalid {syntax_name(fmt)}: the IRI <{iri}> contains a space, quote, "
                    "control character or one of <>{}|^`\\",
                    location=where + find(text, iri, tail),
                    hint="percent-encode the character (a space is %20)",
                )


def located(err: Exception, text: str, fmt: str, where: str, base: str | None) -> InputError:
    """Turn a parser exception into an InputError at ``file:line:column``."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    name = syntax_name(fmt)
    lang = _LANG_ERROR.search(str(err)) if isinstance(err, ValueError) else None
    if lang:
        tag = lang.group(1)
        return InputError(
            f"invalid {name}: {tag!r} is not a valid language tag (BCP 47: letters, then "
            "optional '-' subtags, e.g. 'en', 'cy', 'en-GB')",
            location=where + find(text, f"@{tag}", f'xml:lang="{tag}"', f'"{tag}"', tag),
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


def syntax_name(fmt: str) -> str:
    """The name people know a syntax by (``Turtle``), from the format registry.

    >>> syntax_name("nt"), syntax_name("trix")
    ('N-Triples', 'trix')
    """
    try:
        return get(fmt, "graph").label
    except InputError:
        return fmt
