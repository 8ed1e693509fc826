"""Read big N-Triples / Turtle files with pyoxigraph, as rdflib terms, without a Graph.

rdflib needs about 15 s and 1.2 GB to parse a 650,000-triple thesaurus into a Graph
before reasoning can start; pyoxigraph (Rust) reads the same file in well under a
second. :func:`triples` streams the file's triples as rdflib terms (each distinct term
converted once), which the engine encodes straight to integers: no Graph of the input
is ever built. rdflib stays the public graph API (results are rdflib terms).

Only for inputs whose syntax pyoxigraph reads exactly as rdflib does (N-Triples,
Turtle). A file pyoxigraph refuses raises :class:`FastParseError`; the caller then
falls back to :func:`copro_kg.io.sources.load`, which reports the error with its location.
Two deliberate, RDF-1.1-neutral differences from rdflib: ``"x"^^xsd:string`` becomes the
plain literal ``"x"`` (the same RDF term; pyoxigraph does not keep the difference), and
the file's own prefixes are not kept for output (ours are).

>>> import tempfile, pathlib
>>> f = pathlib.Path(tempfile.mkdtemp()) / "a.nt"
>>> _ = f.write_text('<urn:a> <urn:b> "x"@en .\\n', encoding="utf-8")
>>> [(str(s), str(p), o.language) for s, p, o in triples(f, "nt")]
[('urn:a', 'urn:b', 'en')]
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from rdflib import BNode, Literal, Node, URIRef
from rdflib.namespace import XSD

from copro_kg import formats

__all__ = ["FORMATS", "FastParseError", "triples"]

FORMATS: frozenset[str] = frozenset(formats.get(name).name for name in ("nt", "turtle"))
"""The format names (:func:`copro_kg.formats.format_for_path`) read here: the syntaxes
pyoxigraph reads exactly as rdflib does (not RDF/XML or JSON-LD, whose parsers differ in
details such as relative IRIs and ``@context`` handling)."""


class FastParseError(Exception):
    """pyoxigraph could not read the file; parse it with rdflib for a located error."""


def triples(path: Path, fmt: str) -> Iterator[tuple[Node, Node, Node]]:
    """The triples of ``path`` (``fmt`` one of :data:`FORMATS`) as rdflib terms.

    Relative IRIs resolve against the file's own location, as in
    :func:`copro_kg.io.sources.parse_source`. Blank nodes are fresh for each file.

    Raises:
        FastParseError: the file is not valid in that syntax (or cannot be read).
    """
    import pyoxigraph as ox

    syntax = getattr(ox.RdfFormat, formats.get(fmt).oxigraph or "TURTLE")
    base = Path(path).resolve().as_uri()
    memo: dict[object, Node] = {}
    get = memo.get
    xsd_string = str(XSD.string)

    def convert(term: object) -> Node:
        if isinstance(term, ox.NamedNode):
            node: Node = URIRef(term.value)
        elif isinstance(term, ox.BlankNode):
            node = BNode()  # fresh per file, like rdflib's parser
        elif isinstance(term, ox.Literal):
            datatype = term.datatype.value
            if term.language:
                node = Literal(term.value, lang=term.language)
            elif datatype == xsd_string:
                node = Literal(term.value)
            else:
                node = Literal(term.value, datatype=URIRef(datatype))
        else:  # RDF-star triple terms: rdflib has no equivalent
            raise FastParseError(f"unsupported term {term!r}")
        memo[term] = node
        return node

    try:
        for quad in ox.parse(path=str(path), format=syntax, base_iri=base):
            s, p, o = quad.subject, quad.predicate, quad.object
            yield (get(s) or convert(s), get(p) or convert(p), get(o) or convert(o))
    except (SyntaxError, ValueError, OSError) as err:
        raise FastParseError(str(err)) from err
