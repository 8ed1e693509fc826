"""What each statement about the glossary's terms rests on: the glossary's words, or ours.

Every asserted statement about a term of the glossary has evidence, read from the data by
one rule (``docs/modelling.md`` § Evidence; ``ontology/README.md``):

1. **An annotated axiom** (``owl:Axiom`` with ``owl:annotatedSource`` / ``Property`` /
   ``Target``, the OWL 2 way to say something about a triple; ``ontology/evidence.ttl``)
   carries ``copro:glossaryText`` (the glossary's sentence, verbatim) with
   ``copro:glossarySection`` (its heading), or ``copro:ourReading`` (why it is ours, in one
   sentence), or both (our reading of that sentence).
2. **A record that quotes the glossary** -- a criterion, a distinction, a feature value,
   an example activity, a passage -- is evidence for its own statements: its
   ``copro:glossaryText``, or its ``copro:ourReading`` when the record is our reading.
   An OWL axiom whose main node is a blank node (``owl:AllDisjointClasses``) carries the same
   annotations on that node, and a class carries them for its definition (its axioms with
   an anonymous class expression, which no ``owl:Axiom`` in another file can name).
3. **A quotation**: a definition, scope note, example, quote, power statement or English
   label of a term sourced from the glossary *is* the glossary's text; of a term not sourced
   from it (statutory definitions, grouping concepts), it is ours.
4. **Bookkeeping** of ours by its kind (:data:`OURS_BY_KIND`): scheme membership, sources,
   editorial notes, Welsh labels, mappings to other models, our own documentation.

Anything else has no evidence, which ``tests/test_evidence.py`` refuses.

>>> from copro_kg import load
>>> from copro_kg.namespace import COPRO
>>> g = load()
>>> e = evidence_for(g, COPRO["co-design"], COPRO.isPartOf, COPRO["co-production"])
>>> e.kind, e.section
('glossary', 'Co-production and co-design')
>>> e.text.startswith("Co-design is a component part of a co-production process")
True
>>> evidence_for(g, COPRO.consultation, COPRO.sharesMorePowerThan, COPRO.information).kind
'ours'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from typing import Literal as Kind

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import COPRO

__all__ = [
    "GLOSSARY_SOURCE",
    "OURS_BY_KIND",
    "QUOTING",
    "Evidence",
    "LinkEvidence",
    "Shipped",
    "evidence_for",
    "glossary_statements",
    "our_reading",
    "term_subjects",
]

GLOSSARY_SOURCE = URIRef("https://info.copronet.wales/glossary-of-engagement-terminology/")
"""The glossary's address: ``dcterms:source`` of every term it gives."""

QUOTING: tuple[URIRef, ...] = (
    SKOS.definition,
    SKOS.scopeNote,
    SKOS.example,
    SKOS.prefLabel,
    SKOS.altLabel,
    COPRO.quote,
    COPRO.glossaryText,
    COPRO.knowledgeStatement,
    COPRO.decisionStatement,
    COPRO.actionStatement,
)
"""Properties whose English value on a term sourced from the glossary is the glossary's text."""

