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
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.namespace import COPRO, ISOTHES
from copro_kg.site.records import (
    Distinction,
    Explain,
    Link,
    Mapping,
    Passage,
    Term,
    fold,
    in_sentence,
    sentence_case,
    slug_for,
)
from copro_kg.site.statements import criteria, distinctions, passages, statement_texts, unshown
from copro_kg.vocab.evidence import LinkEvidence, evidence_for
from copro_kg.vocab.glossary import concept as read_concept
from copro_kg.vocab.labels import label_in, local_name

__all__ = [
    "Distinction",
    "Explain",
    "Link",
    "Mapping",
    "Passage",
    "Term",
    "fold",
    "in_sentence",
    "read_terms",
    "sentence_case",
    "slug_for",
]

# --- the ontology's vocabulary (ontology/README.md) ---------------------------------
IS_PART_OF = COPRO.isPartOf
HAS_PART = COPRO.hasPart
IN_GROUP = COPRO.inGroup
SPECTRUM_POSITION = COPRO.spectrumPosition
NEXT_PHASE = COPRO.nextPhase
SHARES_MORE = COPRO.sharesMorePowerThan
CAN_AUGMENT = COPRO.canAugment
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
LIST_POSITION = COPRO.listPosition
STATEMENTS = (COPRO.knowledgeStatement, COPRO.decisionStatement, COPRO.actionStatement)

_MAPPING_PROPS: tuple[tuple[URIRef, str], ...] = (
    (SKOS.exactMatch, "rel_exactMatch"),
    (SKOS.closeMatch, "rel_closeMatch"),
    (SKOS.broadMatch, "rel_broadMatch"),
    (SKOS.narrowMatch, "rel_narrowMatch"),
    (SKOS.relatedMatch, "rel_relatedMatch"),
)
_INVERSE_MATCH = {SKOS.broadMatch: SKOS.narrowMatch, SKOS.narrowMatch: SKOS.broadMatch}


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

    def __init__(
        self, result: Any, explain: Explain | None, shipped: Callable[[Node], bool] | None
    ) -> None:
        self.closure: Graph = result.closure
        self.inferred: Graph = result.inferred
        self.asserted: Graph = result.asserted
        self.explain = explain
        self.evidence = LinkEvidence(self.asserted, shipped)  # the graphs' decision too
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
        """The label in ``lang`` only (:func:`copro_kg.vocab.labels.label_in`)."""
        return label_in(self.closure, node, lang)

    def display_label(self, node: Node) -> str:
        return self.label(node) or local_name(str(node))

    def link(self, subject: Node, prop: URIRef, target: Node) -> Link | None:
        if target not in self.slugs:
            return None
        return self._link(subject, prop, target, target)

    def _link(self, subject: Node, prop: URIRef, target: Node, shown: Node) -> Link:
        """The link ``subject prop target`` as an entry naming ``shown`` (either end)."""
        asserted = (subject, prop, target) in self.asserted
        explanation = None
        if not asserted and self.explain is not None:
            explanation = self.explain((subject, prop, target))
        found = self.evidence.ours(subject, prop, target) if asserted else None
        return Link(
            slug=self.slugs[shown],  # type: ignore[index]
            label=self.display_label(shown),
            inferred=not asserted,
            explanation=explanation,
            label_cy=self.label(shown, "cy"),
            order=self.position(shown),
            ours=found.reason if found is not None else "",
            ours_kind=found is not None and found.via == "kind",
            stated=(str(subject), str(prop), str(target)) if asserted else None,
        )

    def position(self, node: Node) -> int | None:
        """``copro:listPosition``: where the glossary's own list puts ``node``."""
        value = self.closure.value(node, LIST_POSITION)
        if isinstance(value, Literal) and isinstance(value.toPython(), int):
            return int(value.toPython())
        return None

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
        return sorted(out.values(), key=lambda link: link.sort_key)

    def reverse_links(self, obj: Node, props: Sequence[URIRef]) -> list[Link]:
        """Links to the terms that point at ``obj`` with ``props`` (the narrower side of
        a broader link), so the page shows them even where the inverse is not stated."""
        out: dict[str, Link] = {}
        for prop in props:
            for subject in self.closure.subjects(prop, obj):
                if subject == obj or subject not in self.slugs:
                    continue
                link = self._link(subject, prop, obj, subject)
                if link.slug not in out or (out[link.slug].inferred and not link.inferred):
                    out[link.slug] = link
        return sorted(out.values(), key=lambda link: link.sort_key)

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


def read_terms(
    result: Any,
    *,
    explain: Explain | None = None,
    shipped: Callable[[Node], bool] | None = None,
) -> list[Term]:
    """Every SKOS concept of the reasoned graph as a :class:`Term`, sorted A to Z.

    Args:
        result: a :class:`copro_kg.Reasoning` (``.asserted``, ``.closure``, ``.inferred``).
        explain: explains an inferred link in a line or two (the reasoner's
            derivation); without it inferred links are marked but not explained.
        shipped: ``shipped(node)``: described by the shipped glossary only
            (:func:`copro_kg.viz.convert.shipped_from`): only its links can be ours.
    """
    reader = _Reader(result, explain, shipped)
    terms = [_read_term(reader, concept) for concept in reader.concepts]
    return sorted(terms, key=lambda t: (t.sort_key, t.slug))


