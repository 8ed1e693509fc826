"""``copro-kg check``: one report for consistency, SHACL shapes and SKOS quality.

Three families of checks feed one :class:`Report` of :class:`Finding` objects:

* ``owl`` -- OWL 2 RL inconsistencies found by the reasoner (disjoint classes sharing an
  individual, a functional feature with two values, ``owl:Nothing`` members, sameAs vs
  differentFrom). Each is told in plain language, by label, and names the glossary rule
  that is broken, quoted from the ontology's own distinction and criterion data.
* ``shacl`` -- the editorial shapes of ``ontology/shapes.ttl``, run with pySHACL.
* ``skos`` -- the SKOS integrity conditions (S9, S13, S14, S27, S37, S46) and the common
  qSKOS quality issues, under qSKOS's own names (:mod:`copro_kg.checks.skos`).

Findings that the project has reviewed and accepts are listed, with the reason, in
``checks.toml`` (shipped in the package; ``exceptions=`` adds more). An accepted finding
is still shown -- as ``accepted: reason`` -- but does not fail the check.

>>> from rdflib import Graph
>>> report = check(Graph(), profile="skos")
>>> report.ok
True
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, Literal, Protocol

from rdflib import BNode, Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.namespace import COPRO
from copro_kg.vocab.labels import label

__all__ = [
    "CHECKS",
    "OWL_RULES",
    "PROFILES",
    "CheckContext",
    "CheckInfo",
    "Clash",
    "Exemption",
    "Finding",
    "Report",
    "Term",
    "catalogue",
    "check",
    "inconsistencies",
    "label_of",
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

Profile = Literal["all", "skos", "owl", "shacl"]
PROFILES: tuple[str, ...] = ("all", "skos", "owl", "shacl")
"""The values of ``check(profile=...)`` and ``copro-kg check --profile``."""

Severity = Literal["error", "warning", "info"]
Triple = tuple[Node, Node, Node]


# --------------------------------------------------------------------------- model


@dataclass(frozen=True, order=True)
class Term:
    """A resource named in a finding: its label (for people) and its IRI (to look up)."""

    label: str
    iri: str

    def __str__(self) -> str:
        return f"'{self.label}' <{self.iri}>" if self.label != self.iri else f"<{self.iri}>"


@dataclass(frozen=True)
class CheckInfo:
    """What one check tests and where its name comes from, so users can look it up.

    ``reference`` names the catalogue the check comes from: a qSKOS issue (name and
    code), a W3C SKOS integrity condition (S-number), an OWL 2 RL rule, or SHACL.
    ``view`` says which triples it reads: ``asserted`` (what the files state),
    ``skos-entailed`` (stated triples plus SKOS's own semantics: sub-properties,
    inverses, symmetry, transitivity), or ``reasoned`` (the OWL 2 RL closure).
    """

    id: str
    title: str
    profile: str
    reference: str
    view: str
    description: str
    severity: Severity = "error"


@dataclass(frozen=True)
class Finding:
    """One problem found by one check.

    Attributes:
        check: the check's id (``orphan-concepts``, ``cax-dw``, ``shacl:ConceptShape``).
        severity: ``error`` or ``warning`` (both fail ``copro-kg check`` unless accepted).
        message: a plain-language sentence naming every resource by label.
        terms: the resources concerned, by label and IRI.
        rule: the glossary rule that is broken, quoted from the ontology (OWL findings).
        rule_source: where ``rule`` comes from (the concept and the kind of statement).
        triples: the clashing triples, as N-Triples-ish strings, for machines.
        accepted: the reason from ``checks.toml`` when the project accepts the finding.
    """

    check: str
    severity: Severity
    message: str
    terms: tuple[Term, ...] = ()
    rule: str | None = None
    rule_source: str | None = None
    triples: tuple[tuple[str, str, str], ...] = ()
    accepted: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The finding as JSON-ready data (``copro-kg check --format json``)."""
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "terms": [{"label": t.label, "iri": t.iri} for t in self.terms],
            "rule": self.rule,
            "rule_source": self.rule_source,
            "triples": [list(t) for t in self.triples],
            "accepted": self.accepted,
        }


@dataclass(frozen=True)
class Exemption:
    """One accepted finding from ``checks.toml``: a check id, the IRIs, and why.

    An exception matches a finding of the same check whose resources are exactly
    ``iris`` (order does not matter).
    """

    check: str
    iris: frozenset[str]
    reason: str
    source: str = "checks.toml"
    export_only: bool = False
    """Fires only on a SKOS export (``export_only = true``), never on the glossary itself,
    so it is not reported as unused there."""

    def matches(self, finding: Finding) -> bool:
        """Whether this exception accepts ``finding``."""
        return finding.check == self.check and frozenset(t.iri for t in finding.terms) == self.iris


