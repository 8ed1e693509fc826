"""OWL 2 RL reasoning over the glossary graph (placeholder adapter over owlrl).

The reasoner issue replaces this with the full engine; the public signature stays.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal

from .namespace import bind_prefixes

__all__ = ["Reasoning", "reason"]


@dataclass
class Reasoning:
    """The outcome of reasoning: the closure, what was new, and any inconsistencies."""

    asserted: Graph
    closure: Graph
    inferred: Graph
    errors: list[str] = field(default_factory=list)


def reason(graph: Graph) -> Reasoning:
    """Materialise the OWL 2 RL closure of ``graph`` without changing it."""
    import owlrl

    closure = bind_prefixes(Graph())
    closure += graph
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closure)
    inferred = bind_prefixes(Graph())
    for triple in list(closure):
        if isinstance(triple[0], Literal):  # generalised RDF: not writable as RDF 1.1
            closure.remove(triple)
        elif triple not in graph:
            inferred.add(triple)
    return Reasoning(asserted=graph, closure=closure, inferred=inferred)
