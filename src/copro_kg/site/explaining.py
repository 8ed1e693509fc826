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
(:mod:`copro_kg.reasoning.plain`; a leaf about a relation itself, such as "'has synergy
with' is symmetric", or about a class, is the technical part).
"""

from __future__ import annotations

from typing import Any

from copro_kg.reasoning.plain import stated_links
from copro_kg.site.records import Explain, Triple, Why

__all__ = ["default_explainer", "why_of"]


def why_of(explanation: Any) -> Why | None:
    """The site's "Why?" of one :class:`~copro_kg.reasoning.explain.Explanation`.

    ``stated``: the sentences of the tree's leaves that link two terms, each once, in
    the order the tree meets them (:func:`copro_kg.reasoning.plain.stated_links`, the
    words the graphs' pop-ups use too); ``technical``: the whole tree as text. None when
    the triple does not hold.
    """
    if explanation.root is None:
        return None
    return Why(stated=stated_links(explanation), technical=explanation.text())


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