OURS_BY_KIND: Mapping[Node, str] = {
    RDF.type: "The kind of resource it is in our model.",
    RDFS.label: "Our name for a record of the model.",
    RDFS.comment: "Our documentation of the model.",
    SKOS.inScheme: "Our arrangement of the glossary as a concept scheme.",
    SKOS.topConceptOf: "Our arrangement of the glossary as a concept scheme.",
    SKOS.hasTopConcept: "Our arrangement of the glossary as a concept scheme.",
    SKOS.editorialNote: "Our editorial note: it says what we added and from where.",
    SKOS.hiddenLabel: "A spelling of ours, for search.",
    SKOS.notation: "The section of the Act, added by us (see the editorial note).",
    SKOS.closeMatch: "A mapping of ours to another model; its note says why.",
    SKOS.exactMatch: "A mapping of ours to another model; its note says why.",
    SKOS.broadMatch: "A mapping of ours to another model; its note says why.",
    SKOS.narrowMatch: "A mapping of ours to another model; its note says why.",
    SKOS.relatedMatch: "A mapping of ours to another model; its note says why.",
    DCTERMS.source: "Where the text is from.",
    DCTERMS.created: "Release bookkeeping: the first release that held the term.",
    DCTERMS.modified: "Release bookkeeping: the last release that changed the term.",
    DCTERMS.isReplacedBy: "Release bookkeeping: the term that replaces a deprecated one.",
    OWL.deprecated: "Release bookkeeping: the term is deprecated.",
    SKOS.changeNote: "Release bookkeeping: a note of ours on a change.",
    SKOS.historyNote: "Release bookkeeping: a note of ours on the term's history.",
    DCTERMS.bibliographicCitation: "A citation we added (see the editorial note).",
    RDFS.seeAlso: "A link we added to the source or a related page.",
    OWL.differentFrom: "Our model: the values of one feature are different answers.",
    COPRO.glossarySection: "Where the glossary gives it: the heading, as we read the layout.",
    COPRO.listPosition: "Our record of the glossary's order of a list.",
    COPRO.concept: "Our link between a class and the term it stands for.",
    COPRO.coversLevel: "Our link between a column class and the levels in that column.",
    COPRO.passageFor: "The pages we show the passage on.",
    COPRO.question: "Our plain-language question for the questionnaire.",
    COPRO.questionOrder: "Our order of the questionnaire's questions.",
    COPRO.introduces: "Our link between a sentence and the items of the list it introduces.",
    COPRO.ourReading: "Our reading, with its reason.",
}
"""Properties whose statements are our bookkeeping, each with the reason in one sentence."""

_WELSH = (
    "A Welsh label added by us (the glossary is in English); the editorial note gives its source."
)
_ACTIVITY = "Our model: every class of activities is a class of engagement activities."

# Subjects that are records quoting the glossary (rule 2).
_RECORD_TYPES = (
    COPRO.Criterion,
    COPRO.Distinction,
    COPRO.Passage,
    COPRO.EngagementActivity,
    COPRO.ActionValue,
    COPRO.AudienceValue,
    COPRO.CommunicationValue,
    COPRO.DecisionValue,
    COPRO.KnowledgeValue,
    COPRO.PurposeValue,
)
# On a record that is our reading, these statements are still the glossary's own.
_RECORD_GLOSSARY = (COPRO.glossaryLevel, COPRO.glossaryText)
_CLASS_AXIOMS = (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith)


@dataclass(frozen=True)
class Evidence:
    """What one statement rests on.

    ``kind`` is ``"glossary"`` when the glossary says it (``text`` is its sentence, verbatim,
    ``section`` its heading) and ``"ours"`` when it is our modelling or reading (``reason``
    says why in one sentence; ``text`` is the glossary's sentence it reads, if any).
    ``via`` is the rule that found it: ``axiom``, ``record``, ``quote`` or ``kind``.
    """

    kind: Kind["glossary", "ours"]
    text: str = ""
    section: str = ""
    reason: str = ""
    via: str = "axiom"

    @property
    def ours(self) -> bool:
        return self.kind == "ours"

    def line(self) -> str:
        """One line for a reader: the glossary's sentence with its section, or our reading.

        >>> Evidence("ours", reason="Read from the figure.").line()
        'our reading: Read from the figure.'
        >>> Evidence("glossary", "It is.", "Co-design").line()
        'the glossary (Co-design): \u201cIt is.\u201d'
        """
        if self.ours:
            return f"{'ours' if self.via == 'kind' else 'our reading'}: {self.reason}"
        where = f" ({self.section})" if self.section else ""
        return f"the glossary{where}: \u201c{self.text}\u201d"


def _texts(graph: Graph, node: Node, prop: URIRef) -> list[str]:
    return sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, Literal))


def _annotated(graph: Graph, node: Node, via: str) -> Evidence | None:
    """The evidence annotations on ``node`` (an ``owl:Axiom``, a record, a class), if any."""
    text = " \u2026 ".join(_texts(graph, node, COPRO.glossaryText))
    section = "; ".join(_texts(graph, node, COPRO.glossarySection))
    reason = " ".join(_texts(graph, node, COPRO.ourReading))
    if reason:
        return Evidence("ours", text, section, reason, via)
    if text:
        return Evidence("glossary", text, section, via=via)
    return None


