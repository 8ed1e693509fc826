"""``copro-kg check``: one report for consistency, SHACL shapes and SKOS quality.

Three families of checks feed one :class:`Report` of :class:`Finding` objects:

* ``owl`` -- OWL 2 RL inconsistencies found by the reasoner (disjoint classes sharing an
  individual, a functional feature with two values, ``owl:Nothing`` members, sameAs vs
  differentFrom). Each is told in plain language, by label, and names the glossary rule
  that is broken, quoted from the ontology's own distinction and criterion data.
* ``shacl`` -- the editorial shapes of ``ontology/shapes.ttl``, run with pySHACL.
* ``skos`` -- the SKOS integrity conditions (S9, S13, S14, S27, S37, S46) and the common
  qSKOS quality issues, under qSKOS's own names (:mod:`copro_kg.skos_quality`).

Findings that the project has reviewed and accepts are listed, with the reason, in
``checks.toml`` (shipped in the package; ``exceptions=`` adds more). An accepted finding
is still shown -- as ``accepted: reason`` -- but does not fail the check.

>>> from rdflib import Graph
>>> report = check(Graph(), profile="skos")
>>> report.ok
True
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any, Literal, Protocol

from rdflib import BNode, Graph, Namespace, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from .errors import InputError

__all__ = [
    "CHECKS",
    "PROFILES",
    "CheckInfo",
    "Exception_",
    "Finding",
    "Report",
    "Term",
    "check",
    "label_of",
    "load_exceptions",
    "render_json",
    "render_text",
    "term",
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
class Exception_:  # noqa: N801 -- "Exception" is taken by the builtin
    """One accepted finding from ``checks.toml``: a check id, the IRIs, and why.

    An exception matches a finding of the same check whose resources are exactly
    ``iris`` (order does not matter).
    """

    check: str
    iris: frozenset[str]
    reason: str
    source: str = "checks.toml"

    def matches(self, finding: Finding) -> bool:
        """Whether this exception accepts ``finding``."""
        return finding.check == self.check and frozenset(t.iri for t in finding.terms) == self.iris


@dataclass
class Report:
    """Everything one ``check`` run found, in a stable order."""

    profile: str
    checks: list[CheckInfo]
    findings: list[Finding] = field(default_factory=list)
    unused_exceptions: list[Exception_] = field(default_factory=list)

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
    """The best human label of ``node``: English prefLabel, rdfs:label, any label, CURIE.

    >>> from rdflib import Graph, URIRef
    >>> label_of(Graph(), URIRef("https://w3id.org/copro-kg/co-design"))
    'copro:co-design'
    """
    if isinstance(node, RDFLiteral):
        return str(node)
    for prop in (SKOS.prefLabel, RDFS.label):
        values = [v for v in graph.objects(node, prop) if isinstance(v, RDFLiteral)]
        for lang in ("en", "en-gb", None):
            for value in sorted(values):
                if (value.language or "").lower() == (lang or "") or lang is None:
                    return str(value)
    if isinstance(node, BNode):
        return f"_:{node}"
    try:
        prefix, _, local = graph.namespace_manager.compute_qname(str(node), generate=False)
        return f"{prefix}:{local}" if prefix else str(node)
    except (ValueError, KeyError):
        return str(node)


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
    """What the checks need from a reasoning result (``copro_kg.reasoning.Reasoning``)."""

    closure: Graph


@dataclass
class CheckContext:
    """The graph under check, and its reasoned closure made once, on demand."""

    graph: Graph
    reasoner: Callable[[Graph], Reasoned] | None = None
    shapes: Graph | None = None
    _reasoned: Reasoned | None = None

    @property
    def reasoned(self) -> Reasoned:
        """The reasoning result (computed on first use, then kept)."""
        if self._reasoned is None:
            reasoner = self.reasoner
            if reasoner is None:
                from .reasoning import reason

                reasoner = reason
            self._reasoned = reasoner(self.graph)
        return self._reasoned


# --------------------------------------------------------------------------- exceptions

DEFAULT_EXCEPTIONS = "checks.toml"


def load_exceptions(path: str | Path | None = None) -> list[Exception_]:
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
        text = importlib_resources.files("copro_kg").joinpath(DEFAULT_EXCEPTIONS).read_text("utf-8")
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
        result.append(Exception_(check_id, frozenset(iris), reason.strip(), where))
    return result


def _apply_exceptions(
    findings: list[Finding], exceptions: Sequence[Exception_], ran: set[str]
) -> tuple[list[Finding], list[Exception_]]:
    used: set[int] = set()
    out = []
    for finding in findings:
        for index, exc in enumerate(exceptions):
            if exc.matches(finding):
                finding = replace(finding, accepted=exc.reason)
                used.add(index)
                break
        out.append(finding)
    unused = [e for i, e in enumerate(exceptions) if i not in used and _check_ran(e.check, ran)]
    return out, unused


def _check_ran(check_id: str, ran: set[str]) -> bool:
    return check_id in ran or (check_id.startswith("shacl:") and "shacl" in ran)


# --------------------------------------------------------------------------- the entry point


def check(
    graph: Graph,
    *,
    profile: str = "all",
    exceptions: Sequence[Exception_] | None = None,
    reasoner: Callable[[Graph], Reasoned] | None = None,
    shapes: Graph | None = None,
) -> Report:
    """Run the checks of ``profile`` over ``graph`` and return one report.

    Args:
        graph: the asserted triples to check (the shipped glossary plus user files).
        profile: ``all``, ``skos`` (SKOS conditions + qSKOS), ``owl`` (reasoner
            inconsistencies) or ``shacl`` (``ontology/shapes.ttl``).
        exceptions: accepted findings; by default the shipped ``checks.toml``.
        reasoner: the function that reasons (default :func:`copro_kg.reasoning.reason`).
        shapes: a SHACL shapes graph (default :data:`copro_kg.resources.SHAPES_FILE`).

    Raises:
        InputError: unknown profile, or an unreadable exception list or shapes file.
    """
    if profile not in PROFILES:
        raise InputError(f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}")
    from . import skos_quality  # noqa: F401 -- importing it registers the SKOS checks

    context = CheckContext(graph, reasoner=reasoner)
    context.shapes = shapes
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
                lines.append(f"    glossary rule{source}: {f.rule}")
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


def render_json(report: Report) -> str:
    """The report as indented JSON (``--format json``)."""
    import json

    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


# --------------------------------------------------------------------------- OWL 2 RL


@dataclass(frozen=True)
class Clash:
    """One inconsistency, as the reasoner reports it: the OWL 2 RL rule and its nodes.

    ``nodes`` follow the rule's message order (``cax-dw``: class, class, individual;
    ``eq-diff1``: the two individuals; ``cls-nothing2``: the individual ...).
    ``triples`` are the clashing triples when the reasoner knows them.
    """

    rule: str
    nodes: tuple[Node, ...]
    triples: tuple[Triple, ...] = ()
    text: str = ""


# owlrl writes inconsistencies as err:ErrorMessage nodes with an English sentence that
# names the rule's nodes; these patterns turn them back into (rule, nodes). They are the
# sentences of owlrl/OWLRL.py (7.x); the engine replacing owlrl reports Clash-like data
# directly (``Reasoning.inconsistencies``) and this table is then unused.
_THREE = r"\((\S+), (\S+), (\S+)\)$"
_OWLRL_MESSAGES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (rule, re.compile(pattern))
    for rule, pattern in (
        ("cax-dw", r"^Disjoint classes (\S+) and (\S+) have a common individual (\S+)$"),
        ("eq-diff1", r"^'sameAs' and 'differentFrom' cannot be used .*: \((\S+), (\S+)\)$"),
        ("eq-diff2", r"^'sameAs' and 'AllDifferent' cannot be used .*: \((\S+), (\S+)\)$"),
        ("cls-nothing2", r"^(\S+) is defined of type 'Nothing'$"),
        ("prp-pdw", r"^Erroneous usage of disjoint properties (\S+) and (\S+) on (\S+) and (\S+)$"),
        ("prp-irp", r"^Irreflexive property used on (\S+) with (\S+)$"),
        ("prp-asyp", r"^Erroneous usage of asymmetric property (\S+) on (\S+) and (\S+)$"),
        ("cls-com", r"^Violation of complementarity for classes (\S+) and (\S+) on element (\S+)$"),
        ("cls-maxc1", r"^Erroneous usage of maximum cardinality with (\S+) and (\S+)$"),
        (
            "cls-maxqc1",
            r"^Erroneous usage of maximum qualified cardinality with (\S+), (\S+) and (\S+)$",
        ),
        (
            "prp-npa1",
            r"^Negative \(object\) property assertion violated for: \((\S+), (\S+), (\S+)\)$",
        ),
        (
            "prp-npa2",
            r"^Negative \(datatype\) property assertion violated for: \((\S+), (\S+), (\S+)\)$",
        ),
        (
            "prp-adp",
            r"^Disjoint properties in an 'AllDisjointProperties' are not really disjoint: "
            r"\((\S+), (\S+),(\S+)\) and \((\S+),(\S+),(\S+)\)$",
        ),
        (
            "dt-not-type",
            r"^Lexical value of the literal '(.*)' does not match its datatype \((\S+)\)$",
        ),
    )
)

OWL_RULES: dict[str, str] = {
    "cax-dw": "Disjoint classes share an individual",
    "eq-diff1": "Same and different at once (sameAs vs differentFrom)",
    "eq-diff2": "Same and different at once (sameAs vs AllDifferent)",
    "cls-nothing2": "Member of owl:Nothing",
    "prp-pdw": "Disjoint properties used together",
    "prp-irp": "Irreflexive property used reflexively",
    "prp-asyp": "Asymmetric property used both ways",
    "cls-com": "Member of a class and of its complement",
    "cls-maxc1": "Maximum cardinality 0 exceeded",
    "cls-maxqc1": "Maximum qualified cardinality 0 exceeded",
    "prp-npa1": "Negative object property assertion violated",
    "prp-npa2": "Negative data property assertion violated",
    "prp-adp": "AllDisjointProperties used together",
    "dt-not-type": "Literal not valid for its datatype",
    "owl-rl": "Other OWL 2 RL inconsistency",
}
"""The OWL 2 RL inconsistency rules (W3C OWL 2 Profiles §4.3), one check each."""

_ERR = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")


def _node(text: str) -> Node:
    # owlrl prints IRIs bare and blank nodes by their id.
    return URIRef(text) if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", text) else BNode(text)


def parse_owlrl_message(text: str) -> Clash:
    """Turn one owlrl error sentence into a :class:`Clash`.

    >>> parse_owlrl_message("Disjoint classes urn:a and urn:b have a common individual urn:x").rule
    'cax-dw'
    """
    for rule, pattern in _OWLRL_MESSAGES:
        match = pattern.match(text.strip())
        if match:
            if rule == "dt-not-type":
                return Clash(rule, (RDFLiteral(match.group(1)), URIRef(match.group(2))), text=text)
            return Clash(rule, tuple(_node(g) for g in match.groups()), text=text)
    return Clash("owl-rl", (), text=text)


def inconsistencies(result: object) -> list[Clash]:
    """The inconsistencies of a reasoning result, whichever reasoner made it.

    Uses ``result.inconsistencies`` (rule, nodes, triples) when the reasoner provides it;
    otherwise reads owlrl's ``err:ErrorMessage`` nodes in ``result.closure`` and its
    ``errors`` list. This is the one function to change when the reasoner changes.
    """
    found = getattr(result, "inconsistencies", None)
    if found is not None:
        return [
            Clash(
                rule=str(getattr(item, "rule", "owl-rl")),
                nodes=tuple(getattr(item, "nodes", ())),
                triples=tuple(getattr(item, "triples", ())),
                text=str(getattr(item, "message", "")),
            )
            for item in found
        ]
    texts: set[str] = {str(e) for e in getattr(result, "errors", []) or []}
    closure = getattr(result, "closure", None)
    if isinstance(closure, Graph):
        for message in closure.subjects(RDF.type, _ERR.ErrorMessage):
            texts.update(str(t) for t in closure.objects(message, _ERR.error))
    return [parse_owlrl_message(t) for t in sorted(texts)]


def _clashes(context: CheckContext) -> list[Clash]:
    cached: list[Clash] | None = getattr(context, "_clashes", None)
    if cached is None:
        cached = inconsistencies(context.reasoned)
        context._clashes = cached  # type: ignore[attr-defined]
    return cached


def _owl_check(rule: str) -> CheckFunction:
    def run(context: CheckContext) -> list[Finding]:
        return [describe(c, context) for c in _clashes(context) if c.rule == rule]

    return run


for _rule, _title in OWL_RULES.items():
    register(
        CheckInfo(
            id=_rule,
            title=_title,
            profile="owl",
            reference=f"OWL 2 RL rule {_rule}" if _rule != "owl-rl" else "OWL 2 RL",
            view="reasoned",
            description=f"The OWL 2 RL reasoner finds the graph inconsistent: {_title.lower()}.",
        )
    )(_owl_check(_rule))


def describe(clash: Clash, context: CheckContext) -> Finding:
    """One inconsistency in plain language, by label, with the glossary rule it breaks."""
    describer = _DESCRIBERS.get(clash.rule, _describe_generic)
    return describer(clash, context)


def _describe_generic(clash: Clash, context: CheckContext) -> Finding:
    names = context.graph
    terms = tuple(term(names, n) for n in clash.nodes if not isinstance(n, RDFLiteral))
    title = OWL_RULES.get(clash.rule, "inconsistency")
    what = ", ".join(str(t) for t in terms) or clash.text
    return Finding(
        check=clash.rule,
        severity="error",
        message=f"{title}: {what}.",
        terms=terms,
        triples=tuple(triple_text(names, t) for t in clash.triples),
    )


_DESCRIBERS: dict[str, Callable[[Clash, CheckContext], Finding]] = {}


# --------------------------------------------------------------------------- SHACL

SHACL_INFO = CheckInfo(
    id="shacl",
    title="Editorial rules (SHACL shapes)",
    profile="shacl",
    reference="SHACL, ontology/shapes.ttl",
    view="reasoned",
    description="The project's editorial rules as SHACL shapes, validated with pySHACL.",
)


def _load_shapes(shapes: Graph | None) -> Graph:
    if shapes is not None:
        return shapes
    from .loading import parse_source
    from .resources import SHAPES_FILE

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

    conforms, results, _text = validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
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


_SEVERITY: dict[Node, Severity] = {SH.Violation: "error", SH.Warning: "warning"}


def _local_name(node: Node | None) -> str:
    text = str(node or "shape")
    return re.split(r"[#/]", text.rstrip("/#"))[-1] or text


@register(SHACL_INFO)
def _shacl(context: CheckContext) -> list[Finding]:
    # The shapes state editorial rules over the hierarchy users see (skos:broader,
    # inScheme ...), which the ontology asserts through sub-properties: validate the
    # reasoned graph. owlrl's error nodes are not data: leave them out.
    closure = context.reasoned.closure
    data = Graph()
    for triple in closure:
        if (
            not isinstance(triple[0], RDFLiteral)
            and triple[1] != _ERR.error
            and not (triple[1] == RDF.type and triple[2] == _ERR.ErrorMessage)
        ):
            data.add(triple)
    return shacl_findings(data, _load_shapes(context.shapes), names=context.graph)
