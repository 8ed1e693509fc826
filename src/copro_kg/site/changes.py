"""What changed, release by release, on the site: ``changes.html``, ``changes.json`` and the
"new in" / "changed in" / "deprecated" lines of the term pages.

* :func:`annotate` marks each :class:`~copro_kg.site.records.Term` with its history: the
  release it is new in and those it changed in (from ``releases/``), changes not released
  yet, and for a deprecated term its replacements and history note. Deprecated terms keep
  their page but leave the A-Z, search and the hierarchy pages (Skosmos does the same).
* :func:`release_notes` -- ``changes.html``: newest first, the unreleased changes (if
  any) on top; deprecated terms struck through with links to their replacements (the
  request of Skosmos issues #1735 and #2049).
* :func:`change_list` -- ``changes.json``: the answer Skosmos's REST ``/{vocid}/new``
  gives with deprecated concepts shown (``changeList`` items with ``uri``, ``prefLabel``,
  ``date`` and, for a deprecated one, ``replacedBy`` and ``replacingLabel``), computed
  from the same data Skosmos's own query reads (``dcterms:created``, ``dcterms:modified``,
  ``owl:deprecated``, ``dcterms:isReplacedBy``); a test runs that query with Jena.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

from copro_kg._version import __version__
from copro_kg.errors import InputError
from copro_kg.export.skos import skos_profile
from copro_kg.history.diff import Change, diff_graphs
from copro_kg.history.lifecycle import concept_history
from copro_kg.history.releases import Release, releases
from copro_kg.site.records import Link, Term
from copro_kg.vocab.labels import label_in
from copro_kg.vocab.status import deprecated_terms, replacements

__all__ = ["ChangeEntry", "ReleaseNotes", "annotate", "change_list", "release_notes"]


@dataclass(frozen=True)
class ChangeEntry:
    """One concept in one release's notes."""

    iri: str
    label: str
    slug: str | None
    details: list[str] = field(default_factory=list)
    replaced_by: list[Link] = field(default_factory=list)


@dataclass
class ReleaseNotes:
    """One section of ``changes.html``."""

    version: str
    date: str | None
    """None for the changes not released yet."""
    new: list[ChangeEntry] = field(default_factory=list)
    deprecated: list[ChangeEntry] = field(default_factory=list)
    changed: list[ChangeEntry] = field(default_factory=list)
    deleted: list[ChangeEntry] = field(default_factory=list)
    first: bool = False
    """The first release: every concept is new, listed by count only."""


def _skos(graph: Graph) -> Graph | None:
    try:
        return skos_profile(graph)
    except InputError:
        return None  # no glossary scheme (a site of someone else's data): no history


def annotate(terms: list[Term], graph: Graph) -> tuple[list[ReleaseNotes], Graph | None]:
    """Mark ``terms`` with their history; return the release notes and the SKOS export
    of ``graph`` they were computed against."""
    skos = _skos(graph)
    by_iri = {t.iri: t for t in terms}
    for node in deprecated_terms(graph):
        term = by_iri.get(str(node))
        if term is None:
            continue
        term.deprecated = True
        term.replaced_by = [_link(by_iri, graph, r) for r in replacements(graph, node)]
        term.history_notes = sorted(
            str(n) for n in graph.objects(node, SKOS.historyNote) if isinstance(n, Literal)
        )
    if skos is None:
        return [], None
    released = releases()
    exports = [release.skos() for release in released]  # parsed once, read twice
    for iri, history in concept_history(released, exports=exports).items():
        term = by_iri.get(str(iri))
        if term is not None:
            term.new_in = history.created_in
            term.changed_in = list(history.changed_in)
    notes = release_notes(released, skos, by_iri, graph, exports=exports)
    if notes and notes[0].date is None:
        for entry in notes[0].new:
            if entry.iri in by_iri:
                by_iri[entry.iri].new_in = None
                by_iri[entry.iri].unreleased = "new"
        for entry in notes[0].changed + notes[0].deprecated:
            if entry.iri in by_iri:
                by_iri[entry.iri].unreleased = "changed"
    return notes, skos


def _link(by_iri: dict[str, Term], graph: Graph, node: URIRef) -> Link:
    term = by_iri.get(str(node))
    if term is not None:
        return Link(slug=term.slug, label=term.label)
    return Link(slug="", label=label_in(graph, node) or str(node))