def _axiom(graph: Graph, s: Node, p: Node, o: Node, *, evidence: bool) -> Node | None:
    """The ``owl:Axiom`` annotating ``(s p o)``: with ``evidence``, one that carries evidence;
    else any (mappings.ttl annotates each mapping with its note the same way)."""
    for axiom in graph.subjects(OWL.annotatedSource, s):
        same = (axiom, OWL.annotatedProperty, p) in graph and (
            axiom,
            OWL.annotatedTarget,
            o,
        ) in graph
        if same and (
            not evidence
            or any((axiom, q, None) in graph for q in (COPRO.glossaryText, COPRO.ourReading))
        ):
            return axiom
    return None


def our_reading(graph: Graph, s: Node, p: Node, o: Node) -> str | None:
    """The reason a statement is ours, when its evidence says so; else None."""
    found = evidence_for(graph, s, p, o)
    return found.reason if found is not None and found.ours else None


def _is_record(graph: Graph, s: Node) -> bool:
    types = set(graph.objects(s, RDF.type))
    return any(t in types for t in _RECORD_TYPES)


def evidence_for(graph: Graph, s: Node, p: Node, o: Node) -> Evidence | None:
    """The evidence of the statement ``(s p o)`` in ``graph``, or None when it has none.

    ``graph`` is the asserted graph (or a closure: the evidence is asserted in both).
    """
    axiom = _axiom(graph, s, p, o, evidence=True) or _axiom(graph, s, p, o, evidence=False)
    found = _annotated(graph, axiom, "axiom") if axiom is not None else None
    if found is not None:
        return found
    if isinstance(s, BNode):  # an axiom whose main node is blank (owl:AllDisjointClasses)
        return _annotated(graph, s, "record")
    if p in _CLASS_AXIOMS and isinstance(o, BNode):  # a class's definition
        return _annotated(graph, s, "record")
    if p in _CLASS_AXIOMS and o == COPRO.EngagementActivity:
        return Evidence("ours", reason=_ACTIVITY, via="kind")
    if p == COPRO.glossaryText and isinstance(o, Literal):
        section = "; ".join(_texts(graph, s, COPRO.glossarySection))
        return Evidence("glossary", str(o), section, via="quote")
    if isinstance(o, Literal) and o.language == "cy":
        return Evidence("ours", reason=_WELSH, via="kind")
    if (p in OURS_BY_KIND and p != RDFS.label) or (p == RDFS.label and _is_record(graph, s)):
        notes = _texts(graph, axiom, SKOS.editorialNote) if axiom is not None else []
        return Evidence("ours", reason=" ".join(notes) or OURS_BY_KIND[p], via="kind")
    if _is_record(graph, s):
        found = _annotated(graph, s, "record")
        if found is not None and found.ours and p in _RECORD_GLOSSARY and found.text:
            return Evidence("glossary", found.text, found.section, via="record")
        return found
    if p in QUOTING and isinstance(o, Literal):
        if (s, DCTERMS.source, GLOSSARY_SOURCE) in graph:
            section = "; ".join(_texts(graph, s, COPRO.glossarySection))
            return Evidence("glossary", str(o), section, via="quote")
        return Evidence(
            "ours",
            reason="Added by us from another source (the one it names); the glossary does "
            "not give it.",
            via="quote",
        )
    if p == RDFS.label:
        return Evidence("ours", reason=OURS_BY_KIND[p], via="kind")
    return None


class Shipped:
    """``shipped(node)``: is ``node`` described only by the shipped ontology files? And
    :meth:`states`: do the shipped files state a triple? (Read from
    :class:`copro_kg.io.sources.Source` objects: ``.graph``, ``.shipped``.)

    A node the user's files also describe counts as theirs (the overview shows it); a link
    is theirs only when the shipped files do not state it, so a user's link to a glossary
    term leaves the term's own links the glossary's (and ours where they are ours).
    """

    def __init__(self, sources: Iterable[Any]) -> None:  # copro_kg.io.sources.Source
        shipped: set[Node] = set()
        user: set[Node] = set()
        self._graphs: list[Graph] = []
        for source in sources:
            (shipped if source.shipped else user).update(source.graph.subjects())
            if source.shipped:
                self._graphs.append(source.graph)
        self._only = shipped - user

    def __call__(self, node: Node) -> bool:
        return node in self._only

    def states(self, triple: tuple[Node, Node, Node]) -> bool:
        """Is ``triple`` (between named nodes) stated by a shipped file?"""
        return any(triple in graph for graph in self._graphs)


