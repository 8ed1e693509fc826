"""qSKOS label and documentation issues: what a concept is called and how it is explained.

Check ids are qSKOS's issue names in kebab case (``missing-labels`` is qSKOS
``MissingLabels``, code ``ml``; see https://github.com/cmader/qSKOS/wiki/Quality-Issues).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.checks.model import Term
from copro_kg.checks.registry import Check
from copro_kg.checks.skos.view import (
    DOCUMENTATION_PROPERTIES,
    LABEL_PROPERTIES,
    SKOS_TERMS,
    TEXT_PROPERTIES,
    Problem,
    SkosView,
    normalise,
    show,
    skos_check,
    valid_language_tag,
)

__all__ = ["CHECKS"]


@skos_check(
    "missing-labels",
    "Missing labels",
    "qSKOS MissingLabels (ml)",
    "asserted",
    "A concept has no skos:prefLabel, or a concept scheme has no label.",
)
def missing_labels(view: SkosView) -> Iterator[Problem]:
    for node in view.concepts:
        if (node, SKOS.prefLabel, None) not in view.graph:
            yield Problem(
                f"Concept {view.name(node)} has no skos:prefLabel.",
                view.terms([node]),
            )
    for node in view.schemes:
        # Skosify and Skosmos read skos:prefLabel / rdfs:label, not dcterms:title.
        if not any((node, p, None) in view.graph for p in (SKOS.prefLabel, RDFS.label)):
            yield Problem(
                f"Concept scheme {view.name(node)} has no skos:prefLabel or "
                "rdfs:label (taxonomy tools do not read dcterms:title as its name).",
                view.terms([node]),
            )


@skos_check(
    "empty-labels",
    "Empty labels",
    "qSKOS EmptyLabels (el)",
    "asserted",
    "A label is empty or only whitespace.",
)
def empty_labels(view: SkosView) -> Iterator[Problem]:
    for prop in (*LABEL_PROPERTIES, RDFS.label):
        for node, label in sorted(view.graph.subject_objects(prop), key=str):
            if isinstance(label, Literal) and not str(label).strip():
                yield Problem(
                    f"{view.name(node)} has an empty "
                    f"{view.graph.namespace_manager.normalizeUri(prop)}.",
                    view.terms([node]),
                )


@skos_check(
    "overlapping-labels",
    "Overlapping labels",
    "qSKOS OverlappingLabels (ol)",
    "asserted",
    "Concepts of one scheme share a label (pref, alt or hidden; same language, ignoring case).",
    severity="info",
)
def overlapping_labels(view: SkosView) -> Iterator[Problem]:
    # qSKOS compares every concept; we compare concepts of one concept scheme, as the
    # SKOS Reference advises (§5.6.4: "no two concepts in the same concept scheme be
    # given the same preferred lexical label in a given language"): the shipped graph
    # deliberately holds other models' schemes (Arnstein's "Consultation" rung is not
    # the glossary's consultation; they are linked by skos:closeMatch).
    owners: dict[tuple[Node | None, str, str], set[Node]] = defaultdict(set)
    shown: dict[tuple[Node | None, str, str], str] = {}
    for node in view.concepts:
        if node in view.deprecated:
            continue  # its label now names its replacement, which is the point
        schemes: Iterable[Node | None] = view.schemes_of.get(node) or [None]
        for prop in LABEL_PROPERTIES:
            for label in view.graph.objects(node, prop):
                if isinstance(label, Literal) and str(label).strip():
                    for scheme in schemes:
                        key = (scheme, (label.language or "").lower(), normalise(str(label)))
                        owners[key].add(node)
                        shown.setdefault(key, show(label))
    reported: set[tuple[frozenset[Node], str]] = set()
    for key in sorted(owners, key=str):
        nodes = owners[key]
        if len(nodes) > 1 and (frozenset(nodes), key[2]) not in reported:
            reported.add((frozenset(nodes), key[2]))
            names = " and ".join(view.name(n) for n in sorted(nodes, key=str))
            where = f" in {view.name(key[0])}" if key[0] is not None else ""
            yield Problem(
                f"{names} share the label {shown[key]}{where}; a label should name one "
                "concept of a scheme only.",
                view.terms(nodes),
            )


@skos_check(
    "omitted-or-invalid-language-tags",
    "Omitted or invalid language tags",
    "qSKOS OmittedOrInvalidLanguageTags (oilt)",
    "asserted",
    "A label or note is a plain string without a language tag, or the tag is not valid BCP 47.",
)
def language_tags(view: SkosView) -> Iterator[Problem]:
    subjects = view.concept_set | set(view.schemes)
    for prop in TEXT_PROPERTIES:
        for node, value in sorted(view.graph.subject_objects(prop), key=str):
            if node not in subjects or not isinstance(value, Literal):
                continue
            short = view.graph.namespace_manager.normalizeUri(prop)
            if value.language is None:
                yield Problem(
                    f"{view.name(node)} has {short} {show(value)} without a language tag.",
                    view.terms([node]),
                )
            elif not valid_language_tag(value.language):
                yield Problem(
                    f"{view.name(node)} has {short} {show(value)} with the "
                    f"invalid language tag '{value.language}'.",
                    view.terms([node]),
                )


@skos_check(
    "undocumented-concepts",
    "Undocumented concepts",
    "qSKOS UndocumentedConcepts (uc)",
    "asserted",
    "A concept has no definition, scope note or other SKOS documentation.",
    severity="info",
)
def undocumented(view: SkosView) -> Iterator[Problem]:
    props = {
        p
        for base in DOCUMENTATION_PROPERTIES
        for p in set(view.graph.transitive_subjects(RDFS.subPropertyOf, base)) | {base}
    }
    for node in view.concepts:
        if not any((node, p, None) in view.graph for p in props):
            yield Problem(
                f"Concept {view.name(node)} has no skos:definition, scopeNote, note or example.",
                view.terms([node]),
            )


@skos_check(
    "undefined-skos-resources",
    "Undefined SKOS resources",
    "qSKOS UndefinedSkosResources (usr)",
    "asserted",
    "A term in the SKOS namespace that SKOS does not define (typo or SKOS 2004).",
)
def undefined_skos(view: SkosView) -> Iterator[Problem]:
    used: dict[URIRef, set[Node]] = defaultdict(set)
    for s, p, o in view.graph:
        for node in (p, o) if p != RDF.type else (o,):
            if (
                isinstance(node, URIRef)
                and str(node).startswith(str(SKOS))
                and (node not in SKOS_TERMS)
            ):
                used[node].add(s)
        if isinstance(s, URIRef) and str(s).startswith(str(SKOS)) and s not in SKOS_TERMS:
            used[s].add(s)
    for node in sorted(used, key=str):
        where = sorted(used[node], key=str)
        subjects = ", ".join(view.name(n) for n in where[:3]) + (" ..." if len(where) > 3 else "")
        name = Term(label=f"skos:{str(node)[len(str(SKOS)) :]}", iri=str(node))
        yield Problem(
            f"{name} is not defined by the SKOS Reference (2009), e.g. a typo or a SKOS 2004 "
            f"term (used on {subjects}).",
            (name,),
        )


CHECKS: tuple[Check, ...] = (
    missing_labels,
    empty_labels,
    overlapping_labels,
    language_tags,
    undocumented,
    undefined_skos,
)
"""The checks of this family, in the order they run."""
