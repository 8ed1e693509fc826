"""The glossary's statements about a term, as its page shows them.

A term page quotes the glossary: its "How we know it's ..." criteria (``copro:Criterion``)
with any list a criterion introduces ("underpinned by the following 5 values", in the
glossary's order: ``copro:introduces`` and ``copro:listPosition``), its "It's not ...
because" distinctions (``copro:Distinction``), and the paragraphs of advice shown with it
(``copro:Passage``, ``copro:passageFor``: "Solving challenges together" on co-design and
co-production). Every sentence is shown whole, or after its lead-in, and once per page
(:func:`unshown`).

The functions read through :class:`Lookup`, the small part of the site's reader they need
(:class:`copro_kg.site.model` provides it), so they can be tried on any graph.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Protocol

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS
from rdflib.term import Node

from copro_kg.namespace import COPRO
from copro_kg.site.records import Distinction, Link, Passage, Term, fold, sentence_case

__all__ = ["Lookup", "criteria", "distinctions", "passages", "statement_texts", "unshown"]

CRITERION_FOR = COPRO.criterionFor
DISTINCTION_OF = COPRO.distinctionOf
DISTINGUISHED_FROM = COPRO.distinguishedFrom
GLOSSARY_TEXT = COPRO.glossaryText
GLOSSARY_SECTION = COPRO.glossarySection
INTRODUCES = COPRO.introduces
PASSAGE = COPRO.Passage
PASSAGE_FOR = COPRO.passageFor

# "How we know it's information: communication goes one way" -> the part after the colon
# (the page's heading already says "How we know it's information").
_HOW_WE_KNOW = re.compile(r"^\s*how we know it\W?s [^:]*:\s*", re.IGNORECASE)
# "It's not consultation because: the questions ..." -> "the questions ..."
_NOT_BECAUSE = re.compile(r"^\s*it\W?s not [^:]*because:?\s*", re.IGNORECASE)


class Lookup(Protocol):
    """What the statement readers need of the site's reader over the closure."""

    closure: Graph
    slugs: dict[URIRef, str]

    def link(self, subject: Node, prop: URIRef, target: Node) -> Link | None: ...

    def position(self, node: Node) -> int | None: ...

    def text(self, node: Node, *props: URIRef, plain: bool = False) -> str | None: ...

    def source(self, node: Node) -> tuple[str | None, str | None]: ...


def statement_texts(r: Lookup, prop: URIRef, concept: URIRef) -> set[str]:
    """The glossary texts of the statements (criteria, distinctions) ``prop`` ``concept``."""
    return {
        str(t)
        for node in r.closure.subjects(prop, concept)
        for t in r.closure.objects(node, GLOSSARY_TEXT)
    }


def _items(r: Lookup, node: Node) -> tuple[Link, ...]:
    """The list a sentence introduces (``copro:introduces``), in the glossary's order."""
    found = (r.link(node, INTRODUCES, item) for item in r.closure.objects(node, INTRODUCES))
    return tuple(sorted((k for k in found if k is not None), key=lambda k: k.sort_key))


def criteria(
    r: Lookup, concept: URIRef, shown: Collection[str] = ()
) -> tuple[list[Passage], list[Passage]]:
    """The term's criteria (``copro:Criterion``), each with its text and the list it
    introduces: the glossary's own "How we know it's X:" sentences (a page shows these
    under that heading, which the glossary gives for four terms only), then the others
    (the figure's statements for a group, and our readings, with their reason).

    A criterion whose sentence is one of ``shown`` (the term's "It's not ... because"
    distinctions, shown with their lead-in) is not repeated here.
    """
    own: dict[str, Passage] = {}
    other: dict[str, Passage] = {}
    for criterion in sorted(r.closure.subjects(CRITERION_FOR, concept), key=str):
        text = r.text(criterion, GLOSSARY_TEXT, RDFS.comment)
        if not text or text in shown:
            continue
        label, url = r.source(criterion)
        body = sentence_case(_HOW_WE_KNOW.sub("", text, count=1))
        reason = " ".join(str(t) for t in r.closure.objects(criterion, COPRO.ourReading))
        passage = Passage(body, label, url, items=_items(r, criterion), ours=reason)
        # two criteria may quote one sentence
        (other if body == text else own).setdefault(passage.text, passage)
    return list(own.values()), list(other.values())


def passages(r: Lookup, concept: URIRef) -> list[Passage]:
    """The glossary's paragraphs of advice shown with this term (``copro:passageFor``),
    in the glossary's order, each with the other terms it is shown with."""
    out = []
    for node in r.closure.subjects(PASSAGE_FOR, concept):
        text = r.text(node, GLOSSARY_TEXT)
        if text is None or (node, RDF.type, PASSAGE) not in r.closure:
            continue
        label, url = r.source(node)
        others = (r.link(node, PASSAGE_FOR, t) for t in r.closure.objects(node, PASSAGE_FOR))
        links = sorted(
            (k for k in others if k and k.slug != r.slugs[concept]), key=lambda k: k.sort_key
        )
        section = r.text(node, GLOSSARY_SECTION)
        out.append(
            (
                r.position(node) or 0,
                section or "",
                Passage(text, label, url, section, links=tuple(links)),
            )
        )
    return [p for *_, p in sorted(out, key=lambda t: (t[0], t[1]))]


def unshown(term: Term, notes: list[str]) -> list[str]:
    """``notes`` less those the page already shows whole (a criterion, a distinction,
    a passage or the definition), so no sentence appears twice on one page."""
    shown = [p.text for p in [*term.how_we_know, *term.criteria, *term.passages]]
    shown += [d.reason for d in term.distinctions]
    if term.definition is not None:
        shown.append(term.definition.text)
    flat = [" ".join(s.split()) for s in shown]
    return [n for n in notes if not any(" ".join(n.split()) in s for s in flat)]


def distinctions(r: Lookup, concept: URIRef) -> list[Distinction]:
    """The glossary's "It's not OTHER because ..." statements (``copro:Distinction``)."""
    out = []
    for node in sorted(r.closure.subjects(DISTINCTION_OF, concept), key=str):
        text = r.text(node, GLOSSARY_TEXT, RDFS.comment)
        for other in sorted(r.closure.objects(node, DISTINGUISHED_FROM), key=str):
            link = r.link(node, DISTINGUISHED_FROM, other)
            if text and link is not None:
                link = Link(link.slug, link.label, label_cy=link.label_cy)  # a fact, not inferred
                reason = _NOT_BECAUSE.sub("", text, count=1)
                out.append(Distinction(link, reason, because=reason != text))
    return sorted(out, key=lambda d: fold(d.other.label))
