"""What the site shows, read from the reasoned graph into plain records.

The templates never touch rdflib: :func:`read_terms` turns the closure into
:class:`Term` records (labels, definition, criteria, distinctions, relations ...), so
every page is generated from the graph only, and editing the ontology then re-running
``copro-kg site`` updates the site.

Which properties mean what is the ontology's contract (``ontology/README.md``); the
names are gathered in the constants below so there is one place to follow it.

Relations are split the way ISO 25964 displays them: generic (``iso-thes:broaderGeneric``,
"a kind of") apart from partitive (``copro:isPartOf`` / ``iso-thes:broaderPartitive``,
"part of"). A link the reasoner added (in ``result.inferred``, not in the asserted
data) is marked ``inferred`` and carries the reasoner's explanation.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import BASE, COPRO, ISOTHES

__all__ = [
    "Distinction",
    "Explain",
    "Link",
    "Mapping",
    "Passage",
    "Term",
    "in_sentence",
    "read_terms",
    "sentence_case",
    "slug_for",
]

Triple = tuple[Node, Node, Node]
Explain = Callable[[Triple], str | None]
"""Explains an inferred triple in a line or two, or returns None."""

# --- the ontology's vocabulary (ontology/README.md) ---------------------------------
IS_PART_OF = COPRO.isPartOf
HAS_PART = COPRO.hasPart
IN_GROUP = COPRO.inGroup
SPECTRUM_POSITION = COPRO.spectrumPosition
NEXT_PHASE = COPRO.nextPhase
QUOTE = COPRO.quote
CONCEPT_OF = COPRO.concept
CRITERION = COPRO.Criterion
CRITERION_FOR = COPRO.criterionFor
DISTINCTION = COPRO.Distinction
DISTINCTION_OF = COPRO.distinctionOf
DISTINGUISHED_FROM = COPRO.distinguishedFrom
GLOSSARY_TEXT = COPRO.glossaryText
GLOSSARY_SECTION = COPRO.glossarySection
PHASE_NUMBER = COPRO.phaseNumber
STATEMENTS = (COPRO.knowledgeStatement, COPRO.decisionStatement, COPRO.actionStatement)

# "How we know it's information: communication goes one way" -> the part after the colon
# (the page's heading already says "How we know it's information").
_HOW_WE_KNOW = re.compile(r"^\s*how we know it\W?s [^:]*:\s*", re.IGNORECASE)
# "It's not consultation because: the questions ..." -> "the questions ..."
_NOT_BECAUSE = re.compile(r"^\s*it\W?s not [^:]*because:?\s*", re.IGNORECASE)

_MAPPING_PROPS: tuple[tuple[URIRef, str], ...] = (
    (SKOS.exactMatch, "rel_exactMatch"),
    (SKOS.closeMatch, "rel_closeMatch"),
    (SKOS.broadMatch, "rel_broadMatch"),
    (SKOS.narrowMatch, "rel_narrowMatch"),
    (SKOS.relatedMatch, "rel_relatedMatch"),
)

_SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


@dataclass(frozen=True)
class Link:
    """A link from one term to another, for a list on a term page."""

    slug: str
    label: str
    inferred: bool = False
    explanation: str | None = None
    label_cy: str | None = None


@dataclass(frozen=True)
class Passage:
    """A sentence from the glossary (or ours), with where it comes from."""

    text: str
    source: str | None = None
    source_url: str | None = None
    section: str | None = None


@dataclass(frozen=True)
class Distinction:
    """ "It's not OTHER because REASON" -- a distinction the glossary draws."""

    other: Link
    reason: str
    because: bool = True
    """True when the glossary words it "It's not OTHER because: REASON"."""


@dataclass(frozen=True)
class Mapping:
    """A link to a term of another model (Arnstein, TLAP, IAP2 ...); always ours."""

    relation_key: str
    target_label: str
    scheme_label: str | None
    target_iri: str
    note: str | None = None
    source_url: str | None = None
    slug: str | None = None
    """The target's page on this site, when it has one."""


