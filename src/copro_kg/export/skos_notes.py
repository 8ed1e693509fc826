"""The glossary's text as SKOS notes: distinctions and tests as scope notes, quotations
attributed, no heading as a note.

The ontology keeps the glossary's words in properties of its own (``copro:quote``,
``copro:glossarySection``) and in individuals (``copro:Distinction``, ``copro:Criterion``)
that a SKOS tool never reads. The ``skos`` profile writes them as SKOS notes on the
concept they are about:

* every "It's not ... because ..." distinction and every "How we know it's ..." test
  (a criterion with the glossary's sentence) becomes a ``skos:scopeNote`` of its term,
  verbatim (the concept's ``dcterms:source`` is the glossary);
* a quotation (``copro:quote``) becomes a ``skos:note`` that names who said it: the
  spectrum figure's speech bubble, the body the glossary quotes (``copro:quotedSource``),
  or the pages the glossary cites for it (``rdfs:seeAlso``);
* the heading a statement was quoted under (``copro:glossarySection``) is not a note.

>>> from copro_kg import load
>>> from copro_kg.namespace import COPRO
>>> from rdflib import Graph
>>> g = load(); out = Graph()
>>> add_notes(g, out, {COPRO.participation})
>>> any("It’s not consultation because" in str(n) for n in out.objects(None, SKOS.scopeNote))
True
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import BASE, COPRO
from copro_kg.vocab.labels import label

__all__ = ["NOT_NOTES", "add_notes", "attributed_quote"]

NOT_NOTES = frozenset({COPRO.glossarySection, COPRO.quote})
"""Sub-properties of ``skos:note`` that the profile does not write as plain notes: a
heading is not a note, and a quotation is written with its attribution instead."""

_TEXTS = (SKOS.definition, SKOS.scopeNote, SKOS.note, SKOS.example)
_FIGURE = "the glossary’s engagement spectrum figure (speech bubble)"


def add_notes(graph: Graph, out: Graph, concepts: set[Node]) -> None:
    """Add the scope notes and attributed quotations of ``concepts`` to ``out``."""
    quotes = {str(q) for q in graph.objects(None, COPRO.quote)}
    for kind, about in (
        (COPRO.Distinction, COPRO.distinctionOf),
        (COPRO.Criterion, COPRO.criterionFor),
    ):
        for statement in graph.subjects(RDF.type, kind):
            for concept in graph.objects(statement, about):
                if concept not in concepts:
                    continue
                said = {str(t) for p in _TEXTS for t in graph.objects(concept, p)}
                for text in graph.objects(statement, COPRO.glossaryText):
                    # A quotation the glossary uses as a test is written once, attributed.
                    if str(text) not in said and str(text) not in quotes:
                        out.add((concept, SKOS.scopeNote, text))
    for concept in concepts:
        for quote in graph.objects(concept, COPRO.quote):
            out.add((concept, SKOS.note, attributed_quote(graph, concept, quote)))


def attributed_quote(graph: Graph, concept: Node, quote: Node) -> Literal:
    """``“quote” -- quoted in the glossary from <who>``, in the quote's language.

    >>> from copro_kg import load
    >>> g = load()
    >>> print(attributed_quote(g, COPRO.nccpe, Literal("x", lang="en")))
    “x” — quoted in the Engagement and co-production glossary
    """
    language = quote.language if isinstance(quote, Literal) else None
    return Literal(f"“{quote}” — {_source(graph, concept, quote)}", lang=language)


def _source(graph: Graph, concept: Node, quote: Node) -> str:
    levels = set(graph.subjects(RDF.type, COPRO.SpectrumLevel))
    shared = any(other != concept and (other, COPRO.quote, quote) in graph for other in levels)
    bodies = sorted(label(graph, b) for b in graph.objects(concept, COPRO.quotedSource))
    if concept in levels and (shared or not bodies):
        return _FIGURE
    if bodies:
        return "quoted in the Engagement and co-production glossary from " + ", ".join(bodies)
    pages = sorted(
        str(p)
        for p in graph.objects(concept, RDFS.seeAlso)
        if isinstance(p, URIRef) and not str(p).startswith(BASE)
    )
    if pages:
        return "quoted in the Engagement and co-production glossary from " + ", ".join(pages)
    return "quoted in the Engagement and co-production glossary"
