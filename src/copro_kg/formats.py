"""THE format registry: every syntax copro-kg reads or writes, described once.

Like rdflib's plugin map (``register("turtle", Serializer, ...)``), one frozen
:class:`Format` per syntax says what it is called (and which old names still work),
what it holds (an RDF ``graph``, a ``table`` of query answers, a ``drawing``), which
file suffixes and media types name it, and which rdflib / pyoxigraph names read and
write it. The CLI's ``--format`` choices, the suffix a file is written with, the media
type ``serve`` answers with and the rdflib plugin a file is parsed by all come from here,
so they cannot drift apart again (``serve`` once re-declared RDF/XML's media type
because two tables keyed it ``"xml"`` and ``"rdfxml"``).

Two names are shared by two kinds, as the CLI has always used them: ``xml`` is RDF/XML
for a graph and SPARQL XML results for a table; look-ups take the ``kind`` to choose.

>>> get("ttl").name, get("rdf/xml").suffix, get("xml", "table").media_type
('turtle', '.rdf', 'application/sparql-results+xml')
>>> for_path("glossary.owl").name, for_media_type("application/ld+json").short
('xml', 'jsonld')
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from copro_kg.errors import InputError

__all__ = [
    "FORMATS",
    "KINDS",
    "Format",
    "Kind",
    "for_media_type",
    "for_path",
    "format_for_path",
    "get",
    "media_types",
    "names",
    "short_by_suffix",
    "suffixes",
]

Kind = Literal["graph", "table", "drawing"]
KINDS: tuple[Kind, ...] = ("graph", "table", "drawing")
"""The kinds, in the order an ambiguous name or suffix is resolved."""


@dataclass(frozen=True)
class Format:
    """One syntax: its names, file suffixes, media types and parser/writer plugins."""

    name: str
    """Canonical name; for RDF the rdflib plugin name (``turtle``, ``xml``, ``json-ld``)."""
    short: str
    """The ``--format`` name of the CLI (``ttl``, ``xml``, ``jsonld``, ``csv``)."""
    label: str
    """For people: ``Turtle``, ``RDF/XML``."""
    kind: Kind
    aliases: tuple[str, ...] = ()
    """Other accepted names (lower case), besides ``name`` and ``short``."""
    suffixes: tuple[str, ...] = ()
    """File suffixes, the one we write first."""
    media_types: tuple[str, ...] = ()
    """Media types, the registered one (which we send) first, then ones we accept."""
    rdflib_parser: str | None = None
    rdflib_serializer: str | None = None
    oxigraph: str | None = None
    """The ``pyoxigraph.RdfFormat`` attribute, where pyoxigraph reads this syntax."""
    written: bool = False
    """True when :mod:`copro_kg.io.serialize` writes it (deterministically)."""

    @property
    def suffix(self) -> str:
        """The suffix we give files of this format (``.ttl``)."""
        return self.suffixes[0] if self.suffixes else ""

    @property
    def media_type(self) -> str:
        """The registered media type (``text/turtle``)."""
        return self.media_types[0] if self.media_types else "application/octet-stream"

    @property
    def content_type(self) -> str:
        """The HTTP ``Content-Type``: ``text/*`` types say their charset, UTF-8.

        >>> get("ttl").content_type, get("nt").content_type
        ('text/turtle; charset=utf-8', 'application/n-triples')
        """
        media = self.media_type
        return f"{media}; charset=utf-8" if media.startswith("text/") else media

    def known_as(self, name: str) -> bool:
        """Whether ``name`` (any case) names this format."""
        key = name.strip().lower()
        return key in (self.name, self.short, *self.aliases)


# Media types: W3C RDF 1.1 (Turtle §C, N-Triples §C, RDF/XML, JSON-LD 1.1 §C), SPARQL 1.1
# Query Results JSON §4 / XML / CSV-TSV, RFC 4180 (CSV), IANA (text/tab-separated-values),
# GraphML's and GEXF's own specifications (not IANA-registered).
FORMATS: tuple[Format, ...] = (
    Format(
        "turtle", "ttl", "Turtle", "graph", ("turtle", "ttl"), (".ttl", ".turtle"),
        ("text/turtle", "application/x-turtle", "application/turtle"),
        "turtle", "turtle", "TURTLE", written=True,
    ),
    Format(
        "nt", "nt", "N-Triples", "graph", ("ntriples", "n-triples", "nt11"),
        (".nt", ".ntriples"), ("application/n-triples", "text/plain"),
        "nt", "nt", "N_TRIPLES", written=True,
    ),
    Format(
        "json-ld", "jsonld", "JSON-LD", "graph", ("jsonld", "json-ld"),
        (".jsonld", ".json-ld", ".json"), ("application/ld+json", "application/json"),
        "json-ld", "json-ld", "JSON_LD", written=True,
    ),
    Format(
        "xml", "xml", "RDF/XML", "graph", ("rdfxml", "rdf/xml", "rdf+xml", "application/rdf+xml"),
        (".rdf", ".owl", ".xml"), ("application/rdf+xml", "application/xml", "text/xml"),
        "xml", "xml", "RDF_XML", written=True,
    ),
    Format("n3", "n3", "N3", "graph", ("notation3",), (".n3",), ("text/n3",), "n3", "n3", "N3"),
    Format(
        "trig", "trig", "TriG", "graph", (), (".trig",), ("application/trig",),
        "trig", "trig", "TRIG",
    ),
    Format(
        "nquads", "nquads", "N-Quads", "graph", ("nq", "n-quads"), (".nq", ".nquads"),
        ("application/n-quads",), "nquads", "nquads", "N_QUADS",
    ),
    Format("table", "table", "aligned text table", "table", ("text",), (".txt",), ("text/plain",)),
    Format("csv", "csv", "CSV", "table", (), (".csv",), ("text/csv",)),
    Format("tsv", "tsv", "TSV", "table", (), (".tsv",), ("text/tab-separated-values",)),
    Format(
        "json", "json", "SPARQL JSON results", "table", ("srj",), (".json", ".srj"),
        ("application/sparql-results+json", "application/json"),
    ),
    Format(
        "xml", "xml", "SPARQL XML results", "table", ("srx",), (".srx", ".xml"),
        ("application/sparql-results+xml", "application/xml", "text/xml"),
    ),
    Format("html", "html", "HTML page", "drawing", ("htm",), (".html", ".htm"), ("text/html",)),
    Format(
        "graphml", "graphml", "GraphML", "drawing", (), (".graphml",),
        ("application/graphml+xml",),
    ),
    Format("gexf", "gexf", "GEXF", "drawing", (), (".gexf",), ("application/gexf+xml",)),
    Format("svg", "svg", "SVG picture", "drawing", (), (".svg",), ("image/svg+xml",)),
    Format("png", "png", "PNG picture", "drawing", (), (".png",), ("image/png",)),
)  # fmt: skip
"""Every format, graph ones first; within a kind, the order the CLI lists them."""


def _of(kinds: Kind | Iterable[Kind] | None) -> list[Format]:
    wanted = KINDS if kinds is None else (kinds,) if isinstance(kinds, str) else tuple(kinds)
    return [f for kind in wanted for f in FORMATS if f.kind == kind]


def get(name: str, kind: Kind | Iterable[Kind] | None = None) -> Format:
    """The format called ``name`` (any accepted alias, any case) among ``kind``.

    Without ``kind``, graph formats are searched first, so ``xml`` is RDF/XML.

    >>> get("RDFXML").label, get("json", "table").media_type
    ('RDF/XML', 'application/sparql-results+json')
    >>> try:
    ...     get("turtel")
    ... except InputError as err:
    ...     print(err, "|", err.hint.split("?")[0])
    unknown format 'turtel' | did you mean turtle or ttl

    Raises:
        InputError: no such format; the hint suggests the closest names and lists all.
    """
    candidates = _of(kind)
    for fmt in candidates:
        if fmt.known_as(name):
            return fmt
    known = sorted({n for f in candidates for n in (f.short, f.name, *f.aliases)})
    close = difflib.get_close_matches(name.lower(), known, n=3)
    guess = f"did you mean {' or '.join(close)}? " if close else ""
    raise InputError(f"unknown format {name!r}", hint=f"{guess}use one of {', '.join(known)}")


def for_path(path: str | Path, kind: Kind | Iterable[Kind] | None = None) -> Format:
    """The format a file's suffix names (graph formats first without ``kind``).

    >>> for_path("a.JSON").name, for_path("a.json", "table").name
    ('json-ld', 'json')

    Raises:
        InputError: the suffix names no format of that kind.
    """
    suffix = Path(path).suffix.lower()
    for fmt in _of(kind):
        if suffix in fmt.suffixes:
            return fmt
    known = ", ".join(sorted({s for f in _of(kind) for s in f.suffixes}))
    raise InputError(
        f"cannot tell the {'RDF ' if kind == 'graph' else ''}format from the extension "
        f"{suffix or '(none)'!r}",
        location=str(path),
        hint=f"use one of {known}, or give the format explicitly",
    )


def for_media_type(media: str, kind: Kind | Iterable[Kind] | None = None) -> Format | None:
    """The format of a media type (parameters such as ``charset`` ignored), or ``None``.

    >>> for_media_type("text/turtle; charset=utf-8").name
    'turtle'
    >>> for_media_type("text/plain", "table").short, for_media_type("text/plain", "graph").short
    ('table', 'nt')
    """
    bare = media.split(";")[0].strip().lower()
    return next((f for f in _of(kind) if bare in f.media_types), None)


def names(kind: Kind, *, written: bool = False) -> tuple[str, ...]:
    """The ``--format`` names of one kind, in registry order (only written ones if asked).

    >>> names("drawing"), names("graph", written=True)
    (('html', 'graphml', 'gexf', 'svg', 'png'), ('ttl', 'nt', 'jsonld', 'xml'))
    """
    return tuple(f.short for f in _of(kind) if f.written or not written)


def suffixes(shorts: Iterable[str], kind: Kind | Iterable[Kind] | None = None) -> dict[str, str]:
    """``--format`` name -> the file extension we write (without the dot), in the given order.

    >>> suffixes(["ttl", "xml", "csv"])
    {'ttl': 'ttl', 'xml': 'rdf', 'csv': 'csv'}
    """
    return {short: get(short, kind).suffix.lstrip(".") for short in shorts}


def short_by_suffix(
    kinds: Kind | Iterable[Kind], only: Iterable[str] | None = None
) -> dict[str, str]:
    """File suffix -> ``--format`` name for ``kinds`` (the first kind wins a shared suffix).

    ``only`` keeps the formats a command offers.

    >>> short_by_suffix(["table", "graph"])[".json"], short_by_suffix("graph")[".json"]
    ('json', 'jsonld')
    """
    keep = set(only) if only is not None else None
    out: dict[str, str] = {}
    for fmt in _of(kinds):
        if keep is None or fmt.short in keep:
            for suffix in fmt.suffixes:
                out.setdefault(suffix, fmt.short)
    return out


def media_types(kind: Kind, *, written: bool = False) -> dict[str, str]:
    """Accepted media type -> ``--format`` name for one kind (content negotiation).

    >>> media_types("graph", written=True)["application/rdf+xml"]
    'xml'
    """
    out: dict[str, str] = {}
    for fmt in _of(kind):
        if fmt.written or not written:
            for media in fmt.media_types:
                out.setdefault(media, fmt.short)
    return out


def format_for_path(path: str | Path, explicit: str | None = None) -> str:
    """The rdflib format name for reading or writing ``path``: ``explicit``, else its suffix.

    An explicit name may be any alias (``ttl``, ``rdfxml``, ``jsonld``) or any other
    format rdflib has a plugin for (``trix``, ``pretty-xml``), passed on unchanged.

    >>> format_for_path("out.ttl"), format_for_path("x.owl"), format_for_path("a.b", "nt")
    ('turtle', 'xml', 'nt')

    Raises:
        InputError: the extension (or the explicit name) names no RDF format.
    """
    if explicit:
        try:
            return get(explicit, "graph").name
        except InputError:
            if _rdflib_knows(explicit):
                return explicit
            raise
    return for_path(path, "graph").name


def _rdflib_knows(name: str) -> bool:
    from rdflib import plugin
    from rdflib.parser import Parser
    from rdflib.serializer import Serializer

    registered = {p.name for kind in (Parser, Serializer) for p in plugin.plugins(kind=kind)}
    return name in registered