@dataclass
class Report:
    """Everything one ``check`` run found, in a stable order."""

    profile: str
    checks: list[CheckInfo]
    findings: list[Finding] = field(default_factory=list)
    unused_exceptions: list[Exemption] = field(default_factory=list)

    @property
    def failures(self) -> list[Finding]:
        """The findings that are not accepted (nor merely ``info``): any fails the check."""
        return [f for f in self.findings if f.accepted is None and f.severity != "info"]

    @property
    def ok(self) -> bool:
        """True when every finding (if any) is accepted."""
        return not self.failures

    def by_check(self) -> dict[str, list[Finding]]:
        """Findings grouped by check id, in the order the checks ran."""
        groups: dict[str, list[Finding]] = {info.id: [] for info in self.checks}
        for finding in self.findings:
            groups.setdefault(finding.check, []).append(finding)
        return {k: v for k, v in groups.items() if v}

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data."""
        return {
            "profile": self.profile,
            "ok": self.ok,
            "counts": {
                "findings": len(self.findings),
                "failures": len(self.failures),
                "accepted": len(self.findings) - len(self.failures),
                "checks": len(self.checks),
            },
            "checks": [
                {
                    "id": c.id,
                    "title": c.title,
                    "profile": c.profile,
                    "reference": c.reference,
                    "view": c.view,
                    "description": c.description,
                    "findings": sum(1 for f in self.findings if f.check == c.id),
                }
                for c in self.checks
            ],
            "findings": [f.to_dict() for f in self.findings],
            "unused_exceptions": [
                {"check": e.check, "iris": sorted(e.iris), "reason": e.reason}
                for e in self.unused_exceptions
            ],
        }


# --------------------------------------------------------------------------- labels


def label_of(graph: Graph, node: Node) -> str:
    """The best human label of ``node`` (:func:`copro_kg.vocab.labels.label`); a literal's text.

    >>> from rdflib import Graph, URIRef
    >>> from copro_kg.namespace import bind_prefixes
    >>> label_of(bind_prefixes(Graph()), URIRef("https://w3id.org/copro-kg/co-design"))
    'copro:co-design'
    """
    if isinstance(node, RDFLiteral):
        return str(node)
    return label(graph, node)


def term(graph: Graph, node: Node) -> Term:
    """A :class:`Term` for ``node``: its label in ``graph`` and its IRI."""
    iri = f"_:{node}" if isinstance(node, BNode) else str(node)
    return Term(label=label_of(graph, node), iri=iri)


def _n3(graph: Graph, node: Node) -> str:
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # pragma: no cover -- n3 of odd literals; fall back to str
        return str(node)


def triple_text(graph: Graph, triple: Triple) -> tuple[str, str, str]:
    """A triple as three short strings (CURIEs where a prefix is bound)."""
    s, p, o = triple
    return (_n3(graph, s), _n3(graph, p), _n3(graph, o))


# --------------------------------------------------------------------------- registry

CheckFunction = Callable[["CheckContext"], Iterable[Finding]]


@dataclass
class _Registered:
    info: CheckInfo
    run: CheckFunction


CHECKS: dict[str, _Registered] = {}
"""Every check, by id, in the order they run (filled by :func:`register`)."""


def register(info: CheckInfo) -> Callable[[CheckFunction], CheckFunction]:
    """Decorator: add a check function to :data:`CHECKS` under ``info.id``."""

    def decorate(func: CheckFunction) -> CheckFunction:
        CHECKS[info.id] = _Registered(info, func)
        return func

    return decorate


class Reasoned(Protocol):
    """What the checks need from a reasoning result (``copro_kg.reasoning.result.Reasoning``)."""

    @property
    def closure(self) -> Graph: ...


@dataclass
class CheckContext:
    """The graph under check, and its reasoned closure made once, on demand."""

    graph: Graph
    reasoner: Callable[[Graph], Reasoned] | None = None
    shapes: Graph | None = None
    profile: str = "all"
    memo: dict[str, Any] = field(default_factory=dict)
    """Results shared between checks of one run (the SKOS view, the OWL findings)."""
    _reasoned: Reasoned | None = None

    @property
    def reasoned(self) -> Reasoned:
        """The reasoning result (computed on first use, then kept)."""
        if self._reasoned is None:
            reasoner = self.reasoner
            if reasoner is None:
                from copro_kg.reasoning.result import reason

                reasoner = reason
            self._reasoned = reasoner(self.graph)
        return self._reasoned


# --------------------------------------------------------------------------- exceptions

DEFAULT_EXCEPTIONS = "checks.toml"


def load_exceptions(path: str | Path | None = None) -> list[Exemption]:
    """Read an exception list (``checks.toml`` format); the shipped one when ``path`` is None.

    The format is a list of ``[[accept]]`` tables::

        [[accept]]
        check = "orphan-concepts"
        iris = ["https://w3id.org/copro-kg/foo"]
        reason = "why the project accepts it"

    Raises:
        InputError: the file is missing, not TOML, or an entry lacks check/iris/reason.
    """
    if path is None:
        text = (
            importlib_resources.files("copro_kg.checks")
            .joinpath(DEFAULT_EXCEPTIONS)
            .read_text("utf-8")
        )
        where = DEFAULT_EXCEPTIONS
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as err:
            raise InputError("file not found", location=where) from err
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read the exception list: {err}", location=where) from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"invalid TOML: {err}", location=where) from err
    entries = data.get("accept", [])
    if not isinstance(entries, list):
        raise InputError("'accept' must be a list of [[accept]] tables", location=where)
    result = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise InputError(f"[[accept]] entry {number} is not a table", location=where)
        check_id, iris, reason = entry.get("check"), entry.get("iris"), entry.get("reason")
        if (
            not isinstance(check_id, str)
            or not isinstance(reason, str)
            or not reason.strip()
            or not isinstance(iris, list)
            or not all(isinstance(i, str) for i in iris)
        ):
            raise InputError(
                f"[[accept]] entry {number} needs check (text), iris (list of IRIs) and a "
                "non-empty reason",
                location=where,
            )
        export_only = bool(entry.get("export_only", False))
        result.append(Exemption(check_id, frozenset(iris), reason.strip(), where, export_only))
    return result


def _apply_exceptions(
    findings: list[Finding], exceptions: Sequence[Exemption], ran: set[str]
) -> tuple[list[Finding], list[Exemption]]:
    used: set[int] = set()
    out = []
    for finding in findings:
        for index, exc in enumerate(exceptions):
            if exc.matches(finding):
                finding = replace(finding, accepted=exc.reason)
                used.add(index)
                break
        out.append(finding)
    unused = [
        e
        for i, e in enumerate(exceptions)
        if i not in used and not e.export_only and _check_ran(e.check, ran)
    ]
    return out, unused


def _check_ran(check_id: str, ran: set[str]) -> bool:
    return check_id in ran or (check_id.startswith("shacl:") and "shacl" in ran)


# --------------------------------------------------------------------------- the entry point


def check(
    graph: Graph,
    *,
    profile: str = "all",
    exceptions: Sequence[Exemption] | None = None,
    reasoner: Callable[[Graph], Reasoned] | None = None,
    shapes: Graph | None = None,
) -> Report:
    """Run the checks of ``profile`` over ``graph`` and return one report.

    Args:
        graph: the asserted triples to check (the shipped glossary plus user files).
        profile: ``all``, ``skos`` (SKOS conditions + qSKOS), ``owl`` (reasoner
            inconsistencies) or ``shacl`` (``ontology/shapes.ttl``).
        exceptions: accepted findings; by default the shipped ``checks.toml``.
        reasoner: the function that reasons (default :func:`copro_kg.reasoning.result.reason`).
        shapes: a SHACL shapes graph (default :data:`copro_kg.resources.SHAPES_FILE`).

    Raises:
        InputError: unknown profile, or an unreadable exception list or shapes file.
    """
    if profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    from copro_kg.checks import skos as skos_quality  # noqa: F401 -- importing it registers the SKOS checks

    context = CheckContext(graph, reasoner=reasoner, shapes=shapes, profile=profile)
    selected = [r for r in CHECKS.values() if profile == "all" or r.info.profile == profile]
    findings: list[Finding] = []
    ran: set[str] = set()
    for registered in selected:
        ran.add(registered.info.id)
        findings.extend(registered.run(context))
    findings = _dedupe(findings)
    order = {r.info.id: i for i, r in enumerate(selected)}
    findings.sort(key=lambda f: (order.get(f.check, len(order)), f.check, f.terms, f.message))
    accepted = load_exceptions() if exceptions is None else list(exceptions)
    findings, unused = _apply_exceptions(findings, accepted, ran)
    return Report(profile, [r.info for r in selected], findings, unused)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[str, str, tuple[Term, ...]]] = set()
    out = []
    for f in findings:
        key = (f.check, f.message, f.terms)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# --------------------------------------------------------------------------- rendering


def render_text(report: Report) -> str:
    """The human report: findings grouped by check, then one count line.

    >>> from rdflib import Graph
    >>> render_text(check(Graph(), profile="skos")).splitlines()[-1]
    'ok: 0 findings from 23 checks (profile skos)'
    """
    info = {c.id: c for c in report.checks}
    lines: list[str] = []
    for check_id, findings in report.by_check().items():
        meta = info.get(check_id)
        failing = sum(1 for f in findings if f.accepted is None)
        head = f"{check_id} -- {meta.title} [{meta.reference}]" if meta else check_id
        lines.append(
            f"{head}: {len(findings)} finding{'s' * (len(findings) != 1)}"
            + (f", {len(findings) - failing} accepted" if failing < len(findings) else "")
        )
        for f in findings:
            lines.append(f"  {f.severity}: {f.message}")
            if f.rule:
                source = f" ({f.rule_source})" if f.rule_source else ""
                kind = "rule" if (f.rule_source or "").startswith("SKOS") else "glossary rule"
                lines.append(f"    {kind}{source}: {f.rule}")
            if f.accepted:
                lines.append(f"    accepted: {f.accepted}")
        lines.append("")
    for exc in report.unused_exceptions:
        lines.append(
            f"note: exception in {exc.source} for {exc.check} {sorted(exc.iris)} matched nothing; "
            "remove it if the problem is fixed"
        )
    failures = len(report.failures)
    accepted = len(report.findings) - failures
    summary = (
        f"{len(report.findings)} finding{'s' * (len(report.findings) != 1)} "
        f"({failures} failing, {accepted} accepted) from {len(report.checks)} checks "
        f"(profile {report.profile})"
    )
    if report.ok and not report.findings:
        summary = f"0 findings from {len(report.checks)} checks (profile {report.profile})"
    lines.append(("ok: " if report.ok else "FAILED: ") + summary)
    return "\n".join(lines)


def catalogue() -> list[CheckInfo]:
    """Every check there is, in the order ``check`` runs them."""
    from copro_kg.checks import skos as skos_quality  # noqa: F401 -- importing it registers the SKOS checks

    return [r.info for r in CHECKS.values()]


def render_catalogue(fmt: str = "text") -> str:
    """The list of checks, as a text table or JSON (``copro-kg check --list-checks``)."""
    infos = catalogue()
    if fmt == "json":
        import json

        rows = [
            {
                "id": i.id,
                "title": i.title,
                "profile": i.profile,
                "reference": i.reference,
                "view": i.view,
                "description": i.description,
            }
            for i in infos
        ]
        return json.dumps(rows, indent=2, ensure_ascii=False)
    lines = [f"{'id':38} {'profile':7} {'reads':13} reference / what it finds"]
    for i in infos:
        lines.append(f"{i.id:38} {i.profile:7} {i.view:13} {i.reference}")
        lines.append(f"{'':60} {i.description}")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    """The report as indented JSON (``--format json``)."""
    import json

    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


# --------------------------------------------------------------------------- OWL 2 RL


@dataclass(frozen=True)
class Clash:
    """One inconsistency as the reasoner reports it: the OWL 2 RL rule, the terms by
    role (``individual``, ``class``, ``other class`` ...) and the clashing triples."""

    rule: str
    roles: tuple[tuple[str, Node], ...]
    triples: tuple[Triple, ...] = ()
    text: str = ""

    def role(self, name: str) -> Node | None:
        """The term in role ``name``, if any."""
        return next((node for role, node in self.roles if role == name), None)


def inconsistencies(result: object) -> list[Clash]:
    """The inconsistencies of a reasoning result as :class:`Clash` objects.

    The one place that knows the reasoner's report format
    (:class:`copro_kg.reasoning.result.Reasoning` ``.inconsistencies``: rule, triples, roles,
    message); change only this function if the reasoner changes.
    """
    return [
        Clash(
            rule=str(item.rule),
            roles=tuple(getattr(item, "roles", ())),
            triples=tuple(getattr(item, "triples", ())),
            text=str(getattr(item, "message", "")),
        )
        for item in getattr(result, "inconsistencies", [])
    ]


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


def _rule_gloss(rule: str) -> str:
    # The engine's rule table says what each rule means, in words.
    from copro_kg.engine.rules import RULES

    found = RULES.get(rule)
    gloss = found.gloss if found else "the reference reasoner found the graph inconsistent"
    return gloss[:1].upper() + gloss[1:] + "."


def _owl_check(rule: str) -> CheckFunction:
    def run(context: CheckContext) -> list[Finding]:
        return [f for f in owl_findings(context) if f.check == rule]

    return run


for _rule, _title in OWL_RULES.items():
    register(
        CheckInfo(
            id=_rule,
            title=_title,
            profile="owl",
            reference=f"OWL 2 RL rule {_rule}" if _rule != "owlrl" else "OWL 2 RL (owlrl)",
            view="reasoned",
            description=_rule_gloss(_rule),
        )
    )(_owl_check(_rule))


def owl_findings(context: CheckContext) -> list[Finding]:
    """Every OWL inconsistency as a plain-language finding, one per root cause.

    The reasoner reports every clash, including the knock-on ones: when an activity
    gives a functional feature a second value, the two values are inferred to be the
    same (``prp-fp``), and every other activity with one of them then clashes too. A
    clash whose triples only follow through such a derived ``owl:sameAs`` is a
    consequence and is left out; the finding names the activity that caused it. Clashes
    of one activity on one feature (``cax-dw`` and ``eq-diff1`` say the same thing from
    two sides) become one finding.
    """
    if "owl_findings" in context.memo:
        return list(context.memo["owl_findings"])
    reasoning = context.reasoned
    clashes = inconsistencies(reasoning)
    roots = [c for c in clashes if not _consequential(reasoning, c)] or clashes
    priority = {rule: i for i, rule in enumerate(OWL_RULES)}
    roots.sort(key=lambda c: (priority.get(c.rule, len(priority)), [str(n) for _, n in c.roles]))
    explainer = _Explainer(context)
    seen: set[object] = set()
    findings = []
    for clash in roots:
        if explainer.reported_by_skos(clash):
            continue
        key, finding = explainer.explain(clash)
        if key not in seen:
            seen.add(key)
            findings.append(finding)
    context.memo["owl_findings"] = findings
    return findings


def _is_same_as_link(triple: Triple) -> bool:
    s, p, o = triple
    return p == OWL.sameAs and s != o


def _consequential(reasoning: Reasoned, clash: Clash) -> bool:
    """True when the clash only holds through an inferred owl:sameAs between two
    different terms -- other than the one the clash itself is about."""
    derivation = getattr(reasoning, "derivation", None)
    if derivation is None:
        return False
    own: set[frozenset[Node]] = {
        frozenset((s, o)) for s, p, o in clash.triples if p in (OWL.sameAs, OWL.differentFrom)
    }
    if clash.rule.startswith("eq-diff") and any(s == o for s, _, o in clash.triples):
        # "x differentFrom x" restates another sameAs clash, unless someone asserted it.
        return any(_derived(reasoning, t) for t in clash.triples if t[0] == t[2])
    agenda = list(clash.triples)
    visited: set[Triple] = set()
    while agenda and len(visited) < 2000:
        triple = agenda.pop()
        if triple in visited:
            continue
        visited.add(triple)
        try:
            step = derivation(triple)
        except KeyError:
            continue
        if step is None:
            continue
        if _is_same_as_link(triple) and frozenset((triple[0], triple[2])) not in own:
            return True
        agenda.extend(step.premises)
    return False


def _derived(reasoning: Reasoned, triple: Triple) -> bool:
    try:
        return reasoning.derivation(triple) is not None  # type: ignore[attr-defined]
    except (KeyError, AttributeError):
        return False


class _Explainer:
    """Turns a clash into a sentence by label, with the glossary rule it breaks."""

    def __init__(self, context: CheckContext) -> None:
        self.context = context
        self.graph = context.graph
        self.closure = context.reasoned.closure

    # -- helpers

    def name(self, node: Node) -> str:
        return label_of(self.graph, node)

    def stated_types(self, x: Node) -> list[Node]:
        """Named classes ``x`` is asserted to be."""
        return sorted(
            (
                t
                for t in self.graph.objects(x, RDF.type)
                if isinstance(t, URIRef) and t not in (OWL.NamedIndividual, OWL.Thing)
            ),
            key=str,
        )

    def stated_under(self, x: Node, cls: Node) -> Node | None:
        """The asserted type of ``x`` that is ``cls`` or one of its subclasses."""
        # The asserted class hierarchy: an inconsistent closure can contain anything.
        for t in self.stated_types(x):
            if cls in self.lineage(t):
                return t
        return None

    def lineage(self, cls: Node) -> list[Node]:
        """``cls`` then its superclasses, nearest first (breadth-first)."""
        order, frontier, seen = [], [cls], {cls}
        while frontier:
            order.extend(frontier)
            nxt: list[Node] = []
            for c in frontier:
                for sup in sorted(self.graph.objects(c, RDFS.subClassOf), key=str):
                    if isinstance(sup, URIRef) and sup not in seen:
                        seen.add(sup)
                        nxt.append(sup)
            frontier = nxt
        return order

    def criterion(self, cls: Node, prop: Node) -> tuple[Node, Node, Node] | None:
        """(criterion, concept, required value) of the nearest class in ``cls``'s lineage
        whose concept has a glossary criterion on feature ``prop``."""
        for c in self.lineage(cls):
            for concept in self.graph.objects(c, COPRO.concept):
                for crit in sorted(self.graph.subjects(COPRO.criterionFor, concept), key=str):
                    if (crit, COPRO.onFeature, prop) in self.graph:
                        value = self.graph.value(crit, COPRO.requiresValue)
                        if value is not None:
                            return crit, concept, value
        return None

    def distinction_citing(self, criterion: Node, concept: Node) -> Node | None:
        for d in sorted(self.graph.subjects(COPRO.criterion, criterion), key=str):
            if (d, COPRO.distinctionOf, concept) in self.graph:
                return d
        return None

    def distinction_between(self, a: Node, b: Node) -> Node | None:
        concepts_a = set(self.graph.objects(a, COPRO.concept)) or {a}
        concepts_b = set(self.graph.objects(b, COPRO.concept)) or {b}
        for d in sorted(self.graph.subjects(RDF.type, COPRO.Distinction), key=str):
            of, other = (
                self.graph.value(d, COPRO.distinctionOf),
                self.graph.value(d, COPRO.distinguishedFrom),
            )
            if {of, other} and (
                (of in concepts_a and other in concepts_b)
                or (of in concepts_b and other in concepts_a)
            ):
                return d
        return None

    def text(self, node: Node | None) -> str | None:
        if node is None:
            return None
        value = self.graph.value(node, COPRO.glossaryText)
        return str(value) if value is not None else None

    def features_met(self, x: Node, cls: Node) -> list[tuple[Node, Node]]:
        """The asserted (feature, value) pairs of ``x`` that ``cls``'s definition uses."""
        from copro_kg.classification import Spectrum  # classifying imports this module

        needs = Spectrum(self.graph).requirements(cls)
        return sorted(((p, v) for p, v in needs if (x, p, v) in self.graph), key=str)

    def reported_by_skos(self, clash: Clash) -> bool:
        # S9/S37 (disjoint SKOS classes) and S27/S46 (disjoint SKOS properties) are
        # reported by the SKOS checks under their own names when those run too.
        if self.context.profile != "all":
            return False
        if clash.rule in ("cax-dw", "cax-adc"):
            names = [clash.role("class"), clash.role("other class")]
        elif clash.rule in ("prp-pdw", "prp-adp"):
            names = [clash.role("property"), clash.role("other property")]
        else:
            return False
        return all(n is not None and str(n).startswith(_SKOS_NS) for n in names)

    def finding(
        self,
        clash: Clash,
        message: str,
        nodes: Iterable[Node],
        rule: str | None = None,
        source: str | None = None,
    ) -> Finding:
        return Finding(
            check=clash.rule,
            severity="error",
            message=message,
            terms=tuple(sorted({term(self.graph, n) for n in nodes})),
            rule=rule,
            rule_source=source,
            triples=tuple(triple_text(self.graph, t) for t in clash.triples),
        )

    # -- explanations

    def explain(self, clash: Clash) -> tuple[object, Finding]:
        if clash.rule in ("cax-dw", "cax-adc", "cls-com"):
            found = self.disjoint_classes(clash)
            if found is not None:
                return found
        if clash.rule.startswith("eq-diff"):
            found = self.same_and_different(clash)
            if found is not None:
                return found
        nodes = [n for _, n in clash.roles if not isinstance(n, RDFLiteral)]
        # The reasoner's own sentence (by label), then each term by label and IRI.
        named = [
            str(term(self.graph, n))
            for role, n in clash.roles
            if not isinstance(n, RDFLiteral) and "property" not in role and "class" not in role
        ]
        sentence = _sentence(clash.text or OWL_RULES.get(clash.rule, "inconsistent"))
        if named:
            sentence += " (" + "; ".join(named) + ")"
        condition = _skos_condition(clash)
        return (clash.rule, frozenset(nodes)), self.finding(
            clash,
            sentence,
            nodes,
            rule=_SKOS_CONDITIONS.get(condition) if condition else None,
            source=f"SKOS Reference {condition}" if condition else None,
        )

    def feature_conflict(
        self, clash: Clash, x: Node, stated: Node, prop: Node, actual: Node
    ) -> tuple[object, Finding] | None:
        """``x`` is stated to be ``stated`` but has ``prop`` = ``actual``, while the
        glossary's criterion for ``stated`` (or a broader kind) requires another value."""
        found = self.criterion(stated, prop)
        if found is None:
            return None
        crit, concept, required = found
        if required == actual:
            return None
        message = (
            f"{term(self.graph, x)} is stated to be {self.name(stated)}, but its description "
            f"says '{self.name(actual)}' ({self.name(prop)}); {self.name(stated)} needs "
            f"'{self.name(required)}'."
        )
        distinction = self.distinction_citing(crit, concept)
        source = f"{self.name(concept)}, criterion '{self.name(crit)}'"
        text = self.text(crit) or self.text(distinction)
        if distinction is not None and self.text(distinction) == text:
            # The criterion quotes an "It's not ... because" sentence: name it too.
            source += f"; distinction '{self.name(distinction)}'"
        return (x, prop), self.finding(
            clash, message, [x], rule=f"\u201c{text}\u201d" if text else None, source=source
        )

    def disjoint_classes(self, clash: Clash) -> tuple[object, Finding] | None:
        x, c1, c2 = clash.role("individual"), clash.role("class"), clash.role("other class")
        if x is None or c1 is None or c2 is None:
            return None
        s1, s2 = self.stated_under(x, c1), self.stated_under(x, c2)
        for stated, other in ((s1, c2), (s2, c1)):
            if stated is not None and (
                (other == c2 and s2 is None) or (other == c1 and s1 is None)
            ):
                for prop, value in self.features_met(x, other):
                    found = self.feature_conflict(clash, x, stated, prop, value)
                    if found is not None:
                        return found
        distinction = self.distinction_between(c1, c2)
        text = self.text(distinction)
        if s1 is not None and s2 is not None:
            how = f"is stated to be both {self.name(s1)} and {self.name(s2)}"
        else:
            parts = []
            for cls, stated in ((c1, s1), (c2, s2)):
                if stated is not None:
                    parts.append(f"stated to be {self.name(stated)}")
                else:
                    met = self.features_met(x, cls)
                    because = "; ".join(f"{self.name(p)}: '{self.name(v)}'" for p, v in met)
                    parts.append(
                        f"{self.name(cls)} by its description ({because})"
                        if because
                        else f"inferred to be {self.name(cls)}"
                    )
            how = "is " + " and ".join(parts)
        message = (
            f"{term(self.graph, x)} {how}, but nothing can be both {self.name(c1)} and "
            f"{self.name(c2)}."
        )
        source = f"distinction '{self.name(distinction)}'" if distinction is not None else None
        return (x, "classes", frozenset((c1, c2))), self.finding(
            clash, message, [x], rule=f"\u201c{text}\u201d" if text else None, source=source
        )

    def same_and_different(self, clash: Clash) -> tuple[object, Finding] | None:
        a, b = clash.role("individual"), clash.role("other individual")
        if a is None or b is None:
            return None
        culprit = self.functional_culprit(a, b)
        if culprit is None:
            return None
        x, prop = culprit
        for value in (a, b):
            if (x, prop, value) in self.graph:
                for stated in self.stated_types(x):
                    found = self.feature_conflict(clash, x, stated, prop, value)
                    if found is not None:
                        return found
        message = (
            f"{term(self.graph, x)} has two values of '{self.name(prop)}' "
            f"('{self.name(a)}' and '{self.name(b)}'), but an activity has only one."
        )
        return (x, prop), self.finding(clash, message, [x])

    def functional_culprit(self, a: Node, b: Node) -> tuple[Node, Node] | None:
        """The individual and functional property that made ``a`` and ``b`` the same:
        the subject with both as values, preferring one that states a value itself."""
        best: tuple[Node, Node] | None = None
        for prop in sorted(self.closure.subjects(RDF.type, OWL.FunctionalProperty), key=str):
            for x in sorted(
                set(self.closure.subjects(prop, a)) & set(self.closure.subjects(prop, b)), key=str
            ):
                if (x, prop, a) in self.graph or (x, prop, b) in self.graph:
                    if self.stated_types(x) and any(
                        self.criterion(t, prop) for t in self.stated_types(x)
                    ):
                        return x, prop
                    best = best or (x, prop)
        return best