def _read_term(r: _Reader, concept: URIRef) -> Term:
    g = r.closure
    record = read_concept(g, concept)  # names and texts: vocab.glossary, the one reader
    label = r.display_label(concept)
    definition_text = record.definition
    src_label, src_url = r.source(concept)
    term = Term(
        iri=str(concept),
        slug=r.slugs[concept],
        label=label,
        label_cy=record.label_cy,
        alt_labels=[a for a in sorted(record.alt_labels, key=fold) if a != label],
        alt_labels_cy=sorted(record.alt_labels_cy, key=fold),
        definition=Passage(definition_text, src_label, src_url, record.section)
        if definition_text
        else None,
        quotes=[Passage(q) for q in sorted(record.quotes, key=fold)],
        examples=sorted(record.examples, key=fold),
        notes=sorted(record.scope_notes, key=fold),
        in_glossary=record.in_glossary,
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
    # A mapping to another model (skos:broadMatch is a kind of skos:broader in SKOS) is
    # ours, not the glossary's hierarchy: shown only under "Similar ideas in other models".
    typed = {k.slug for k in [*generic_up, *partitive_up, *generic_down, *partitive_down]}
    typed |= {r.slugs[t] for t in _mapped(r, concept) if isinstance(t, URIRef) and t in r.slugs}
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
    # SKOS makes skos:relatedMatch a sub-property of skos:related: a mapping is shown
    # once, under "Similar ideas in other models", not again as a related term.
    # "Can augment" is a kind of "related": the stated link is shown, marked ours where it
    # is, from either side (the other term's page shows it too, not an inferred echo).
    mapped = _mapped(r, concept)
    term.related = _merge(
        r.links(concept, [CAN_AUGMENT, SKOS.related], mapped),
        [k for k in r.reverse_links(concept, [CAN_AUGMENT, SKOS.related]) if not k.inferred],
    )
    mapped_slugs = {r.slugs[m] for m in mapped if isinstance(m, URIRef) and m in r.slugs}
    term.related = [k for k in term.related if k.slug not in mapped_slugs]
    group = record.group
    if group is not None:
        term.group = r.link(concept, IN_GROUP, group)
    term.distinctions = distinctions(r, concept)
    term.how_we_know, term.criteria = criteria(
        r, concept, statement_texts(r, DISTINCTION_OF, concept)
    )
    term.passages = passages(r, concept)
    term.notes = unshown(term, term.notes)
    term.ours = _ours(g, concept)
    term.welsh_note = next(
        (n for n in _all(g.objects(concept, SKOS.editorialNote), "en") if "Welsh" in n), None
    )
    term.statements = [t for prop in STATEMENTS for t in _all(g.objects(concept, prop), "en")]
    term.phase_number = record.phase
    # Co-planning leads to co-design and to co-decision making (one phase): keep both,
    # in the glossary's order, so no step of the cycle is dropped.
    term.next_phases = r.links(concept, [NEXT_PHASE], set())
    term.next_phase = term.next_phases[0] if term.next_phases else None
    # The neighbours the data states (the pictures' arrows), each marked ours where it is
    # our reading: the phase before, the levels next along the spectrum.
    term.previous_phases = _stated(r.reverse_links(concept, [NEXT_PHASE]))
    term.more_power_than = _stated(r.links(concept, [SHARES_MORE], set()))
    term.less_power_than = _stated(r.reverse_links(concept, [SHARES_MORE]))
    term.levels = _stated(r.reverse_links(concept, [IN_GROUP]))
    term.position = record.position
    term.list_position = r.position(concept)
    return term


def _ours(graph: Graph, concept: URIRef) -> dict[str, str]:
    """The definitions and notes of ``concept`` that are ours, each with the reason
    (:func:`copro_kg.vocab.evidence.evidence_for`)."""
    out = {}
    for prop in (SKOS.definition, SKOS.scopeNote):
        for text in graph.objects(concept, prop):
            found = evidence_for(graph, concept, prop, text)
            if found is not None and found.ours:
                out[str(text)] = found.reason
    return out


def _stated(links: list[Link]) -> list[Link]:
    """Only the links the data states (the reasoner's transitive closure left out)."""
    return [link for link in links if not link.inferred]


def _merge(*lists: list[Link]) -> list[Link]:
    """One list of links per target, an asserted link winning over an inferred one."""
    out: dict[str, Link] = {}
    for link in (link for links in lists for link in links):
        if link.slug not in out or (out[link.slug].inferred and not link.inferred):
            out[link.slug] = link
    return sorted(out.values(), key=lambda link: link.sort_key)


def _mapped(r: _Reader, concept: URIRef) -> set[Node]:
    """Every concept ``concept`` is mapped to or from (any ``skos:*Match``, either way)."""
    found: set[Node] = set()
    for prop, _ in _MAPPING_PROPS:
        found.update(r.closure.objects(concept, prop))
        found.update(r.closure.subjects(prop, concept))
    return found - {concept}


def _mappings(r: _Reader, concept: URIRef) -> list[Mapping]:
    """Links to other models' terms (skos:*Match to a concept outside our scheme),
    each with the note copro-kg wrote on the mapping (an owl:Axiom annotation).

    On another model's page (Arnstein, TLAP, IAP2) the glossary terms mapped to it are
    listed the same way, read from their side (``broadMatch`` seen as ``narrowMatch``).
    """
    out = []
    ours = (concept, SKOS.inScheme, COPRO.glossary) in r.closure
    seen: set[Node] = set()
    for prop, key in _MAPPING_PROPS:
        back = _INVERSE_MATCH.get(prop, prop)
        for target in sorted(r.closure.objects(concept, prop), key=str):
            if not isinstance(target, URIRef) or target == concept or target in seen:
                continue
            if ours and (target, SKOS.inScheme, COPRO.glossary) in r.closure:
                continue  # inside our own scheme it is a relation, shown as one
            forward = (concept, prop, target) in r.asserted
            if not forward and (ours or (target, back, concept) not in r.asserted):
                continue  # inverses and symmetric closure restate the asserted mapping
            seen.add(target)
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
                    or _axiom_note(r, target, back, concept)
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