@dataclass
class Term:
    """Everything one term page shows."""

    iri: str
    slug: str
    label: str
    label_cy: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    alt_labels_cy: list[str] = field(default_factory=list)
    welsh_note: str | None = None
    definition: Passage | None = None
    how_we_know: list[Passage] = field(default_factory=list)
    distinctions: list[Distinction] = field(default_factory=list)
    quotes: list[Passage] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    broader_generic: list[Link] = field(default_factory=list)
    narrower_generic: list[Link] = field(default_factory=list)
    broader_partitive: list[Link] = field(default_factory=list)
    narrower_partitive: list[Link] = field(default_factory=list)
    broader_other: list[Link] = field(default_factory=list)
    narrower_other: list[Link] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    group: Link | None = None
    position: int | None = None
    next_phase: Link | None = None
    phase_number: int | None = None
    statements: list[str] = field(default_factory=list)
    in_glossary: bool = True
    scheme_label: str | None = None
    """For a concept of another scheme (Arnstein, TLAP, IAP2): that scheme's name."""

    @property
    def sort_key(self) -> str:
        """Alphabetical order that ignores case, accents and a leading "co-"'s hyphen."""
        return fold(self.label)

    @property
    def inferred_count(self) -> int:
        """How many links on the page the reasoner added."""
        return sum(link.inferred for link in self.all_links())

    def all_links(self) -> list[Link]:
        """Every term-to-term link on the page, in display order."""
        return [
            *self.broader_generic,
            *self.narrower_generic,
            *self.broader_partitive,
            *self.narrower_partitive,
            *self.broader_other,
            *self.narrower_other,
            *self.related,
        ]


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, for sorting and searching.

    >>> fold("Cydgynhyrchu Ŵ")
    'cydgynhyrchu w'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "How we know it's participation", not
    "... it's Participation" (the glossary's own wording). Only a capital followed by
    lower case is lowered, so acronyms (IAP2, TLAP) and names in capitals stay.

    >>> in_sentence("Participation"), in_sentence("IAP2 Consult")
    ('participation', 'IAP2 Consult')
    """
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def sentence_case(text: str) -> str:
    """``text`` with a capital first letter (a sentence cut out of a longer one).

    >>> sentence_case("the organisation engages")
    'The organisation engages'
    """
    return text[:1].upper() + text[1:]


def slug_for(iri: str, label: str | None = None) -> str:
    """A stable, file-system-safe page name for a term.

    Terms in the copro namespace use their own kebab-case local name
    (``copro:co-design`` -> ``co-design``), so URLs stay stable as long as IRIs do.
    Anything else (a user's own concept) gets a readable part from its local name plus
    a short hash of the full IRI, so two IRIs never share a page and a hostile IRI
    can never name a path outside the site.

    >>> slug_for("https://w3id.org/copro-kg/co-design")
    'co-design'
    >>> import re
    >>> slug = slug_for("https://example.org/My Thing/../x")  # local name "x" + 8 hex digits
    >>> bool(re.fullmatch(r"x-[0-9a-f]{8}", slug)), slug == slug_for("https://example.org/x")
    (True, False)
    """
    if iri.startswith(BASE):
        local = iri[len(BASE) :]
        if _SAFE_SLUG.match(local):
            return local
    local = re.split(r"[#/:]", iri.rstrip("/#"))[-1]
    readable = re.sub(r"[^a-z0-9]+", "-", fold(local)).strip("-")[:40] or "term"
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"


def _pick(values: Iterable[Node], lang: str | None) -> str | None:
    ranked = sorted((v for v in values if isinstance(v, Literal)), key=str)
    for value in ranked:
        if value.language == lang or (lang == "en" and value.language is None):
            return str(value)
    return None


def _all(values: Iterable[Node], lang: str | None) -> list[str]:
    return sorted(
        {
            str(v)
            for v in values
            if isinstance(v, Literal) and (v.language == lang or (lang == "en" and not v.language))
        },
        key=fold,
    )


class _Reader:
    """Lookups over the closure, shared by every term read."""

    def __init__(self, result: Any, explain: Explain | None) -> None:
        self.closure: Graph = result.closure
        self.inferred: Graph = result.inferred
        self.asserted: Graph = result.asserted
        self.explain = explain
        self.concepts = self._concepts()
        self.slugs = {c: slug_for(str(c)) for c in self.concepts}
        self._dedupe_slugs()

    def _concepts(self) -> list[URIRef]:
        found = {c for c in self.closure.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}
        return sorted(found, key=str)

    def _dedupe_slugs(self) -> None:
        # Two IRIs could still fold to one slug (copro:x and a user's copro:X): keep the
        # first and give the others a hash suffix.
        seen: dict[str, URIRef] = {}
        for concept in self.concepts:
            slug = self.slugs[concept]
            if slug in seen:
                digest = hashlib.sha256(str(concept).encode("utf-8")).hexdigest()[:8]
                slug = self.slugs[concept] = f"{slug}-{digest}"
            seen[slug] = concept

    def label(self, node: Node, lang: str = "en") -> str | None:
        """``skos:prefLabel`` in ``lang``; for English, ``rdfs:label`` as a fallback.

        Never ``rdfs:label`` in another language: SKOS makes every altLabel an
        rdfs:label, so a Welsh altLabel would otherwise pass for the Welsh prefLabel.
        """
        found = _pick(self.closure.objects(node, SKOS.prefLabel), lang)
        if found or lang != "en":
            return found
        return _pick(self.closure.objects(node, RDFS.label), lang)

    def display_label(self, node: Node) -> str:
        return self.label(node) or re.split(r"[#/:]", str(node).rstrip("/#"))[-1] or str(node)

    def link(self, subject: Node, prop: URIRef, target: Node) -> Link | None:
        if target not in self.slugs:
            return None
        asserted = (subject, prop, target) in self.asserted
        explanation = None
        if not asserted and self.explain is not None:
            explanation = self.explain((subject, prop, target))
        return Link(
            slug=self.slugs[target],  # type: ignore[index]
            label=self.display_label(target),
            inferred=not asserted,
            explanation=explanation,
            label_cy=self.label(target, "cy"),
        )

    def links(self, subject: Node, props: Sequence[URIRef], exclude: set[Node]) -> list[Link]:
        out: dict[str, Link] = {}
        for prop in props:
            for target in self.closure.objects(subject, prop):
                if target == subject or target in exclude:
                    continue
                link = self.link(subject, prop, target)
                # Prefer the asserted reading of a link when several properties give it.
                if link and (
                    link.slug not in out or (out[link.slug].inferred and not link.inferred)
                ):
                    out[link.slug] = link
        return sorted(out.values(), key=lambda link: fold(link.label))

    def reverse_links(self, obj: Node, props: Sequence[URIRef]) -> list[Link]:
        """Links to the terms that point at ``obj`` with ``props`` (the narrower side of
        a broader link), so the page shows them even where the inverse is not stated."""
        out: dict[str, Link] = {}
        for prop in props:
            for subject in self.closure.subjects(prop, obj):
                if subject == obj or subject not in self.slugs:
                    continue
                asserted = (subject, prop, obj) in self.asserted
                link = Link(
                    slug=self.slugs[subject],  # type: ignore[index]
                    label=self.display_label(subject),
                    inferred=not asserted,
                    explanation=None
                    if asserted or self.explain is None
                    else self.explain((subject, prop, obj)),
                    label_cy=self.label(subject, "cy"),
                )
                if link.slug not in out or (out[link.slug].inferred and not link.inferred):
                    out[link.slug] = link
        return sorted(out.values(), key=lambda link: fold(link.label))

    def text(self, node: Node, *props: URIRef, plain: bool = False) -> str | None:
        """The English (or untagged) value of the first of ``props`` that has one;
        with ``plain``, several values are joined ("Co-production; Co-design")."""
        for prop in props:
            if plain:
                values = _all(self.closure.objects(node, prop), "en")
                if values:
                    return "; ".join(values)
                continue
            found = _pick(self.closure.objects(node, prop), "en")
            if found:
                return found
        return None

    def source(self, node: Node) -> tuple[str | None, str | None]:
        """(label, url) of ``dcterms:source`` on ``node``: a literal, an IRI, or a node
        with a label and an IRI of its own."""
        for value in sorted(self.closure.objects(node, DCTERMS.source), key=str):
            if isinstance(value, Literal):
                return str(value), None
            if isinstance(value, URIRef):
                label = self.label(value) or self.text(value, DCTERMS.title)
                url = str(value) if str(value).startswith(("http://", "https://")) else None
                return label or url, url
        return None, None


def read_terms(result: Any, *, explain: Explain | None = None) -> list[Term]:
    """Every SKOS concept of the reasoned graph as a :class:`Term`, sorted A to Z.

    Args:
        result: a :class:`copro_kg.Reasoning` (``.asserted``, ``.closure``, ``.inferred``).
        explain: explains an inferred link in a line or two (the reasoner's
            derivation); without it inferred links are marked but not explained.
    """
    reader = _Reader(result, explain)
    terms = [_read_term(reader, concept) for concept in reader.concepts]
    return sorted(terms, key=lambda t: (t.sort_key, t.slug))


def _read_term(r: _Reader, concept: URIRef) -> Term:
    g = r.closure
    label = r.display_label(concept)
    definition_text = r.text(concept, SKOS.definition)
    src_label, src_url = r.source(concept)
    term = Term(
        iri=str(concept),
        slug=r.slugs[concept],
        label=label,
        label_cy=r.label(concept, "cy"),
        alt_labels=[a for a in _all(g.objects(concept, SKOS.altLabel), "en") if a != label],
        alt_labels_cy=_all(g.objects(concept, SKOS.altLabel), "cy"),
        definition=Passage(
            definition_text, src_label, src_url, r.text(concept, GLOSSARY_SECTION, plain=True)
        )
        if definition_text
        else None,
        quotes=[Passage(q) for q in _all(g.objects(concept, QUOTE), "en")],
        examples=_all(g.objects(concept, SKOS.example), "en"),
        notes=_all(g.objects(concept, SKOS.scopeNote), "en"),
        in_glossary=(concept, SKOS.inScheme, COPRO.glossary) in g,
    )
    schemes = sorted((x for x in g.objects(concept, SKOS.inScheme) if x != COPRO.glossary), key=str)
    if not term.in_glossary and schemes:
        term.scheme_label = r.text(schemes[0], DCTERMS.title) or r.display_label(schemes[0])
    generic_up = r.links(concept, [ISOTHES.broaderGeneric], set())
    partitive_up = r.links(concept, [ISOTHES.broaderPartitive, IS_PART_OF], set())
    generic_down = _merge(
        r.links(concept, [ISOTHES.narrowerGeneric], set()),
        r.reverse_links(concept, [ISOTHES.broaderGeneric]),
    )
    partitive_down = _merge(
        r.links(concept, [ISOTHES.narrowerPartitive, HAS_PART], set()),
        r.reverse_links(concept, [ISOTHES.broaderPartitive, IS_PART_OF]),
    )
    typed = {k.slug for k in [*generic_up, *partitive_up, *generic_down, *partitive_down]}
    term.broader_generic, term.broader_partitive = generic_up, partitive_up
    term.narrower_generic, term.narrower_partitive = generic_down, partitive_down
    # Plain skos:broader links that are neither generic nor partitive (e.g. a user's
    # own data) are shown too, under a neutral heading.
    term.broader_other = [k for k in r.links(concept, [SKOS.broader], set()) if k.slug not in typed]
    term.narrower_other = [
        k
        for k in _merge(
            r.links(concept, [SKOS.narrower], set()), r.reverse_links(concept, [SKOS.broader])
        )
        if k.slug not in typed
    ]
    term.mappings = _mappings(r, concept)
    mapped: set[Node] = {URIRef(m.target_iri) for m in term.mappings}
    # SKOS makes skos:relatedMatch a sub-property of skos:related: a mapping is shown
    # once, under "Similar ideas in other models", not again as a related term.
    term.related = r.links(concept, [SKOS.related], mapped)
    group = next(iter(sorted(g.objects(concept, IN_GROUP), key=str)), None)
    if group is not None:
        term.group = r.link(concept, IN_GROUP, group)
    term.how_we_know = _criteria(r, concept)
    term.distinctions = _distinctions(r, concept)
    term.welsh_note = next(
        (n for n in _all(g.objects(concept, SKOS.editorialNote), "en") if "Welsh" in n), None
    )
    term.statements = [t for prop in STATEMENTS for t in _all(g.objects(concept, prop), "en")]
    number = next(iter(g.objects(concept, PHASE_NUMBER)), None)
    if isinstance(number, Literal) and isinstance(number.toPython(), int):
        term.phase_number = int(number.toPython())
    nxt = next(iter(sorted(g.objects(concept, NEXT_PHASE), key=str)), None)
    if nxt is not None:
        term.next_phase = r.link(concept, NEXT_PHASE, nxt)
    position = next(iter(g.objects(concept, SPECTRUM_POSITION)), None)
    if isinstance(position, Literal) and isinstance(position.toPython(), int):
        term.position = int(position.toPython())
    return term


def _criteria(r: _Reader, concept: URIRef) -> list[Passage]:
    """The glossary's "How we know it's ..." sentences: criteria (``copro:Criterion``)
    for this term, each with its glossary text."""
    out = []
    for criterion in sorted(r.closure.subjects(CRITERION_FOR, concept), key=str):
        text = r.text(criterion, GLOSSARY_TEXT, RDFS.comment)
        if text:
            label, url = r.source(criterion)
            out.append(Passage(sentence_case(_HOW_WE_KNOW.sub("", text, count=1)), label, url))
    unique: dict[str, Passage] = {}
    for passage in out:  # two criteria may quote the same sentence: show it once
        unique.setdefault(passage.text, passage)
    return list(unique.values())


def _distinctions(r: _Reader, concept: URIRef) -> list[Distinction]:
    """The glossary's "It's not OTHER because ..." statements (``copro:Distinction``)."""
    out = []
    for node in sorted(r.closure.subjects(DISTINCTION_OF, concept), key=str):
        text = r.text(node, GLOSSARY_TEXT, RDFS.comment)
        for other in sorted(r.closure.objects(node, DISTINGUISHED_FROM), key=str):
            link = r.link(node, DISTINGUISHED_FROM, other)
            if text and link is not None:
                link = Link(link.slug, link.label, label_cy=link.label_cy)  # a fact, not inferred
                reason = _NOT_BECAUSE.sub("", text, count=1)
                out.append(Distinction(link, reason, because=reason != text))
    return sorted(out, key=lambda d: fold(d.other.label))


def _merge(*lists: list[Link]) -> list[Link]:
    """One list of links per target, an asserted link winning over an inferred one."""
    out: dict[str, Link] = {}
    for link in (link for links in lists for link in links):
        if link.slug not in out or (out[link.slug].inferred and not link.inferred):
            out[link.slug] = link
    return sorted(out.values(), key=lambda link: fold(link.label))


def _mappings(r: _Reader, concept: URIRef) -> list[Mapping]:
    """Links to other models' terms (skos:*Match to a concept outside our scheme),
    each with the note copro-kg wrote on the mapping (an owl:Axiom annotation)."""
    out = []
    for prop, key in _MAPPING_PROPS:
        for target in sorted(r.closure.objects(concept, prop), key=str):
            if not isinstance(target, URIRef) or target == concept:
                continue
            if (target, SKOS.inScheme, COPRO.glossary) in r.closure:
                continue  # inside our own scheme it is a relation, shown as one
            if (concept, prop, target) not in r.asserted:
                continue  # inverses and symmetric closure restate the asserted mapping
            scheme = next(iter(sorted(r.closure.objects(target, SKOS.inScheme), key=str)), None)
            out.append(
                Mapping(
                    relation_key=key,
                    target_label=r.display_label(target),
                    scheme_label=(r.text(scheme, DCTERMS.title) or r.display_label(scheme))
                    if scheme is not None
                    else None,
                    target_iri=str(target),
                    note=_axiom_note(r, concept, prop, target)
                    or r.text(target, SKOS.definition, SKOS.scopeNote, RDFS.comment),
                    source_url=r.source(target)[1],
                    slug=r.slugs.get(target),
                )
            )
    return out


def _axiom_note(r: _Reader, source: URIRef, prop: URIRef, target: URIRef) -> str | None:
    """The editorial note on the owl:Axiom that annotates ``source prop target``."""
    for axiom in r.closure.subjects(OWL.annotatedSource, source):
        if (axiom, OWL.annotatedProperty, prop) in r.closure and (
            axiom,
            OWL.annotatedTarget,
            target,
        ) in r.closure:
            return r.text(axiom, SKOS.editorialNote, RDFS.comment)
    return None