_SKOS_CONDITIONS = {
    "S9": "skos:ConceptScheme is disjoint with skos:Concept.",
    "S27": "skos:related is disjoint with the property skos:broaderTransitive.",
    "S37": "skos:Collection is disjoint with each of skos:Concept and skos:ConceptScheme.",
    "S46": "skos:exactMatch is disjoint with each of the properties skos:broadMatch and "
    "skos:relatedMatch.",
}
"""The SKOS integrity conditions an OWL clash can break, quoted from the SKOS Reference."""


def _skos_condition(clash: Clash) -> str | None:
    terms = {str(n)[len(_SKOS_NS) :] for _, n in clash.roles if str(n).startswith(_SKOS_NS)}
    if {"related", "broaderTransitive"} <= terms:
        return "S27"
    if "exactMatch" in terms and terms & {"broadMatch", "narrowMatch", "relatedMatch"}:
        return "S46"
    if "Collection" in terms:
        return "S37"
    if {"Concept", "ConceptScheme"} <= terms:
        return "S9"
    return None


def _sentence(text: str) -> str:
    text = text.strip()
    return (text[:1].upper() + text[1:]).rstrip(".") + "." if text else text


# --------------------------------------------------------------------------- SHACL

SHACL_INFO = CheckInfo(
    id="shacl",
    title="Editorial rules (SHACL shapes)",
    profile="shacl",
    reference="SHACL, ontology/shapes.ttl",
    view="asserted",
    description="The project's editorial rules as SHACL shapes, validated with pySHACL.",
)


