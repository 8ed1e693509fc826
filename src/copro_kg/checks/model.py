"""What a check run produces: findings that name resources by label and IRI, in one report.

Every check -- OWL consistency, SHACL shapes, SKOS conditions -- yields :class:`Finding`
objects, and :func:`copro_kg.checks.check` gathers them into one :class:`Report` with the
:class:`CheckInfo` of each check that ran. The classes are plain data so the text and JSON
reports (:mod:`copro_kg.checks.report`), ``copro-kg classify`` and the tests read the same
thing.

>>> from rdflib import Graph, URIRef
>>> from copro_kg.namespace import bind_prefixes
>>> str(term(bind_prefixes(Graph()), URIRef("https://w3id.org/copro-kg/co-design")))
"'copro:co-design' <https://w3id.org/copro-kg/co-design>"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from rdflib import BNode, Graph
from rdflib import Literal as RDFLiteral
from rdflib.term import Node

from copro_kg.vocab.labels import label

__all__ = [
    "CheckInfo",
    "Exemption",
    "Finding",
    "Report",
    "Severity",
    "Term",
    "Triple",
    "node_text",
    "term",
    "triple_text",
]

Severity = Literal["error", "warning", "info"]
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True, order=True)
class Term:
    """A resource named in a finding: its label (for people) and its IRI (to look up)."""

    label: str
    iri: str

    def __str__(self) -> str:
        return f"'{self.label}' <{self.iri}>" if self.label != self.iri else f"<{self.iri}>"


def term(graph: Graph, node: Node) -> Term:
    """A :class:`Term` for ``node``: its label in ``graph`` (the one label rule of
    :func:`copro_kg.vocab.labels.label`; a literal's own text) and its IRI."""
    iri = f"_:{node}" if isinstance(node, BNode) else str(node)
    name = str(node) if isinstance(node, RDFLiteral) else label(graph, node)
    return Term(label=name, iri=iri)


def _n3(graph: Graph, node: Node) -> str:
    try:
        return node.n3(graph.namespace_manager)
    except Exception:  # pragma: no cover -- n3 of odd literals; fall back to str
        return str(node)


def triple_text(graph: Graph, triple: Triple) -> tuple[str, str, str]:
    """A triple as three short strings (CURIEs where a prefix is bound).

    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import RDF, SKOS
    >>> g = Graph()
    >>> g.bind("skos", SKOS)
    >>> triple_text(g, (URIRef("urn:x"), RDF.type, SKOS.Concept))
    ('<urn:x>', 'rdf:type', 'skos:Concept')
    """
    s, p, o = triple
    return (_n3(graph, s), _n3(graph, p), _n3(graph, o))


def node_text(graph: Graph, node: Node) -> str:
    """One term as :func:`triple_text` shows it (a CURIE where a prefix is bound)."""
    return _n3(graph, node)


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

    def to_dict(self) -> dict[str, str]:
        """The check as JSON-ready data (``copro-kg check --list-checks --format json``)."""
        return {
            "id": self.id,
            "title": self.title,
            "profile": self.profile,
            "reference": self.reference,
            "view": self.view,
            "description": self.description,
            "severity": self.severity,
        }


@dataclass(frozen=True)
class Finding:
    """One problem found by one check.

    Attributes:
        check: the check's id (``orphan-concepts``, ``cax-dw``, ``shacl:ConceptShape``).
        severity: ``error`` (SKOS integrity, OWL inconsistency, SHACL violation),
            ``warning`` (a tool would misread the data) -- both fail ``copro-kg check``
            unless accepted -- or ``info`` (a quality note: reported, never failing).
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

    An exemption matches a finding of the same check whose resources are exactly
    ``iris`` (order does not matter).

    >>> e = Exemption("orphan-concepts", frozenset({"urn:a"}), "planned")
    >>> e.matches(Finding("orphan-concepts", "error", "...", (Term("a", "urn:a"),)))
    True
    """

    check: str
    iris: frozenset[str]
    reason: str
    source: str = "checks.toml"
    export_only: bool = False
    """Fires only on a SKOS export (``export_only = true``), never on the glossary itself,
    so it is not reported as unused there."""

    def matches(self, finding: Finding) -> bool:
        """Whether this exemption accepts ``finding``."""
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
                {**c.to_dict(), "findings": sum(1 for f in self.findings if f.check == c.id)}
                for c in self.checks
            ],
            "findings": [f.to_dict() for f in self.findings],
            "unused_exceptions": [
                {"check": e.check, "iris": sorted(e.iris), "reason": e.reason}
                for e in self.unused_exceptions
            ],
        }
