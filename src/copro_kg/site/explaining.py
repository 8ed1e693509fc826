"""How the site words an inferred link: for practitioners first, the derivation behind a switch.

A term page marks each link copro-kg worked out (issue 11: "the reasoner's explanation
for inferred links on each term page"). Practitioners read the glossary's language, not
rule codes and RDF (issue 30), so the page's "Why?" says which links, stated in the
glossary's data, the link rests on; the derivation tree of
:func:`copro_kg.reasoning.explain.explain` (each step with its OWL 2 RL rule, down to
asserted facts, the same words ``copro-kg explain`` and the graphs use) sits behind a
"technical detail" switch.

Both come from the explanation's structure (its :class:`~copro_kg.reasoning.explain.Step`
tree), not from its text: the stated links are the tree's leaves that join two terms
(a leaf about a relation itself, such as "'has synergy with' is symmetric", or about a
class, is the technical part).
"""

from __future__ import annotations

from typing import Any

from rdflib import BNode, Literal
from rdflib.namespace import OWL, RDF, RDFS

from copro_kg.site.records import Explain, Triple, Why

__all__ = ["SCHEMA_PREDICATES", "default_explainer", "why_of"]

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


def _between_terms(triple: Triple) -> bool:
    """Whether an asserted triple links two terms (not a statement about a relation or
    a class, and not a value)."""
    s, p, o = triple
    if p in SCHEMA_PREDICATES or isinstance(s, BNode) or isinstance(o, (BNode, Literal)):
        return False
    return not (p == RDF.type and str(o).startswith(str(OWL)))


def why_of(explanation: Any) -> Why | None:
    """The site's "Why?" of one :class:`~copro_kg.reasoning.explain.Explanation`.

    ``stated``: the sentences of the tree's leaves that link two terms, each once, in
    the order the tree meets them; ``technical``: the whole tree as text. None when the
    triple does not hold.
    """
    root = explanation.root
    if root is None:
        return None
    stated: list[str] = []
    stack = [root]
    while stack:
        step = stack.pop()
        if step.rule is None:
            if _between_terms(step.triple) and step.sentence not in stated:
                stated.append(step.sentence)
            continue
        stack.extend(reversed(step.premises))
    return Why(stated=tuple(stated), technical=explanation.text())


def default_explainer(result: Any) -> Explain | None:
    """The "Why?" of an inferred triple of ``result`` (see :func:`why_of`).

    None for a result that keeps no derivations (a plain :class:`~rdflib.Graph`): links
    are then marked inferred, unexplained. Never fails a build over an explanation: a
    link whose explanation cannot be had is still shown, marked inferred.
    """
    from copro_kg.reasoning.explain import explain
    from copro_kg.reasoning.result import Reasoning

    if not isinstance(result, Reasoning):
        return None

    def explain_one(triple: Triple) -> Why | None:
        try:
            if result.derivation(triple) is None:
                return None
            return why_of(explain(result, *triple))
        except Exception:  # an explanation is a nicety; the link itself is still shown
            return None

    return explain_one
