"""A diff written for people (text, Markdown for release notes) and for scripts (JSON).

The JSON is ``{"from": ..., "to": ..., "changes": [{"concept": IRI, "action": ...,
"property": IRI, "old": ..., "new": ...}]}`` with full IRIs: an IRI value is its IRI, a
literal its lexical form, an absent value ``null``. Text and Markdown group the changes by
concept, named by label, new concepts and deprecations first.

>>> from rdflib import Graph, Literal, URIRef
>>> from rdflib.namespace import SKOS
>>> change = Change(URIRef("urn:a"), "added", SKOS.altLabel, None, Literal("A", lang="en"))
>>> print(render(Diff("0.1.0", "0.2.0", [change], Graph(), Graph()), "json"))
{
  "from": "0.1.0",
  "to": "0.2.0",
  "changes": [
    {
      "concept": "urn:a",
      "action": "added",
      "property": "http://www.w3.org/2004/02/skos/core#altLabel",
      "old": null,
      "new": "A"
    }
  ]
}
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from itertools import groupby

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.history.diff import Change
from copro_kg.vocab.labels import curie, label_or_none

__all__ = ["FORMATS", "Diff", "render"]

FORMATS = ("text", "md", "json")


@dataclass(frozen=True)
class Diff:
    """The changes between two versions and the two graphs (for labels)."""

    old_name: str
    new_name: str
    changes: list[Change]
    old: Graph
    new: Graph

    def name(self, node: Node) -> str:
        """A concept's label in the new version (else the old), or its CURIE."""
        for graph in (self.new, self.old):
            found = label_or_none(graph, node)
            if found is not None:
                return found
        return curie(node, self.new)

    def counts(self) -> Counter[str]:
        """How many concepts were added, deprecated, deleted and changed otherwise."""
        counts: Counter[str] = Counter()
        for concept, group in groupby(self.changes, key=lambda c: c.concept):
            del concept
            counts[_kind_of_concept(list(group))] += 1
        return counts


def render(diff: Diff, fmt: str) -> str:
    """``diff`` in ``fmt`` (``text``, ``md`` or ``json``).

    Raises:
        InputError: an unknown format.
    """
    if fmt == "json":
        return json.dumps(
            {
                "from": diff.old_name,
                "to": diff.new_name,
                "changes": [
                    {
                        "concept": str(c.concept),
                        "action": c.action,
                        "property": str(c.property),
                        "old": _json_value(c.old),
                        "new": _json_value(c.new),
                    }
                    for c in diff.changes
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
    if fmt not in FORMATS:
        raise InputError(f"unknown diff format {fmt!r}", hint="use text, md or json")
    return _markdown(diff) if fmt == "md" else _text(diff)


def _json_value(value: Node | None) -> str | None:
    return None if value is None else str(value)


def _kind_of_concept(changes: list[Change]) -> str:
    """``new``, ``deprecated``, ``deleted`` or ``changed``: what happened to one concept."""
    for change in changes:
        if change.action == "deprecated":
            return "deprecated"
        if change.property == RDF.type and change.new == SKOS.Concept:
            return "new"
        if change.property == RDF.type and change.old == SKOS.Concept:
            return "deleted"
    return "changed"


_HEADINGS = {
    "new": "New concepts",
    "deprecated": "Deprecated concepts",
    "deleted": "Deleted concepts",
    "changed": "Changed concepts",
}


def _grouped(diff: Diff) -> dict[str, list[tuple[URIRef, list[Change]]]]:
    groups: dict[str, list[tuple[URIRef, list[Change]]]] = {k: [] for k in _HEADINGS}
    for concept, group in groupby(diff.changes, key=lambda c: c.concept):
        changes = list(group)
        groups[_kind_of_concept(changes)].append((concept, changes))
    for members in groups.values():
        members.sort(key=lambda pair: (diff.name(pair[0]).casefold(), str(pair[0])))
    return groups


def _value(diff: Diff, value: Node | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        text = " ".join(str(value).split())
        return f'"{text}"' + (f"@{value.language}" if value.language else "")
    if isinstance(value, URIRef) and (
        label_or_none(diff.new, value) or label_or_none(diff.old, value)
    ):
        return f"{diff.name(value)} <{value}>"
    return curie(value, diff.new)


def _line(diff: Diff, change: Change) -> str:
    prop = curie(change.property, diff.new)
    old, new = _value(diff, change.old), _value(diff, change.new)
    if change.action == "deprecated":
        if change.new is None or isinstance(change.new, Literal):
            return "deprecated (no replacement named)"
        return f"deprecated; replaced by {new}"
    if change.action == "updated":
        return f"updated {prop}: {old} -> {new}"
    if change.action == "moved":
        return f"moved {prop} {new} here from {old}"
    if change.action == "changed":
        return f"changed {curie(change.old, diff.new) if change.old else ''} -> {prop}: {new}"
    if change.action == "added":
        return f"added {prop} {new}"
    return f"deleted {prop} {old}"


def _details(kind: str, changes: list[Change]) -> list[Change]:
    """The lines shown under a concept: all its changes, but for a new concept only what
    is not an addition (its whole description is new)."""
    return [c for c in changes if c.action != "added"] if kind == "new" else changes


def _summary(diff: Diff) -> str:
    counts = diff.counts()
    parts = [f"{counts[k]} {_HEADINGS[k].split()[0].lower()}" for k in _HEADINGS]
    return f"{len(diff.changes)} changes to {sum(counts.values())} concepts: " + ", ".join(parts)


def _text(diff: Diff) -> str:
    lines = [f"Changes from {diff.old_name} to {diff.new_name}", _summary(diff)]
    for kind, members in _grouped(diff).items():
        if not members:
            continue
        lines += ["", f"{_HEADINGS[kind]} ({len(members)}):"]
        for concept, changes in members:
            lines.append(f"  {diff.name(concept)} <{concept}>")
            lines += [f"    {_line(diff, c)}" for c in _details(kind, changes)]
    if not diff.changes:
        lines.append("No changes.")
    return "\n".join(lines) + "\n"


def _markdown(diff: Diff) -> str:
    lines = [f"### Changes from {diff.old_name} to {diff.new_name}", "", _summary(diff) + "."]
    for kind, members in _grouped(diff).items():
        if not members:
            continue
        lines += ["", f"#### {_HEADINGS[kind]} ({len(members)})", ""]
        for concept, changes in members:
            details = _details(kind, changes)
            head = f"- **{_md(diff.name(concept))}** `<{concept}>`"
            if kind == "deprecated" or len(details) == 1:
                lines.append(head + (": " + _md(_line(diff, details[0])) if details else ""))
                details = details[1:]
            else:
                lines.append(head)
            lines += [f"  - {_md(_line(diff, c))}" for c in details]
    if not diff.changes:
        lines += ["", "No changes."]
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text safe inside a Markdown list item (no emphasis, links or HTML from the data)."""
    for char in "\\`*_[]<|":
        text = text.replace(char, "\\" + char)
    return text
