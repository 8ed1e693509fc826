"""Doubtful input: what parses, is kept as written, but deserves one word to the user.

Issue 18: an analyst who loads ``"abc"^^xsd:integer`` or an ``owl:imports`` that is never
read should be told, not left to find out from an empty query. Each doubt is a
:class:`~copro_kg.errors.DoubtfulInputWarning` at ``file:line`` saying what was done:

* an **ill-typed literal** (its lexical form is not in its datatype's lexical space, XML
  Schema 1.1 Part 2: :func:`copro_kg.engine.xsd.ill_typed`, not rdflib's "Python cannot hold
  it") -- *kept as written*;
* a **language tag** rdflib accepts but that is not well-formed BCP 47 (RFC 5646 §2.1:
  e.g. a subtag longer than 8 characters) -- *kept as written*. Tags rdflib refuses
  (``@123``) stay errors (:mod:`copro_kg.io.locate`);
* an **owl:imports** copro-kg does not follow: copro-kg never fetches an import (it works
  offline), so an import is satisfied only by an ontology loaded alongside (the shipped
  glossary, another ``--data`` file). Otherwise -- or when the import is a file-name
  literal rather than an IRI -- *not followed offline; add it with --data*. An import
  cycle among loaded ontologies is said too (each file is still read once).

Only :mod:`copro_kg.cli` prints; the library issues the warnings with :func:`warnings.warn`
(:func:`emit`), so Python callers can record, ignore or raise them as they prefer.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, XSD
from rdflib.term import Node

from copro_kg.engine.xsd import ill_typed
from copro_kg.errors import DoubtfulInputWarning

__all__ = [
    "Loaded",
    "emit",
    "import_doubts",
    "literal_doubts",
    "well_formed_language_tag",
]

KEPT = "kept as written"
NOT_FOLLOWED = "not followed offline; add it with --data"

_ALNUM = "[a-z0-9]"
# RFC 5646 §2.1 (case-insensitive): langtag, privateuse, grandfathered (irregular + regular).
_LANGTAG = (
    r"(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4}|[a-z]{5,8})"  # language (+ extlang)
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    rf"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"  # variants
    rf"(?:-[0-9a-wy-z](?:-{_ALNUM}{{2,8}})+)*"  # extensions
    rf"(?:-x(?:-{_ALNUM}{{1,8}})+)?"  # private use
)
_PRIVATE = rf"x(?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = (
    "en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|"
    "i-pwn|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|"
    "no-nyn|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang"
)
_BCP47 = re.compile(rf"(?:{_LANGTAG}|{_PRIVATE}|{_GRANDFATHERED})", re.IGNORECASE)


def well_formed_language_tag(tag: str) -> bool:
    """Whether ``tag`` is a well-formed BCP 47 language tag (RFC 5646 §2.1 syntax).

    Well-formed is about shape, not the registry: ``cy-GB`` and ``en-GB-oxendict`` are,
    ``en-unitedkingdom`` is not (a subtag has at most 8 characters).

    >>> [well_formed_language_tag(t) for t in ("cy", "en-GB", "zh-Hant-TW", "x-private")]
    [True, True, True, True]
    >>> [well_formed_language_tag(t) for t in ("en-unitedkingdom", "welshlanguage", "en--gb")]
    [False, False, False]
    """
    return _BCP47.fullmatch(tag) is not None


def _line(text: str, *needles: str) -> str:
    """``:line`` of the first needle found in ``text`` (case-insensitively), else ``""``."""
    folded = text.lower()
    for needle in needles:
        offset = folded.find(needle.lower()) if needle else -1
        if offset >= 0:
            return f":{text.count(chr(10), 0, offset) + 1}"
    return ""


def _curie(iri: str) -> str:
    return iri.replace(str(XSD), "xsd:")


def literal_doubts(graph: Graph, text: str, where: str) -> list[DoubtfulInputWarning]:
    """The ill-typed literals and odd language tags of one file, in the file's order.

    ``text`` is the file's text, for line numbers; ``where`` names the file.

    >>> xsd = "http://www.w3.org/2001/XMLSchema#"
    >>> g = Graph().parse(data=f'<http://e/a> <http://e/p> "abc"^^<{xsd}integer> .', format="nt")
    >>> [str(d) for d in literal_doubts(g, "", "a.nt")]
    ['"abc" is not a valid xsd:integer (a.nt)']
    """
    found: list[tuple[str, DoubtfulInputWarning]] = []
    seen: set[Literal] = set()
    for _s, _p, obj in graph:
        if not isinstance(obj, Literal) or obj in seen:
            continue
        seen.add(obj)
        lex = str(obj)
        if obj.datatype is not None and ill_typed(obj):
            dtype = str(obj.datatype)
            line = _line(text, f'"{lex}"^^', f">{lex}<", f'"{lex}"', lex)
            message = f'"{lex}" is not a valid {_curie(dtype)}'
            found.append((line, DoubtfulInputWarning(message, location=where + line, action=KEPT)))
        tag = obj.language
        if tag and not well_formed_language_tag(tag):
            line = _line(text, f"@{tag}", f'lang="{tag}"', f'"{tag}"', tag)
            message = (
                f"the language tag '{tag}' is not well-formed BCP 47 (RFC 5646: subtags "
                "of 1 to 8 letters or digits, e.g. 'cy', 'en-GB')"
            )
            found.append((line, DoubtfulInputWarning(message, location=where + line, action=KEPT)))
    return [doubt for _, doubt in sorted(found, key=lambda pair: _line_number(pair[0]))]


def _line_number(line: str) -> int:
    return int(line[1:]) if line else 0


@dataclass(frozen=True)
class Loaded:
    """One user file as the import check sees it: its triples, text and name."""

    graph: Graph
    text: str
    where: str


def _imports(graph: Graph) -> list[tuple[Node, Node]]:
    return sorted(graph.subject_objects(OWL.imports), key=lambda pair: (str(pair[0]), str(pair[1])))


def import_doubts(
    files: Sequence[Loaded], alongside: Iterable[Graph] = ()
) -> list[DoubtfulInputWarning]:
    """The ``owl:imports`` of the user's ``files`` that are not followed, and import cycles.

    An import is satisfied when the ontology it names is declared (``a owl:Ontology``, or
    as an ``owl:versionIRI``) by one of ``files`` or of the graphs ``alongside`` (the
    shipped glossary): copro-kg never fetches one.

    >>> text = '<http://e/mine> <http://www.w3.org/2002/07/owl#imports> <http://e/other> .'
    >>> g = Graph().parse(data=text, format="nt")
    >>> [doubt] = import_doubts([Loaded(g, text, "a.nt")])
    >>> doubt.location, doubt.message
    ('a.nt:1', 'the ontology <http://e/other> named by owl:imports is not loaded')
    >>> doubt.action
    'not followed offline; add it with --data'
    """
    graphs = [f.graph for f in files] + list(alongside)
    declared: set[Node] = set()
    for graph in graphs:
        declared.update(graph.subjects(RDF.type, OWL.Ontology))
        declared.update(graph.objects(None, OWL.versionIRI))
    edges: dict[Node, list[Node]] = {}
    for graph in graphs:
        for ontology, target in _imports(graph):
            edges.setdefault(ontology, []).append(target)
    doubts: list[DoubtfulInputWarning] = []
    reported: set[frozenset[Node]] = set()
    for file in files:
        for ontology, target in _imports(file.graph):
            tail = re.split(r"[/#:]", str(target))[-1]
            needles = (f"<{target}>", f'"{target}"', str(target), f":{tail}", "imports")
            location = file.where + _line(file.text, *needles)
            if isinstance(target, Literal):
                message = f'owl:imports "{target}" names a file, not an ontology IRI'
                action = NOT_FOLLOWED
            elif target not in declared:
                message = f"the ontology <{target}> named by owl:imports is not loaded"
                action = NOT_FOLLOWED
            else:
                cycle = _cycle(edges, ontology, target)
                if cycle is None or frozenset(cycle) in reported:
                    continue
                reported.add(frozenset(cycle))
                path = " -> ".join(f"<{node}>" for node in [*cycle, cycle[0]])
                message = f"owl:imports cycle {path}"
                action = f"each ontology read once, {KEPT}"
            doubts.append(DoubtfulInputWarning(message, location=location, action=action))
    return doubts


def _cycle(edges: dict[Node, list[Node]], start: Node, first: Node) -> list[Node] | None:
    """The ontologies of an import cycle through the edge ``start -> first``, or None."""
    path = [start]
    stack: list[tuple[Node, list[Node]]] = [(first, [start, first])]
    seen: set[Node] = set()
    while stack:
        node, path = stack.pop()
        if node == start:
            return path[:-1]
        if node in seen or not isinstance(node, URIRef):
            continue
        seen.add(node)
        for nxt in edges.get(node, []):
            stack.append((nxt, [*path, nxt]))
    return None


def emit(doubts: Iterable[DoubtfulInputWarning]) -> None:
    """Issue each doubt as a warning (the CLI prints them; ``--strict`` raises the first)."""
    for doubt in doubts:
        warnings.warn(doubt, stacklevel=2)
