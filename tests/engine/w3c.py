"""The W3C OWL 2 conformance test cases that concern OWL 2 RL/RDF, and how one is judged.

``tests/data/w3c-owl2/manifest.ttl`` holds the approved test cases of the OWL 2 test
suite (https://www.w3.org/TR/owl2-conformance/) whose premises are given in RDF/XML,
that apply to the RDF-Based Semantics, and that are either ``rdfbased-*`` cases or in
the RL profile (see ``tests/data/w3c-owl2/README.md``). A case is judged as the OWL 2
Conformance document, Section 2, defines its types:

* positive entailment: every triple of the conclusion (blank nodes as existential
  variables, the ``owl:Ontology`` header left out) is in the closure;
* negative entailment: the conclusion is *not* matched;
* inconsistency: the reasoner reports a clash;
* consistency: the reasoner reports none.

Used by ``tests/engine/test_w3c_conformance.py`` and ``benchmarks/w3c.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Namespace, Node, URIRef
from rdflib.namespace import OWL, RDF

__all__ = ["MANIFEST", "Case", "Outcome", "Reasoner", "cases", "copro", "judge", "owlrl", "parse"]

MANIFEST = Path(__file__).resolve().parents[1] / "data" / "w3c-owl2" / "manifest.ttl"
TEST = Namespace("http://www.w3.org/2007/OWL/testOntology#")
Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Case:
    """One test case: its identifier, types and the premise/conclusion RDF/XML texts."""

    id: str
    types: frozenset[str]
    premise: str
    conclusion: str | None
    nonconclusion: str | None
    imports: bool
    rl: bool


@dataclass(frozen=True)
class Outcome:
    """What a reasoner made of one case: its closure and whether it found a clash."""

    closure: Graph
    inconsistent: bool


def cases() -> list[Case]:
    """Every vendored case, sorted by identifier."""
    g = Graph().parse(MANIFEST, format="turtle")
    found = []
    for node in g.subjects(RDF.type, TEST.TestCase):

        def text(pred: URIRef, node: Node = node) -> str | None:
            value = g.value(node, pred)
            return str(value) if value is not None else None

        types = frozenset(str(t).split("#")[1] for t in g.objects(node, RDF.type))
        found.append(
            Case(
                id=str(g.value(node, TEST.identifier)),
                types=types - {"TestCase", "ProfileIdentificationTest"},
                premise=str(g.value(node, TEST.rdfXmlPremiseOntology)),
                conclusion=text(TEST.rdfXmlConclusionOntology),
                nonconclusion=text(TEST.rdfXmlNonConclusionOntology),
                imports=g.value(node, TEST.importedOntologyIRI) is not None
                or "owl:imports" in str(g.value(node, TEST.rdfXmlPremiseOntology)),
                rl=(node, TEST.profile, TEST.RL) in g,
            )
        )
    return sorted(found, key=lambda c: c.id)


def parse(rdfxml: str) -> Graph:
    """A graph of one RDF/XML text of the manifest."""
    return Graph().parse(data=rdfxml, format="xml")


def _body(graph: Graph) -> list[Triple]:
    # the ontology header says nothing about the domain: leave it (and its IRI) out
    headers = set(graph.subjects(RDF.type, OWL.Ontology))
    return [t for t in graph if t[0] not in headers]


def matches(pattern: Iterable[Triple], closure: Graph) -> bool:
    """Whether ``pattern``, blank nodes read as variables, maps into ``closure``."""
    todo = sorted(pattern, key=lambda t: sum(isinstance(n, BNode) for n in t))

    def walk(i: int, binding: dict[BNode, Node]) -> bool:
        if i == len(todo):
            return True
        s, p, o = (binding.get(n, n) if isinstance(n, BNode) else n for n in todo[i])
        query = tuple(None if isinstance(n, BNode) else n for n in (s, p, o))
        for found in closure.triples(query):  # type: ignore[arg-type]
            extra = dict(binding)
            for slot, term in zip((s, p, o), found, strict=True):
                if isinstance(slot, BNode) and extra.setdefault(slot, term) != term:
                    break
            else:
                if walk(i + 1, extra):
                    return True
        return False

    return walk(0, {})


def judge(case: Case, outcome: Outcome) -> bool:
    """Whether ``outcome`` passes ``case`` (see the module docstring)."""
    ok = True
    if "InconsistencyTest" in case.types:
        ok = outcome.inconsistent
    if "ConsistencyTest" in case.types:
        ok = ok and not outcome.inconsistent
    if "PositiveEntailmentTest" in case.types and case.conclusion is not None:
        ok = ok and matches(_body(parse(case.conclusion)), outcome.closure)
    if "NegativeEntailmentTest" in case.types and case.nonconclusion is not None:
        ok = ok and not matches(_body(parse(case.nonconclusion)), outcome.closure)
    return ok


def copro(premise: Graph) -> Outcome:
    """copro-kg's engine: the whole closure (nothing hidden) and its clashes."""
    from copro_kg.engine import run

    chainer = run(sorted(premise))
    terms = chainer.terms.terms
    closure = Graph()
    for s, p, o in (*chainer.store, *chainer.inferred(reflexive=True)):
        closure.add((terms[s], terms[p], terms[o]))
    return Outcome(closure, bool(chainer.clashes))


def owlrl(premise: Graph) -> Outcome:
    """The reference engine, owlrl, through copro-kg's adapter."""
    from copro_kg.reasoning.owlrl import closure

    graph, messages = closure(premise)
    return Outcome(graph, bool(messages))


Reasoner = Callable[[Graph], Outcome]