def _load_shapes(shapes: Graph | None) -> Graph:
    if shapes is not None:
        return shapes
    from copro_kg.io.sources import parse_source
    from copro_kg.resources import SHAPES_FILE

    if not SHAPES_FILE.exists():
        raise InputError("the SHACL shapes file is missing", location=str(SHAPES_FILE))
    return parse_source(SHAPES_FILE, "turtle")


def shacl_findings(data: Graph, shapes: Graph, names: Graph | None = None) -> list[Finding]:
    """Validate ``data`` against ``shapes`` with pySHACL; one finding per result.

    The check id is ``shacl:<shape>`` (the local name of the shape, or of the constraint
    component for blank-node shapes), so findings group by rule and can be accepted in
    ``checks.toml`` like any other. ``names`` is the graph labels are read from.
    """
    from pyshacl import validate

    # pySHACL runs a SHACL-SPARQL constraint by passing its query *text* to
    # Graph.query once per focus node, and rdflib parses it anew each time (~70 ms);
    # a graph that parses each text once halves `copro-kg check`. Our own copy, so
    # inplace=True (no second copy) cannot touch the caller's graph.
    copy = _PreparedQueryGraph()
    copy += data
    for prefix, namespace in data.namespaces():
        copy.bind(prefix, namespace, override=False)
    conforms, results, _text = validate(
        copy,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,
    )
    labels = names if names is not None else data
    findings = []
    assert isinstance(results, Graph)
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        shape = results.value(result, SH.sourceShape)
        component = results.value(result, SH.sourceConstraintComponent)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        shape_name = _local_name(shape) if isinstance(shape, URIRef) else _local_name(component)
        described = (
            shapes.value(shape, SH.message) or shapes.value(shape, SH.description)
            if shape is not None
            else None
        )
        text = messages[0] if messages else str(described or "does not conform")
        where = f" (path {_n3(labels, path)})" if isinstance(path, URIRef) else ""
        what = f"; value {_n3(labels, value)}" if value is not None and value != focus else ""
        subject = term(labels, focus) if focus is not None else None
        findings.append(
            Finding(
                check=f"shacl:{shape_name}",
                severity=_SEVERITY.get(severity, "info") if severity is not None else "info",
                message=f"{subject}: {text}{where}{what}" if subject else text,
                terms=(subject,) if subject else (),
            )
        )
    del conforms
    return findings


class _PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL query text once (see :func:`shacl_findings`)."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared_query(query_object)
        return super().query(query_object, *args, **kwargs)


@functools.lru_cache(maxsize=128)
def _prepared_query(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


_SEVERITY: dict[Node, Severity] = {SH.Violation: "error", SH.Warning: "warning"}


def _local_name(node: Node | None) -> str:
    text = str(node or "shape")
    return re.split(r"[#/]", text.rstrip("/#"))[-1] or text


@register(SHACL_INFO)
def _shacl(context: CheckContext) -> list[Finding]:
    # The shapes are written for the asserted triples (ontology/shapes.ttl says so):
    # e.g. "an example is described by its features, never typed with its level" would
    # fail on the reasoned graph, where the reasoner has typed every example.
    return shacl_findings(context.graph, _load_shapes(context.shapes))
