"""Why does a fact hold? Derivation trees down to asserted triples, in practitioners' words.

:func:`explain` follows the first derivation our engine recorded for a triple
(:meth:`copro_kg.reasoning.result.Reasoning.derivation`), then the derivations of its premises,
until every leaf is an asserted triple, which names the file it came from. Each step
names the OWL 2 RL rule used and says what it means. First derivations are found
breadth-first and their premises always existed before them, so the tree is shallow and
has no cycles; a sub-derivation met twice is shown once and then referred to.

Terms are given as a label (``skos:prefLabel``, ``skos:altLabel``, ``skos:hiddenLabel`` or
``rdfs:label``, any case or language), a CURIE (``copro:co-design``), an IRI, or the local
name of an IRI (``broader``), and resolved in the closure by
:mod:`copro_kg.vocab.resolve`: ``Involvement`` is the glossary's concept, and the OWL class
of that name only where the predicate asks for a class (``rdfs:subClassOf``, the object
of ``rdf:type``) or the caller does (``as_="class"``).

:func:`explain_link` is the one wording of an inferred link that the graphs and the
site show: the same tree, as text.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix ex: <urn:ex:> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... ex:codesign rdfs:label "co-design" ; a ex:CoDesign .
... ex:CoDesign rdfs:label "co-design activity" ; rdfs:subClassOf ex:CoProduction .
... ex:CoProduction rdfs:label "co-production activity" .
... ''', format="turtle")
>>> from copro_kg.reasoning import reason
>>> tree = explain(reason(g, cache=False), "co-design", "type", "co-production activity")
>>> tree.root.rule
'cax-sco'
>>> print(tree.text())  # doctest: +ELLIPSIS
co-design is a co-production activity  [cax-sco: an instance of a class is an instance ...]
  every co-design activity is a co-production activity  (asserted)
  co-design is a co-design activity  (asserted)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any
from weakref import WeakKeyDictionary

from rdflib import BNode, Graph, Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from copro_kg.engine.rules import RULES, Triple
from copro_kg.namespace import COPRO
from copro_kg.reasoning.result import Reasoning
from copro_kg.vocab.evidence import Evidence, LinkEvidence
from copro_kg.vocab.labels import STANDARD_LABELS, label, relation_label
from copro_kg.vocab.resolve import TermIndex, Want, resolve_term

__all__ = [
    "Explanation",
    "LinkExplainer",
    "Step",
    "distinctions",
    "explain",
    "explain_link",
    "link_explainer",
    "resolve_term",
    "sentence",
]

LinkExplainer = Callable[[Triple], str | None]
"""Words for one inferred triple (a graph edge, a link on a site page), or None."""


@dataclass
class Step:
    """One node of a derivation tree: a triple and why it holds.

    ``rule`` is None for an asserted triple (a leaf); ``source`` is then the file it
    came from, when known, and ``evidence`` what it rests on: the glossary's sentence or
    our reading (:func:`copro_kg.vocab.evidence.evidence_for`). ``repeat`` marks a triple
    already explained higher up.
    """

    triple: Triple
    sentence: str
    rule: str | None = None
    source: str | None = None
    premises: list[Step] = field(default_factory=list)
    repeat: bool = False
    evidence: Evidence | None = None

    def as_dict(self) -> dict[str, Any]:
        """The step as JSON-ready data (``--format json``)."""
        data: dict[str, Any] = {
            "triple": [_n3(t) for t in self.triple],
            "text": self.sentence,
        }
        if self.rule:
            data["rule"] = self.rule
            data["gloss"] = RULES[self.rule].gloss
            data["premises"] = [p.as_dict() for p in self.premises]
        else:
            data["asserted"] = True
            data["source"] = self.source
            if self.evidence is not None:
                e = self.evidence
                data["evidence"] = {
                    "kind": e.kind,
                    "text": e.text,
                    "section": e.section,
                    "reason": e.reason,
                }
        if self.repeat:
            data["repeat"] = True
        return data


@dataclass
class Explanation:
    """The answer to "why does (s p o) hold?".

    ``root`` is None when the triple does not hold; ``distinctions`` then lists what the
    glossary says distinguishes the two terms (``copro:Distinction`` nodes).
    """

    triple: Triple
    sentence: str
    root: Step | None
    distinctions: list[str] = field(default_factory=list)

    @property
    def holds(self) -> bool:
        """Whether the triple is asserted or follows."""
        return self.root is not None

    def text(self, *, brief: bool = False) -> str:
        """The tree as indented lines, one per step; with ``brief``, an asserted leaf says
        only whose it is -- the glossary's (its section) or ours -- instead of quoting the
        sentence or the reason again (the graphs and term pages, where forty links would
        repeat one long sentence; the page and the asserted link carry it in full)."""
        if self.root is None:
            lines = [f"No: it does not follow that {self.sentence}."]
            lines += [f"  {d}" for d in self.distinctions]
            return "\n".join(lines)
        out: list[str] = []
        _render(self.root, 0, out, brief)
        return "\n".join(out)

    def as_dict(self) -> dict[str, Any]:
        """The explanation as JSON-ready data."""
        return {
            "triple": [_n3(t) for t in self.triple],
            "text": self.sentence,
            "holds": self.holds,
            "derivation": self.root.as_dict() if self.root else None,
            "distinctions": self.distinctions,
        }


def _n3(term: Node) -> str:
    return term.n3()


def _render(step: Step, depth: int, out: list[str], brief: bool = False) -> None:
    pad = "  " * depth
    if step.rule is None:
        where = f"asserted in {step.source}" if step.source else "asserted"
        out.append(f"{pad}{step.sentence}  ({where})")
        e = step.evidence
        if e is not None:
            if not brief:
                said = e.line()
            elif e.ours:
                said = "ours, not the glossary's words" if e.via == "kind" else "our reading"
            else:
                said = (
                    f"the glossary, section \u201c{e.section}\u201d"
                    if e.section
                    else "the glossary"
                )
            out.append(f"{pad}  \u2514 {said}")
        return
    if step.repeat:
        out.append(f"{pad}{step.sentence}  (explained above)")
        return
    out.append(f"{pad}{step.sentence}  [{step.rule}: {RULES[step.rule].gloss}]")
    for premise in step.premises:
        _render(premise, depth + 1, out, brief)


# ------------------------------------------------------------------ sentences
def _a(noun: str) -> str:
    """``noun`` with the indefinite article English spells it with ("an engagement")."""
    return ("an " if noun[:1].lower() in "aeiou" else "a ") + noun


def sentence(graph: Graph, triple: Triple) -> str:
    """One plain-English sentence for a triple, using labels.

    >>> from rdflib import Graph, URIRef
    >>> from rdflib.namespace import RDFS
    >>> g = Graph()
    >>> _ = g.add((URIRef("urn:B"), RDFS.label, Literal("engagement activity")))
    >>> sentence(g, (URIRef("urn:A"), RDFS.subClassOf, URIRef("urn:B")))
    'every <urn:A> is an engagement activity'
    """
    s, p, o = triple

    def n(node: Node) -> str:
        return label(graph, node)

    if p == RDF.type:
        if o == OWL.TransitiveProperty:
            return f"'{n(s)}' is transitive"
        if o == OWL.SymmetricProperty:
            return f"'{n(s)}' is symmetric"
        if o == OWL.FunctionalProperty:
            return f"'{n(s)}' has at most one value"
        if o == OWL.InverseFunctionalProperty:
            return f"'{n(s)}' identifies its subject"
        if isinstance(o, BNode):
            return f"{n(s)} belongs to the class of {n(o)}"
        return f"{n(s)} is {_a(n(o))}"
    if p == RDFS.subClassOf:
        return f"every {n(s)} is {_a(n(o))}"
    if p == OWL.equivalentClass:
        return f"{n(s)} and {n(o)} are the same class"
    if p == RDFS.subPropertyOf:
        return f"'{n(s)}' is a kind of '{n(o)}'"
    if p == OWL.equivalentProperty:
        return f"'{n(s)}' and '{n(o)}' mean the same"
    if p == OWL.inverseOf:
        return f"'{n(s)}' is the inverse of '{n(o)}'"
    if p == RDFS.domain:
        return f"whatever has '{n(s)}' is {_a(n(o))}"
    if p == RDFS.range:
        return f"every value of '{n(s)}' is {_a(n(o))}"
    if p == OWL.sameAs:
        return f"{n(s)} is the same as {n(o)}"
    if p == OWL.propertyChainAxiom:
        chain = " then ".join(f"'{n(q)}'" for q in graph.items(o))
        return f"following {chain} implies '{n(s)}'"
    if p in (OWL.intersectionOf, OWL.unionOf, OWL.oneOf):
        joiner = " and " if p == OWL.intersectionOf else " or " if p == OWL.unionOf else ", "
        members = joiner.join(n(m) for m in graph.items(o))
        return f"{n(s)} is exactly ({members})"
    # A well-known relation reads in words ("has broader"); a property named in quotes
    # above keeps its own label or CURIE, so two relations worded alike stay apart.
    verb = relation_label(graph, p) if p in STANDARD_LABELS else n(p)
    return f"{n(s)} {verb} {n(o)}"


# ------------------------------------------------------------------ trees
def explain(
    reasoning: Reasoning,
    subject: str | Node,
    predicate: str | Node,
    obj: str | Node,
    *,
    sources: Sequence[tuple[str, Graph]] = (),
    as_: Want | None = None,
) -> Explanation:
    """Explain why ``(subject predicate obj)`` holds in ``reasoning``, or that it does not.

    Args:
        reasoning: the result of :func:`copro_kg.reason` (any engine).
        subject, predicate, obj: rdflib terms, or text for :func:`resolve_term`
            (the predicate may also be ``type`` / ``a``).
        sources: ``(file name, graph)`` pairs, to say which file each asserted triple
            came from (:func:`copro_kg.load_sources` gives them).
        as_: what the subject and object name (``"class"``, ``"term"``); by default the
            predicate decides (classes for ``rdfs:subClassOf``, ``rdf:type``'s object ...),
            else the glossary's concept.

    Raises:
        UnknownTermError: a term cannot be resolved (or is ambiguous).
    """
    graph = reasoning.closure
    index = TermIndex(graph)
    if predicate in ("a", "type", "is a"):
        p: Node = RDF.type
    else:
        p = _as_term(index, predicate, "property")
    want_s, want_o = (as_, as_) if as_ is not None else _wants(p)
    s = _as_term(index, subject, want_s)
    o = _as_term(index, obj, want_o)
    triple: Triple = (s, p, o)
    text = sentence(graph, triple)
    if not reasoning.holds(triple):
        return Explanation(triple, text, None, distinctions(graph, s, o))
    builder = _TreeBuilder(reasoning, sources)
    return Explanation(triple, text, builder.step(triple))


_BETWEEN_CLASSES = (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, OWL.complementOf)
_BETWEEN_PROPERTIES = (
    RDFS.subPropertyOf,
    OWL.equivalentProperty,
    OWL.inverseOf,
    OWL.propertyDisjointWith,
)


def _wants(predicate: Node) -> tuple[Want, Want]:
    """What the subject and the object of ``predicate`` name (OWL 2 RDF mapping)."""
    if predicate in _BETWEEN_CLASSES:
        return "class", "class"
    if predicate in _BETWEEN_PROPERTIES:
        return "property", "property"
    if predicate in (RDFS.domain, RDFS.range):
        return "property", "class"
    if predicate == RDF.type:
        return "term", "class"
    return "term", "term"


def _as_term(index: TermIndex, value: str | Node, want: Want) -> Node:
    if isinstance(value, (URIRef, BNode, Literal)):
        return value
    return index.resolve(str(value), want=want)


def explain_link(reasoning: Reasoning, triple: Triple) -> str | None:
    """Why an inferred link holds, as the indented text of its derivation tree.

    The one wording the graphs (edge tooltips) and the site (term pages) show for a link
    the reasoner added: each step in words with its OWL 2 RL rule, down to the asserted
    facts. None for an asserted triple (nothing to explain) or one that does not hold.
    """
    if reasoning.derivation(triple) is None:
        return None
    return explain(reasoning, *triple).text(brief=True)


def link_explainer(result: object) -> LinkExplainer | None:
    """:func:`explain_link` bound to ``result``, or None when ``result`` keeps no
    derivations (a plain :class:`~rdflib.Graph`): links are then marked inferred, unexplained.
    """
    if not isinstance(result, Reasoning):
        return None

    def explain_one(triple: Triple) -> str | None:
        return explain_link(result, triple)

    return explain_one


class _Known:
    """What the steps of a result's explanations say, worked out once per result: the
    site explains hundreds of links of one result, whose trees share their steps."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.sentences: dict[Triple, str] = {}
        self.evidence: dict[Triple, Evidence | None] = {}
        self._links: LinkEvidence | None = None  # whose statements are ours; read once

    def sentence(self, triple: Triple) -> str:
        if triple not in self.sentences:
            self.sentences[triple] = sentence(self.graph, triple)
        return self.sentences[triple]

    def evidence_of(self, triple: Triple) -> Evidence | None:
        if triple not in self.evidence:
            if self._links is None:
                self._links = LinkEvidence(self.graph)
            self.evidence[triple] = self._links(*triple)
        return self.evidence[triple]


_KNOWN: WeakKeyDictionary[Reasoning, _Known] = WeakKeyDictionary()
"""Each result's :class:`_Known`, gone with the result (its closure does not change)."""


def _known(reasoning: Reasoning) -> _Known:
    found = _KNOWN.get(reasoning)
    if found is None:
        found = _KNOWN[reasoning] = _Known(reasoning.closure)
    return found


class _TreeBuilder:
    def __init__(self, reasoning: Reasoning, sources: Iterable[tuple[str, Graph]]) -> None:
        self.reasoning = reasoning
        self.known = _known(reasoning)  # the closure's sentences and evidence
        self.sources = list(sources)
        self.shown: set[Triple] = set()

    def source_of(self, triple: Triple) -> str | None:
        names = [name for name, g in self.sources if triple in g]
        return ", ".join(names) if names else None

    def step(self, triple: Triple) -> Step:
        text = self.known.sentence(triple)
        derivation = self.reasoning.derivation(triple)
        if derivation is None:
            found = self.known.evidence_of(triple)
            return Step(triple, text, source=self.source_of(triple), evidence=found)
        if triple in self.shown:
            return Step(triple, text, rule=derivation.rule, repeat=True)
        self.shown.add(triple)
        premises = [self.step(premise) for premise in derivation.premises]
        return Step(triple, text, rule=derivation.rule, premises=premises)


def distinctions(graph: Graph, a: Node, b: Node) -> list[str]:
    """What the glossary says distinguishes ``a`` and ``b``, quoting it.

    Reads ``copro:Distinction`` nodes (``copro:distinctionOf``, ``copro:distinguishedFrom``,
    ``copro:glossaryText``; see ``ontology/README.md``) in either direction. A class is
    matched through its concept (``copro:concept``). The line only names the two terms and
    quotes the glossary: a distinction is not always a plain "is not" ("Not all
    involvement is co-production ..., but all co-production is involvement"), so the
    glossary's own sentence says what it is.
    """

    def concepts(term: Node) -> set[Node]:
        return {term, *graph.objects(term, COPRO.concept)}

    mine, theirs = concepts(a), concepts(b)
    found: list[str] = []
    for node in sorted(graph.subjects(RDF.type, COPRO.Distinction), key=str):
        of = set(graph.objects(node, COPRO.distinctionOf))
        other = set(graph.objects(node, COPRO.distinguishedFrom))
        if (of & mine and other & theirs) or (of & theirs and other & mine):
            term = label(graph, next(iter(of)))
            not_term = label(graph, next(iter(other)))
            texts = sorted(str(t) for t in graph.objects(node, COPRO.glossaryText))
            quote = " ".join(f"\u201c{t}\u201d" for t in texts)
            found.append(f"The glossary distinguishes {term} from {not_term}: {quote}".rstrip(": "))
    return found