class LinkEvidence:
    """Whose an asserted link between two terms is -- the glossary's or ours, and why: the
    one decision every face uses (the graphs' dotted lines, the term pages' badges,
    ``copro-kg explain``; issue 25).

    Only statements about the glossary's terms have evidence (:func:`term_subjects`), and
    only those of the shipped glossary: a link the user's own files state is theirs, never
    "our reading" (a user's activity typed ``copro:EngagementActivity`` would otherwise read
    "ours: the kind of resource ..."). ``stated(triple)`` says whether the shipped files
    state a triple (a user's link to a glossary term is theirs, the term's other links stay
    the glossary's); without it, ``shipped(node)`` says whether a subject is the shipped
    glossary's only, and its links are taken as the glossary's.

    >>> from copro_kg import load
    >>> links = LinkEvidence(load())
    >>> links.ours(COPRO.coercion, COPRO.inGroup, COPRO["doing-to"]).via
    'axiom'
    >>> links.ours(COPRO["co-design"], COPRO.isPartOf, COPRO["co-production"]) is None
    True
    """

    def __init__(
        self,
        asserted: Graph,
        shipped: Callable[[Node], bool] | None = None,
        stated: Callable[[tuple[Node, Node, Node]], bool] | None = None,
    ) -> None:
        self.graph = asserted
        self.terms = term_subjects(asserted)
        self.shipped = shipped
        if stated is None and isinstance(shipped, Shipped):
            stated = shipped.states
        self.stated = stated

    def theirs(self, s: Node, p: Node, o: Node) -> bool:
        """Is ``(s p o)`` the user's own statement, not the shipped glossary's? (False when
        neither ``stated`` nor ``shipped`` can tell.)"""
        if self.stated is not None:
            return not self.stated((s, p, o))
        return self.shipped is not None and not self.shipped(s)

    def __call__(self, s: Node, p: Node, o: Node) -> Evidence | None:
        """The evidence of ``(s p o)`` when it is a statement about the glossary's terms."""
        if s not in self.terms or self.theirs(s, p, o):
            return None
        return evidence_for(self.graph, s, p, o)

    def ours(self, s: Node, p: Node, o: Node) -> Evidence | None:
        """The evidence of ``(s p o)`` when the link is ours (a reading of ours, or ours by
        its kind: :data:`OURS_BY_KIND`), else None (the glossary's, or the user's)."""
        found = self(s, p, o)
        return found if found is not None and found.ours else None


def term_subjects(graph: Graph) -> set[Node]:
    """The resources whose statements are about the glossary's terms (they need evidence)."""
    glossary = COPRO["glossary"]
    found: set[Node] = {s for s in graph.subjects(SKOS.inScheme, glossary)}
    for record_type in _RECORD_TYPES:
        found.update(graph.subjects(RDF.type, record_type))
    for cls in graph.subjects(RDF.type, OWL.Class):
        if (
            isinstance(cls, URIRef)
            and cls in COPRO
            and (
                (cls, COPRO.concept, None) in graph
                or (cls, COPRO.coversLevel, None) in graph
                or (cls, COPRO.glossaryText, None) in graph
                or (cls, COPRO.ourReading, None) in graph
            )
        ):
            found.add(cls)
    found.update(graph.subjects(RDF.type, OWL.AllDisjointClasses))
    return found


def glossary_statements(graph: Graph) -> Iterator[tuple[Node, Node, Node]]:
    """Every asserted statement about the glossary's terms, sorted: what needs evidence.

    Subjects: the concepts of the glossary's scheme, the records that quote it (criteria,
    distinctions, feature values, example activities, passages), the classes of activities
    and the ``owl:AllDisjointClasses`` axioms (one statement each: their ``owl:members``).
    """
    subjects = term_subjects(graph)
    rows = [
        (s, p, o)
        for s, p, o in graph
        if s in subjects
        and p not in (RDF.first, RDF.rest)
        and not (isinstance(s, BNode) and p != OWL.members)
    ]
    yield from sorted(rows, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
