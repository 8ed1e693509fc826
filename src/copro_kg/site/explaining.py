"""How the site words an inferred link: the reasoner's derivation, as text.

A term page marks each link the reasoner added and explains it (issue 11: "the
reasoner's explanation for inferred links on each term page"). The words come from the
derivation tree, worded once for the site and the graphs by
:func:`copro_kg.reasoning.explain.explain_link`.
"""

from __future__ import annotations

import re
from typing import Any

from rdflib import BNode, Graph
from rdflib import Literal as RdfLiteral
from rdflib.namespace import RDFS, SKOS

from copro_kg.reasoning.explain import link_explainer
from copro_kg.site.records import Explain

__all__ = ["default_explainer", "describe_derivation"]


def default_explainer(result: Any) -> Explain | None:
    """The reasoner's explanation of an inferred triple, as text lines.

    The one wording of an inferred link, shared with the graphs:
    :func:`copro_kg.reasoning.explain.explain_link` (each step: the fact in words and the
    OWL 2 RL rule that gave it, down to asserted facts). None for a result that keeps no
    derivations. Never fails a build over an explanation: a link whose explanation
    cannot be had is still shown, marked inferred.
    """
    explain_link = link_explainer(result)
    if explain_link is None:
        return None

    def explain(triple: Any) -> str | None:
        try:
            return explain_link(triple)
        except Exception:  # an explanation is a nicety; the link itself is still shown
            return None

    return explain


def describe_derivation(found: Any, graph: Graph) -> str:
    """One derivation step in words: what the rule says, and the facts it used.

    >>> from types import SimpleNamespace as NS
    >>> from rdflib import URIRef
    >>> a, p, b = URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")
    >>> describe_derivation(NS(rule="prp-symp", gloss="it works both ways",
    ...     premises=((a, p, b),), conclusion=(b, p, a)), Graph())
    'The reasoner applied rule prp-symp (it works both ways) to: a p b.'
    """

    def name(node: Any) -> str:
        if isinstance(node, BNode):
            return "a class expression"
        for prop in (SKOS.prefLabel, RDFS.label):
            for value in sorted(graph.objects(node, prop), key=str):
                if isinstance(value, RdfLiteral) and value.language in ("en", None):
                    return str(value)
        return re.split(r"[#/:]", str(node).rstrip("/#"))[-1] or str(node)

    facts = "; ".join(" ".join(name(t) for t in premise) for premise in found.premises)
    gloss = getattr(found, "gloss", "")
    rule = f"rule {found.rule}" + (f" ({gloss})" if gloss else "")
    return f"The reasoner applied {rule} to: {facts}."
