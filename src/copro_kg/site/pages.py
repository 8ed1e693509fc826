"""The page models of the spectrum, cycle and A to Z pages, built from the terms.

Plain records for the templates: the spectrum's groups with their levels in order
(:func:`spectrum_groups`), the co-production cycle's phases in ``nextPhase`` order
(:func:`cycle`), and the A to Z entries with a "see" entry per other name
(:func:`letters`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from copro_kg.site.records import Link, Passage, Term, fold

__all__ = ["AzEntry", "Group", "Level", "Phase", "cycle", "letters", "spectrum_groups", "summary"]

SUMMARY_CHARS = 180


def summary(term: Term) -> str | None:
    """The first ~180 characters of the term's definition, cut at a word."""
    if term.definition is None:
        return None
    text = " ".join(term.definition.text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


@dataclass(frozen=True)
class AzEntry:
    text: str
    slug: str
    see: bool = False
    target: str = ""
    cy: str | None = None
    summary: str | None = None


def letters(terms: list[Term]) -> list[tuple[str, list[AzEntry]]]:
    """A to Z entries: each term, plus a "see" entry for each alternative label."""
    entries = []
    for term in terms:
        if term.scheme_label:  # another model's term (Arnstein, TLAP, IAP2): not in the A-Z
            continue
        entries.append(AzEntry(term.label, term.slug, cy=term.label_cy, summary=summary(term)))
        for alt in term.alt_labels:
            entries.append(AzEntry(alt, term.slug, see=True, target=term.label))
    grouped: dict[str, list[AzEntry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (fold(e.text), e.see, e.slug)):
        first = next((c for c in fold(entry.text) if c.isalnum()), "#")
        grouped[first.upper() if first.isalpha() else "#"].append(entry)
    return sorted(grouped.items(), key=lambda kv: (kv[0] == "#", kv[0]))


@dataclass(frozen=True)
class Level:
    slug: str
    label: str
    label_cy: str | None
    position: int | None
    quotes: list[str]
    examples: list[str]


@dataclass(frozen=True)
class Group:
    slug: str
    label: str
    definition: str | None
    statements: list[str]
    levels: list[Level]


def spectrum_groups(terms: list[Term], by_slug: dict[str, Term]) -> list[Group]:
    """The spectrum's groups in order of power sharing, each with its levels in order."""
    members: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        if term.group is not None:
            members[term.group.slug].append(term)
    groups = []
    for slug, levels in members.items():
        levels.sort(key=lambda t: (t.position is None, t.position or 0, t.sort_key))
        group = by_slug.get(slug)
        groups.append(
            Group(
                slug=slug,
                label=group.label if group else slug,
                definition=group.definition.text if group and group.definition else None,
                statements=group.statements if group else [],
                levels=[
                    Level(
                        t.slug,
                        t.label,
                        t.label_cy,
                        t.position,
                        [q.text for q in t.quotes],
                        t.examples,
                    )
                    for t in levels
                ],
            )
        )
    # Order groups by where their levels sit (doing to < for < with in the glossary).
    groups.sort(key=lambda g: min((lv.position or 0 for lv in g.levels), default=0))
    return groups


@dataclass(frozen=True)
class Phase:
    slug: str
    label: str
    alt_labels: list[str]
    definition: str | None
    next: Link | None
    number: int | None
    nexts: tuple[Link, ...] = ()
    """Every phase that follows, in the glossary's order (``next`` is the first)."""


def _text(passage: Passage | None) -> str | None:
    return passage.text if passage else None


def cycle(terms: list[Term], by_slug: dict[str, Term]) -> tuple[list[Phase], Link | None]:
    """The co-production cycle: phases in ``nextPhase`` order, and the whole they form."""
    phases = {t.slug: t for t in terms if t.next_phase is not None}
    if not phases:
        return [], None
    # A ring has no first phase of its own: copro:phaseNumber says where the glossary's
    # list starts (co-planning is 1); phases sharing a number (co-design and co-decision
    # making) keep the order the glossary names them in (copro:listPosition), else A-Z.
    order = sorted(
        phases,
        key=lambda s: (
            phases[s].phase_number is None,
            phases[s].phase_number or 0,
            phases[s].list_position is None,
            phases[s].list_position or 0,
            phases[s].sort_key,
        ),
    )
    out = [
        Phase(
            s,
            phases[s].label,
            phases[s].alt_labels,
            _text(phases[s].definition),
            phases[s].next_phase,
            phases[s].phase_number,
            tuple(phases[s].next_phases),
        )
        for s in order
    ]
    wholes = [w for s in order for w in phases[s].broader_partitive if w.slug not in phases]
    return out, (wholes[0] if wholes else None)
