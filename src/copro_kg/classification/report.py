"""What a classification says about one activity, and how it is reported.

The records :func:`copro_kg.classification.classify` returns (the placement, its reasons
and candidates) with their text (``copro-kg classify``) and JSON (``--format json``) forms.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, URIRef
from rdflib.term import Node

from copro_kg.checks import Finding, Term, term
from copro_kg.namespace import COPRO
from copro_kg.vocab.features import Feature
from copro_kg.vocab.placement import Conflict, Outcome
from copro_kg.vocab.spectrum import GlossaryTest

__all__ = [
    "Candidate",
    "Placement",
    "Reason",
    "placement_dict",
    "position_json",
    "render_json",
    "render_text",
]


def position_json(position: str | None) -> int | list[int] | None:
    """A spectrum position as JSON numbers (issue 18: ``3``, not ``"3"``).

    One column is a number; a place spanning columns (a group: "doing to" is columns 1
    and 2) is the list of its first and last column.

    >>> position_json("3"), position_json("1-2"), position_json(None)
    (3, [1, 2], None)
    """
    if position is None:
        return None
    first, _, last = position.partition("-")
    return [int(first), int(last)] if last else int(first)


@dataclass(frozen=True)
class Reason:
    """A glossary criterion the activity meets: its feature value is the required one."""

    criterion: Term
    concept: Term
    feature: Term
    value: Term
    text: str
    ours: str = ""
    """Why this criterion is our reading, not the glossary's test ("" when it is the
    glossary's)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "criterion": _t(self.criterion),
            "for": _t(self.concept),
            "feature": _t(self.feature),
            "value": _t(self.value),
            "glossary_text": self.text,
            "our_reading": self.ours or None,
        }


@dataclass(frozen=True)
class Candidate:
    """A place the activity could still be, and the feature values it would need."""

    level: Term
    position: str | None
    needs: tuple[tuple[Term, Term], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": _t(self.level),
            "position": position_json(self.position),
            "needs": [{"feature": _t(f), "value": _t(v)} for f, v in self.needs],
        }


@dataclass
class Placement:
    """Where one activity sits on the spectrum (``outcome`` is the placement itself)."""

    activity: Term
    stated: list[tuple[Term, Term]]
    levels: list[Term]
    group: Term | None
    position: str | None
    also: list[Term]
    reasons: list[Reason]
    candidates: list[Candidate]
    deciding: list[Feature]
    inconsistencies: list[Finding] = field(default_factory=list)
    glossary_level: Term | None = None
    outcome: Outcome | None = None
    phase: Term | None = None
    caveats: list[str] = field(default_factory=list)
    names: Graph | None = field(default=None, repr=False)
    requires: list[GlossaryTest] = field(default_factory=list)
    """What the glossary requires of the level that features cannot show (co-production:
    the 5 values; co-design alone is not), in its words: an answer from features alone is
    only "doing with" until people apply it."""

    @property
    def answer(self) -> str | None:
        """The level the features alone support: the group when the glossary's own test
        for the level is still to apply (``requires``), else the level."""
        if not self.levels:
            return None
        if self.requires and self.group is not None:
            return self.group.label
        return " / ".join(t.label for t in self.levels)

    @property
    def decided(self) -> bool:
        """True when the answers place the activity at a level (or a column)."""
        return bool(self.levels)

    @property
    def conflicts(self) -> tuple[Conflict, ...]:
        """Answers that do not go together by the glossary's sentences."""
        return self.outcome.conflicts if self.outcome else ()

    @property
    def consistent(self) -> bool:
        return not self.inconsistencies and not self.conflicts

    @property
    def question(self) -> Feature | None:
        """The one question that decides between the candidates, if any."""
        return self.outcome.question if self.outcome else None

    def to_dict(self) -> dict[str, Any]:
        return placement_dict(self)


def _t(t: Term) -> dict[str, str]:
    return {"label": t.label, "iri": t.iri}


def placement_dict(self: Placement) -> dict[str, Any]:
    """One placement as JSON-ready data (``--format json``)."""
    out = self.outcome
    return {
        "activity": _t(self.activity),
        "consistent": self.consistent,
        "decided": self.decided,
        "stated": [{"feature": _t(f), "value": _t(v)} for f, v in self.stated],
        "levels": [_t(t) for t in self.levels],
        "phase": _t(self.phase) if self.phase else None,
        "by_elimination": bool(out and out.by_elimination),
        "group": _t(self.group) if self.group else None,
        "position": position_json(self.position),
        "also": [_t(t) for t in self.also],
        "reasons": [r.to_dict() for r in self.reasons],
        "candidates": [c.to_dict() for c in self.candidates],
        "question": _question_dict(self) if self.question else None,
        "deciding_features": [
            {"feature": f.label, "iri": str(f.iri), "option": f"--{f.option}"}
            for f in self.deciding
        ],
        "conflicts": [
            {
                "answers": [_answer(self, f, v) for f, v in c.answers],
                "explanation": _why(self, c),
            }
            for c in self.conflicts
        ],
        "caveats": list(self.caveats),
        "answer": self.answer,
        "glossary_test": [{"text": t.text, "items": list(t.items)} for t in self.requires],
        "inconsistencies": [f.to_dict() for f in self.inconsistencies],
        "glossary_level": _t(self.glossary_level) if self.glossary_level else None,
    }


def _name(p: Placement, node: Node) -> str:
    return term(p.names, node).label if p.names is not None else str(node)


