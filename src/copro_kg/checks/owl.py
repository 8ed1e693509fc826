"""Consistency: the OWL 2 RL inconsistency rules, one check each, one finding per cause.

The reasoner reports every clash, knock-on ones included. When a user's activity gives a
one-valued (functional) feature a second value -- a "Care plan review" stated to be
co-production while the organisation alone decides -- the two values follow to be the
same (``prp-fp``), and then every glossary example with one of those values clashes too,
and each value seems "different from itself". None of that is the user's problem to
read: :func:`owl_findings` keeps the clashes that do not merely follow through such an
inferred ``owl:sameAs`` (the root causes) and tells each once, in plain language, with
the glossary rule it breaks (:mod:`copro_kg.checks.clashes`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import OWL, SKOS
from rdflib.term import Node

from copro_kg.checks.clashes import Clash, ClashExplainer, inconsistencies
from copro_kg.checks.model import CheckInfo, Finding, Triple
from copro_kg.checks.registry import Check, CheckContext, CheckFunction
from copro_kg.engine.rules import RULES

if TYPE_CHECKING:
    from copro_kg.reasoning.result import Reasoning

__all__ = ["CHECKS", "OWL_RULES", "explain_inconsistencies", "owl_findings", "root_causes"]

OWL_RULES: dict[str, str] = {
    "cax-dw": "Disjoint classes share an individual",
    "cax-adc": "Pairwise disjoint classes share an individual",
    "cls-com": "Member of a class and of its complement",
    "eq-diff1": "Same and different at once",
    "eq-diff2": "Declared all different, yet the same",
    "eq-diff3": "Declared all distinct, yet the same",
    "cls-nothing2": "Member of owl:Nothing",
    "prp-pdw": "Disjoint properties used together",
    "prp-adp": "Pairwise disjoint properties used together",
    "prp-irp": "Irreflexive property used reflexively",
    "prp-asyp": "Asymmetric property used both ways",
    "prp-npa1": "Negative object property assertion violated",
    "prp-npa2": "Negative data property assertion violated",
    "cls-maxc1": "Maximum cardinality 0 exceeded",
    "cls-maxqc1": "Maximum qualified cardinality 0 exceeded",
    "cls-maxqc2": "Maximum qualified cardinality 0 exceeded",
    "dt-not-type": "Literal not valid for its datatype",
    "owlrl": "Inconsistency reported by owlrl",
}
"""The OWL 2 RL inconsistency rules (W3C OWL 2 Profiles §4.3), one check each."""

_SKOS_NS = str(SKOS)
_MAX_STEPS = 2000
"""How many derivation steps a clash is traced back through before it counts as a root."""


def owl_findings(context: CheckContext) -> list[Finding]:
    """Every OWL inconsistency as a plain-language finding, one per root cause.

    A clash whose triples only follow through a derived ``owl:sameAs`` is a consequence
    and is left out (:func:`root_causes`); the finding names the activity that caused
    it. Clashes of one activity on one feature (``cax-dw`` and ``eq-diff1`` say the same
    thing from two sides) become one finding. With profile ``all``, clashes of SKOS's own
    disjointness axioms are left to the SKOS checks, which report them under their names.
    """
    if "owl_findings" in context.memo:
        return list(context.memo["owl_findings"])
    reasoning = context.reasoned
    priority = {rule: i for i, rule in enumerate(OWL_RULES)}
    roots = sorted(
        root_causes(reasoning),
        key=lambda c: (priority.get(c.rule, len(priority)), [str(n) for _, n in c.roles]),
    )
    explainer = ClashExplainer(context.graph, reasoning.closure, OWL_RULES)
    seen: set[object] = set()
    findings = []
    for clash in roots:
        if context.profile == "all" and _skos_disjointness(clash):
            continue
        key, finding = explainer.explain(clash)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    context.memo["owl_findings"] = findings
    return findings


def explain_inconsistencies(reasoning: Reasoning, graph: Graph | None = None) -> list[Finding]:
    """The inconsistencies of ``reasoning`` as :func:`owl_findings` tells them.

    For ``copro-kg reason``, which reports inconsistencies without checking: names are
    read from ``graph`` (default: the asserted triples of ``reasoning``).
    """
    asserted = graph if graph is not None else reasoning.asserted
    return owl_findings(CheckContext(asserted, profile="owl", reasoning=reasoning))


def root_causes(reasoning: Reasoning) -> list[Clash]:
    """The clashes of ``reasoning`` that are not knock-on effects of another one.

    A lone clash is its own cause (and tracing it would run the engine for nothing on a
    cached result). When every clash looks consequential, all are kept: something is
    wrong, and saying nothing would hide it.
    """
    clashes = inconsistencies(reasoning)
    if len(clashes) < 2:
        return clashes
    return [c for c in clashes if not _consequential(reasoning, c)] or clashes


def _skos_disjointness(clash: Clash) -> bool:
    # S9/S37 (disjoint SKOS classes) and S27/S46 (disjoint SKOS properties) are
    # reported by the SKOS checks under their own names when those run too.
    if clash.rule in ("cax-dw", "cax-adc"):
        names = [clash.role("class"), clash.role("other class")]
    elif clash.rule in ("prp-pdw", "prp-adp"):
        names = [clash.role("property"), clash.role("other property")]
    else:
        return False
    return all(n is not None and str(n).startswith(_SKOS_NS) for n in names)


def _consequential(reasoning: Reasoning, clash: Clash) -> bool:
    """True when the clash only holds through an inferred owl:sameAs between two
    different terms -- other than the one the clash itself is about."""
    own: set[frozenset[Node]] = {
        frozenset((s, o)) for s, p, o in clash.triples if p in (OWL.sameAs, OWL.differentFrom)
    }
    if clash.rule.startswith("eq-diff") and any(s == o for s, _, o in clash.triples):
        # "x differentFrom x" restates another sameAs clash, unless someone asserted it.
        return any(_derived(reasoning, t) for t in clash.triples if t[0] == t[2])
    agenda = list(clash.triples)
    visited: set[Triple] = set()
    while agenda and len(visited) < _MAX_STEPS:
        triple = agenda.pop()
        if triple in visited:
            continue
        visited.add(triple)
        try:
            step = reasoning.derivation(triple)
        except KeyError:
            continue
        if step is None:
            continue
        s, p, o = triple
        if p == OWL.sameAs and s != o and frozenset((s, o)) not in own:
            return True
        agenda.extend(step.premises)
    return False


def _derived(reasoning: Reasoning, triple: Triple) -> bool:
    try:
        return reasoning.derivation(triple) is not None
    except KeyError:
        return False


def _rule_gloss(rule: str) -> str:
    # The engine's rule table says what each rule means, in words.
    found = RULES.get(rule)
    gloss = found.gloss if found else "the reference reasoner found the graph inconsistent"
    return gloss[:1].upper() + gloss[1:] + "."


def _findings_of(rule: str) -> CheckFunction:
    def run(context: CheckContext) -> list[Finding]:
        return [f for f in owl_findings(context) if f.check == rule]

    return run


CHECKS: tuple[Check, ...] = tuple(
    Check(
        CheckInfo(
            id=rule,
            title=title,
            profile="owl",
            reference=f"OWL 2 RL rule {rule}" if rule != "owlrl" else "OWL 2 RL (owlrl)",
            view="reasoned",
            description=_rule_gloss(rule),
        ),
        _findings_of(rule),
    )
    for rule, title in OWL_RULES.items()
)
"""One check per OWL 2 RL inconsistency rule, in :data:`OWL_RULES` order."""
