"""``copro-kg check``: one report for consistency, SHACL shapes and SKOS quality.

Three families of checks feed one :class:`Report` of :class:`Finding` objects; the
folders name them, and :data:`CHECK_MODULES` lists them in the order they run:

* ``owl`` (:mod:`~copro_kg.checks.owl`) -- OWL 2 RL inconsistencies found by the
  reasoner, each told in plain language, by label, with the glossary rule that is
  broken, quoted from the ontology's own distinction and criterion data.
* ``shacl`` (:mod:`~copro_kg.checks.shacl`) -- the editorial shapes of
  ``ontology/shapes.ttl``, run with pySHACL.
* ``skos`` (:mod:`~copro_kg.checks.skos`) -- the SKOS integrity conditions (S9, S13,
  S14, S27, S37, S46) and the common qSKOS quality issues, under qSKOS's own names.

Findings that the project has reviewed and accepts are listed, with the reason, in
``checks.toml`` (:mod:`~copro_kg.checks.exemptions`). To add a check, write it in the
family module it belongs to and add it to that module's ``CHECKS`` tuple.

>>> from rdflib import Graph
>>> report = check(Graph(), profile="skos")
>>> report.ok, len(report.checks)
(True, 23)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import RDF, SKOS

from copro_kg.checks import owl, shacl, skos
from copro_kg.checks.clashes import Clash, inconsistencies
from copro_kg.checks.exemptions import apply_exceptions, load_exceptions
from copro_kg.checks.model import CheckInfo, Exemption, Finding, Report, Term, term, triple_text
from copro_kg.checks.owl import OWL_RULES, owl_findings
from copro_kg.checks.registry import PROFILES, Check, CheckContext, CheckFunction
from copro_kg.checks.report import catalogue_text, render_json, render_text
from copro_kg.checks.shacl import shacl_findings
from copro_kg.errors import InputError
from copro_kg.export.common import MAIN_SCHEME
from copro_kg.export.skos import skos_profile

if TYPE_CHECKING:
    from copro_kg.reasoning.result import Reasoning

__all__ = [
    "CHECKS",
    "CHECK_MODULES",
    "OWL_RULES",
    "PROFILES",
    "Check",
    "CheckContext",
    "CheckInfo",
    "Clash",
    "Exemption",
    "Finding",
    "Report",
    "Term",
    "catalogue",
    "check",
    "exported_for_check",
    "inconsistencies",
    "load_exceptions",
    "owl_findings",
    "register",
    "render_catalogue",
    "render_json",
    "render_text",
    "shacl_findings",
    "term",
    "triple_text",
]

CHECK_MODULES: tuple[ModuleType, ...] = (owl, shacl, skos)
"""The check families, each with a ``CHECKS`` tuple, in the order they run."""

CHECKS: dict[str, Check] = {c.info.id: c for module in CHECK_MODULES for c in module.CHECKS}
"""Every check, by id, in the order they run."""


def register(info: CheckInfo) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator for a check of your own: add it to :data:`CHECKS` under ``info.id``.

    The shipped checks are listed in their modules instead (:data:`CHECK_MODULES`); this
    is the hook for a project's extra rules, which then run in every profile that
    ``info.profile`` selects.
    """

    def add(func: CheckFunction) -> CheckFunction:
        CHECKS[info.id] = Check(info, func)
        return func

    return add


def catalogue() -> list[CheckInfo]:
    """Every check there is, in the order ``check`` runs them."""
    return [c.info for c in CHECKS.values()]


def render_catalogue(fmt: str = "text") -> str:
    """The list of checks, as a text table or JSON (``copro-kg check --list-checks``)."""
    return catalogue_text(catalogue(), fmt)


def check(
    graph: Graph,
    *,
    profile: str = "all",
    exceptions: Sequence[Exemption] | None = None,
    reasoning: Reasoning | None = None,
    reasoner: Callable[[Graph], Reasoning] | None = None,
    shapes: Graph | None = None,
) -> Report:
    """Run the checks of ``profile`` over ``graph`` and return one report.

    Args:
        graph: the asserted triples to check (the shipped glossary plus user files).
        profile: ``all``, ``skos`` (SKOS conditions + qSKOS, over what the ``skos``
            export of ``graph`` contains: :func:`exported_for_check`), ``owl`` (reasoner
            inconsistencies) or ``shacl`` (``ontology/shapes.ttl``).
        exceptions: accepted findings; by default the shipped ``checks.toml``.
        reasoning: the reasoning result of ``graph`` when it is at hand (e.g. cached by
            :mod:`copro_kg.pipeline`), so the OWL checks do not reason again.
        reasoner: the function that reasons when ``reasoning`` is not given (default
            :func:`copro_kg.reasoning.reason`).
        shapes: a SHACL shapes graph (default :data:`copro_kg.resources.SHAPES_FILE`).

    Raises:
        InputError: unknown profile, or an unreadable exception list or shapes file.
    """
    if profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    checked = exported_for_check(graph) if profile == "skos" else graph
    if checked is not graph:
        reasoning, reasoner = None, None  # the SKOS checks never reason; nor over the export
    context = CheckContext(
        checked, reasoner=reasoner, shapes=shapes, profile=profile, reasoning=reasoning
    )
    selected = [c for c in CHECKS.values() if profile == "all" or c.info.profile == profile]
    findings = _dedupe([f for c in selected for f in c(context)])
    order = {c.info.id: i for i, c in enumerate(selected)}
    findings.sort(key=lambda f: (order.get(f.check, len(order)), f.check, f.terms, f.message))
    accepted = load_exceptions() if exceptions is None else list(exceptions)
    ran = {c.info.id for c in selected}
    findings, unused = apply_exceptions(findings, accepted, ran)
    if checked is not graph:
        # An exemption about a resource the export leaves out, or only names without
        # typing it (IAP2's "Empower"), has nothing to match there: not "unused", just
        # not in what was checked.
        present = {str(s) for s in checked.subjects(RDF.type, None)}
        unused = [e for e in unused if e.iris <= present]
    return Report(profile, [c.info for c in selected], findings, unused)


def exported_for_check(graph: Graph) -> Graph:
    """What ``check --profile skos`` reads: the ``skos`` export of ``graph`` -- what a
    taxonomy tool imports -- when ``graph`` holds the glossary's scheme, else ``graph``
    itself (a vocabulary of the user's own, ``--no-glossary``).

    The export is made by the export profile's own function
    (:func:`copro_kg.export.skos.skos_profile`), so a finding is never about a triple no
    export carries (issue 26: "checks what the export contains"); its ``warning:`` lines
    about what it leaves out are the export's own.
    """
    if (MAIN_SCHEME, RDF.type, SKOS.ConceptScheme) not in graph:
        return graph
    return skos_profile(graph, scheme=MAIN_SCHEME)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, tuple[Term, ...]]] = set()
    out = []
    for f in findings:
        key = (f.check, f.message, f.terms)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