def _answer(p: Placement, feature: URIRef, value: URIRef) -> dict[str, str]:
    return {"feature": _name(p, feature), "value": _name(p, value), "iri": str(value)}


def _question_dict(p: Placement) -> dict[str, Any]:
    assert p.question is not None and p.outcome is not None
    return {
        "feature": p.question.label,
        "option": f"--{p.question.option}",
        "text": p.question.question,
        "answers": [
            {"value": v.key, "label": v.label, "leads_to": [x.label for x in places]}
            for v, places in p.outcome.options
        ],
    }


def _why(p: Placement, c: Conflict) -> list[str]:
    """The conflict in sentences: what the other answers make the activity, the glossary's
    sentence for that, and the answer it rules out with its own sentence."""
    given = "; ".join(f"{_name(p, f)}: {_name(p, v)}" for f, v in c.given) or "these answers"
    fits = " or ".join(x.label for x in c.fits) or "no place on the spectrum"
    lines = [f"with {given}, the activity is {fits}"]
    if c.need is not None and c.need.text:
        lines.append(f"the glossary: \u201c{c.need.text}\u201d")
    feature, value = c.against
    text = p.names.value(value, COPRO.glossaryText) if p.names is not None else None
    lines.append(
        f"but {_name(p, feature)}: {_name(p, value)}"
        + (f" \u2014 \u201c{text}\u201d" if text else "")
    )
    return lines


def _block(p: Placement) -> list[str]:
    lines = [f"{p.activity}"]
    out = p.outcome
    if p.stated:
        lines.append("  described as: " + "; ".join(f"{f.label}: {v.label}" for f, v in p.stated))
    if p.inconsistencies or p.conflicts:
        lines.append("  INCONSISTENT:")
        for finding in p.inconsistencies:
            lines.append(f"    {finding.message}")
            if finding.rule:
                lines.append(f"      glossary: {finding.rule}")
        for c in p.conflicts:
            answers = ", ".join(f"{_name(p, f)} = {_name(p, v)}" for f, v in c.answers)
            lines.append(f"    these answers do not go together: {answers}")
            lines += [f"      {line}" for line in _why(p, c)]
        return lines
    if out is not None:
        for need in out.follows:
            lines.append(f"  follows: {_name(p, need.feature)} = {_name(p, need.value)}")
            lines.append(f"    \u201c{need.text}\u201d")
    if p.decided:
        where = " / ".join(t.label for t in p.levels)
        if p.requires:
            lines.append(f"  level: {p.answer} ({where} only if the glossary's test below holds)")
        else:
            group = f", {p.group.label}" if p.group else ""
            lines.append(f"  level: {where}{group}")
        if p.position:
            lines.append(
                f"  column {p.position} of 6 in the figure (our reading of its layout: the "
                "glossary orders the groups, not the levels inside a group)"
            )
        if out is not None and out.by_elimination:
            lines.append("    (the only place on the spectrum these answers leave)")
        if p.requires:
            lines.append(
                f"  before it is {where}, the glossary's own test (features cannot show it):"
            )
            for test in p.requires:
                lines.append(f"    \u201c{test.text}\u201d")
                lines += [f"      - {item}" for item in test.items]
    elif p.phase is not None:
        lines.append(f"  phase of the co-production cycle: {p.phase.label}")
        lines += [f"    \u201c{text}\u201d" for text in p.caveats]
    elif p.group:
        lines.append(f"  group: {p.group.label} (level not decided)")
    else:
        lines.append("  not placed on the spectrum: the answers leave several places open")
    if p.also:
        lines.append("  also: " + ", ".join(t.label for t in p.also))
    if p.reasons:
        lines.append("  why (glossary criteria met):")
        for r in p.reasons:
            lines.append(f"    - {r.concept.label}, {r.feature.label} = {r.value.label}")
            if r.ours:
                lines.append(f"      our reading: {r.ours}")
            elif r.text:
                lines.append(f"      \u201c{r.text}\u201d")
    if p.candidates:
        lines.append("  could be more specific:" if p.decided else "  could be:")
        for cand in p.candidates:
            needed = ", ".join(f"{f.label} = {v.label}" for f, v in cand.needs)
            lines.append(f"    - {cand.level.label}" + (f" (needs {needed})" if needed else ""))
    if p.question is not None and out is not None:
        lines.append(f"  next question: {p.question.question} (--{p.question.option})")
        for value, places in out.options:
            lines.append(f"    - {value.label}: {', '.join(x.label for x in places)}")
    if p.deciding:
        options = ", ".join(f"{f.label} (--{f.option})" for f in p.deciding)
        lines.append(f"  to decide, say: {options}")
    return lines


def render_text(placements: Sequence[Placement]) -> str:
    """The human report: one block per activity, then a summary line."""
    blocks = []
    for p in placements:
        lines = _block(p)
        if p.glossary_level:
            lines.append(f"  the glossary puts it under: {p.glossary_level.label}")
        blocks.append("\n".join(lines))
    inconsistent = sum(1 for p in placements if not p.consistent)
    placed = sum(1 for p in placements if (p.decided or p.phase) and p.consistent)
    summary = (
        f"{len(placements)} activit{'y' if len(placements) == 1 else 'ies'}: {placed} placed, "
        f"{len(placements) - placed - inconsistent} undecided, {inconsistent} inconsistent"
    )
    return "\n\n".join([*blocks, summary])


def render_json(placements: Sequence[Placement]) -> str:
    """The placements as indented JSON (``--format json``)."""
    import json

    return json.dumps(
        {"activities": [p.to_dict() for p in placements]}, indent=2, ensure_ascii=False
    )