def release_notes(
    released: list[Release],
    current: Graph,
    by_iri: dict[str, Term],
    graph: Graph,
    *,
    exports: Sequence[Graph] | None = None,
) -> list[ReleaseNotes]:
    """Every release's notes, newest first; the unreleased changes on top when there are.
    ``exports``: the releases' SKOS exports when the caller has them parsed."""
    notes: list[ReleaseNotes] = []
    before: Graph | None = None
    graphs = exports if exports is not None else [r.skos() for r in released]
    for release, now in zip(released, graphs, strict=True):
        if before is None:
            first = ReleaseNotes(release.version, release.date.isoformat(), first=True)
            first.new = [
                _entry(now, c, by_iri, graph)
                for c in sorted(now.subjects(RDF.type, SKOS.Concept), key=str)
            ]
            notes.append(first)
        else:
            notes.append(
                _section(release.version, release.date.isoformat(), before, now, by_iri, graph)
            )
        before = now
    if before is not None:
        pending = _section(__version__, None, before, current, by_iri, graph)
        if pending.new or pending.changed or pending.deprecated or pending.deleted:
            notes.append(pending)
    return list(reversed(notes))


def _section(
    version: str, date: str | None, old: Graph, new: Graph, by_iri: dict[str, Term], graph: Graph
) -> ReleaseNotes:
    section = ReleaseNotes(version, date)
    changes = diff_graphs(old, new)
    for concept, group in groupby(changes, key=lambda c: c.concept):
        items = list(group)
        entry = _entry(new if (concept, None, None) in new else old, concept, by_iri, graph)
        if any(c.action == "deprecated" for c in items):
            section.deprecated.append(entry)
        elif any(c.property == RDF.type and c.new == SKOS.Concept for c in items):
            section.new.append(entry)
        elif any(c.property == RDF.type and c.old == SKOS.Concept for c in items):
            section.deleted.append(entry)
        else:
            entry.details.extend(_details(items))
            section.changed.append(entry)
    for members in (section.new, section.deprecated, section.changed, section.deleted):
        members.sort(key=lambda e: (e.label.casefold(), e.iri))
    return section


def _details(changes: list[Change]) -> list[str]:
    """What changed on a concept, in words: the properties, by kind of change."""
    kinds: dict[str, set[str]] = defaultdict(set)
    for change in changes:
        kinds[change.action].add(_property_name(change.property))
    return [f"{action}: {', '.join(sorted(props))}" for action, props in sorted(kinds.items())]


def _property_name(prop: URIRef) -> str:
    text = str(prop)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _entry(source: Graph, concept: Any, by_iri: dict[str, Term], graph: Graph) -> ChangeEntry:
    term = by_iri.get(str(concept))
    label = term.label if term else label_in(source, concept) or str(concept)
    return ChangeEntry(
        iri=str(concept),
        label=label,
        slug=term.slug if term else None,
        replaced_by=list(term.replaced_by) if term else [],
    )


def change_list(skos: Graph, lang: str = "en") -> dict[str, Any]:
    """Skosmos's ``/{vocid}/new`` answer (deprecated concepts shown) for ``skos``.

    The rows of Skosmos's change-list query: every concept with a ``skos:prefLabel`` in
    ``lang`` and a ``dcterms:created``, unless deprecated; every deprecated one with its
    ``dcterms:modified``, ``replacedBy`` and ``replacingLabel``; newest month first, then
    by label. Dates are written as Skosmos writes them (``Y-m-d\\TH:i:sO``).
    """
    rows: list[tuple[str, str, str, dict[str, str]]] = []
    deprecated = deprecated_terms(skos)
    for concept in set(skos.subjects(RDF.type, SKOS.Concept)):
        label = next((str(v) for v in skos.objects(concept, SKOS.prefLabel) if _in(v, lang)), None)
        if label is None:
            continue
        prop = DCTERMS.modified if concept in deprecated else DCTERMS.created
        for date in skos.objects(concept, prop):
            item: dict[str, str] = {
                "uri": str(concept),
                "prefLabel": label,
                "date": f"{date}T00:00:00+0000",
            }
            for replacement in replacements(skos, concept) if concept in deprecated else []:
                extra = dict(item, replacedBy=str(replacement))
                found = next(
                    (str(v) for v in skos.objects(replacement, SKOS.prefLabel) if _in(v, lang)),
                    None,
                )
                if found is not None:
                    extra["replacingLabel"] = found
                rows.append((str(date)[:7], label.casefold(), str(concept), extra))
            if not (concept in deprecated and replacements(skos, concept)):
                rows.append((str(date)[:7], label.casefold(), str(concept), item))
    # ORDER BY DESC(YEAR(?date)) DESC(MONTH(?date)) LCASE(?label) DESC(?concept)
    rows.sort(key=lambda r: r[2], reverse=True)
    rows.sort(key=lambda r: r[1])
    rows.sort(key=lambda r: r[0], reverse=True)
    return {
        "@context": {
            "skos": str(SKOS),
            "uri": "@id",
            "type": "@type",
            "@language": lang,
            "prefLabel": "skos:prefLabel",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
            "date": {
                "@id": str(DCTERMS.date),
                "@type": "http://www.w3.org/2001/XMLSchema#dateTime",
            },
        },
        "changeList": [r[3] for r in rows],
    }


def _in(value: Any, lang: str) -> bool:
    return isinstance(value, Literal) and (value.language or "").lower().startswith(lang)
