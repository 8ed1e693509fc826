"""An inferred link in practitioners' words: what it rests on and how, no rule code, no RDF.

Practitioners read the glossary's language; rule codes and RDF terms stay behind a
"technical detail" switch (issue 30). :func:`copro_kg.reasoning.explain.explain` gives the
analysts' tree, each step with its OWL 2 RL rule code. From the same tree -- its structure,
not its text -- this module takes:

* :func:`stated_links`: the tree's leaves that join two terms, the links stated in the data
  that the inference rests on (a leaf about a relation itself, such as "'has synergy with'
  is symmetric", or about a class, is technical detail);
* :func:`rule_glosses`: what each rule used says, in the engine's table of rule wordings
  (:data:`copro_kg.engine.rules.RULES`, the same words ``copro-kg explain`` prints beside
  each code), each once;
* :func:`plain_words`: both as one text, what a graph's pop-up shows for a dashed link.

The site's term pages show :func:`stated_links` under "Why?"; :func:`link_words` gives a
graph edge both texts from one explanation.

>>> from rdflib import Graph
>>> from copro_kg.reasoning import reason
>>> from copro_kg.reasoning.explain import explain
>>> g = Graph().parse(format="turtle", data='''
... @prefix owl: <http://www.w3.org/2002/07/owl#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix ex: <urn:ex:> .
... ex:partOf a owl:TransitiveProperty ; rdfs:label "is part of" .
... ex:a rdfs:label "co-planning" ; ex:partOf ex:b .
... ex:b rdfs:label "co-production" ; ex:partOf ex:c .
... ex:c rdfs:label "engagement" .
... ''')
>>> why = explain(reason(g, cache=False), "co-planning", "is part of", "engagement")
>>> print(why.text())  # the analysts' tree  # doctest: +ELLIPSIS
co-planning is part of engagement  [prp-trp: a transitive relation carries over along ...]
  'is part of' is transitive  (asserted)
  co-planning is part of co-production  (asserted)
  co-production is part of engagement  (asserted)
>>> import textwrap
>>> print(textwrap.fill(plain_words(why), 80))  # the practitioners' words
Worked out from: co-planning is part of co-production; co-production is part of
engagement. How: a transitive relation carries over along a chain of links.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import BNode, Literal
from rdflib.namespace import OWL, RDF, RDFS

from copro_kg.engine.rules import RULES, Triple
from copro_kg.reasoning.explain import Explanation, Step, explain
from copro_kg.reasoning.result import Reasoning

__all__ = [
    "SCHEMA_PREDICATES",
    "LinkWords",
    "link_words",
    "plain_words",
    "rule_glosses",
    "stated_links",
]

SCHEMA_PREDICATES = frozenset(
    {
        RDFS.subClassOf,
        RDFS.subPropertyOf,
        RDFS.domain,
        RDFS.range,
        OWL.inverseOf,
        OWL.equivalentClass,
        OWL.equivalentProperty,
        OWL.propertyChainAxiom,
        OWL.disjointWith,
        OWL.propertyDisjointWith,
        OWL.intersectionOf,
        OWL.unionOf,
        OWL.oneOf,
        OWL.onProperty,
        OWL.hasValue,
        OWL.someValuesFrom,
        OWL.allValuesFrom,
    }
)
"""Predicates of statements about the vocabulary (relations and classes), not about
terms: a leaf with one of these is technical detail."""

LinkWords = Callable[[Triple], tuple[str, str] | None]
"""For an inferred triple: (its plain words, its derivation with rule codes), or None."""


def _between_terms(triple: Triple) -> bool:
    """Whether an asserted triple links two terms (not a statement about a relation or
    a class, and not a value)."""
    s, p, o = triple
    if p in SCHEMA_PREDICATES or isinstance(s, BNode) or isinstance(o, (BNode, Literal)):
        return False
    return not (p == RDF.type and str(o).startswith(str(OWL)))


def _steps(explanation: Explanation) -> list[Step]:
    """The tree's steps, root first, depth first, in the order the tree shows them."""
    out: list[Step] = []
    stack = [explanation.root] if explanation.root is not None else []
    while stack:
        step = stack.pop()
        out.append(step)
        stack.extend(reversed(step.premises))
    return out


def stated_links(explanation: Explanation) -> tuple[str, ...]:
    """The sentences of the tree's leaves that link two terms, each once, in the order
    the tree meets them (empty when the triple does not hold)."""
    stated: list[str] = []
    for step in _steps(explanation):
        if step.rule is None and _between_terms(step.triple) and step.sentence not in stated:
            stated.append(step.sentence)
    return tuple(stated)


def rule_glosses(explanation: Explanation) -> tuple[str, ...]:
    """What each rule of the tree says (the engine's wording, never its code), each once,
    root first."""
    glosses: list[str] = []
    for step in _steps(explanation):
        if step.rule is not None and RULES[step.rule].gloss not in glosses:
            glosses.append(RULES[step.rule].gloss)
    return tuple(glosses)


def plain_words(explanation: Explanation) -> str:
    """Why the link holds, for practitioners: the stated links it rests on and what the
    rules used say, in one line; empty when the triple does not hold."""
    if explanation.root is None:
        return ""
    stated = stated_links(explanation)
    text = (
        f"Worked out from: {'; '.join(stated)}."
        if stated
        else "Worked out from how the glossary's kinds of link relate."
    )
    glosses = rule_glosses(explanation)
    return f"{text} How: {'; '.join(glosses)}." if glosses else text


def link_words(result: object) -> LinkWords | None:
    """For an inferred triple of ``result``: :func:`plain_words` and the brief derivation
    text (:meth:`~copro_kg.reasoning.explain.Explanation.text`), from one explanation.
    None when ``result`` keeps no derivations (a plain :class:`~rdflib.Graph`)."""
    if not isinstance(result, Reasoning):
        return None

    def words(triple: Triple) -> tuple[str, str] | None:
        if result.derivation(triple) is None:
            return None
        explanation = explain(result, *triple)
        return plain_words(explanation), explanation.text(brief=True)

    return words
