"""The check report as people and machines read it: text grouped by check, or JSON.

>>> from copro_kg.checks.model import CheckInfo, Finding, Report, Term
>>> info = CheckInfo("orphan-concepts", "Orphan concepts", "skos",
...                  "qSKOS OrphanConcepts (oc)", "skos-entailed", "No relation.")
>>> found = Finding("orphan-concepts", "warning", "Concept 'a' <urn:a> is alone.",
...                 (Term("a", "urn:a"),))
>>> print(render_text(Report("skos", [info], [found])))
orphan-concepts -- Orphan concepts [qSKOS OrphanConcepts (oc)]: 1 finding
  warning: Concept 'a' <urn:a> is alone.
<BLANKLINE>
FAILED: 1 finding (1 failing, 0 accepted, 0 info) from 1 checks (profile skos)
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from copro_kg.checks.model import CheckInfo, Report

__all__ = ["catalogue_text", "render_json", "render_text"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def render_text(report: Report) -> str:
    """The human report: findings grouped by check, then one count line.

    Each finding is one line naming its resources by label and IRI; the glossary rule it
    breaks (OWL findings) and the reason it is accepted (``checks.toml``) follow indented.
    """
    info = {c.id: c for c in report.checks}
    lines: list[str] = []
    for check_id, findings in report.by_check().items():
        meta = info.get(check_id)
        failing = sum(1 for f in findings if f.accepted is None)
        head = f"{check_id} -- {meta.title} [{meta.reference}]" if meta else check_id
        lines.append(
            f"{head}: {_plural(len(findings), 'finding')}"
            + (f", {len(findings) - failing} accepted" if failing < len(findings) else "")
        )
        for f in findings:
            # An accepted finding is not an error any more: it says so first.
            status = f"accepted {f.severity}" if f.accepted else f.severity
            lines.append(f"  {status}: {f.message}")
            if f.rule:
                source = f" ({f.rule_source})" if f.rule_source else ""
                kind = "rule" if (f.rule_source or "").startswith("SKOS") else "glossary rule"
                lines.append(f"    {kind}{source}: {f.rule}")
            if f.accepted:
                lines.append(f"    why accepted: {f.accepted}")
        lines.append("")
    for exc in report.unused_exceptions:
        lines.append(
            f"note: exception in {exc.source} for {exc.check} {sorted(exc.iris)} matched nothing; "
            "remove it if the problem is fixed"
        )
    failures = len(report.failures)
    accepted = sum(1 for f in report.findings if f.accepted)
    notes = sum(1 for f in report.findings if not f.accepted and f.severity == "info")
    summary = (
        f"{_plural(len(report.findings), 'finding')} "
        f"({failures} failing, {accepted} accepted, {notes} info) from "
        f"{len(report.checks)} checks (profile {report.profile})"
    )
    if report.ok and not report.findings:
        summary = f"0 findings from {len(report.checks)} checks (profile {report.profile})"
    lines.append(("ok: " if report.ok else "FAILED: ") + summary)
    return "\n".join(lines)


def render_json(report: Report) -> str:
    """The report as indented JSON (``--format json``)."""
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False)


def catalogue_text(infos: Sequence[CheckInfo], fmt: str = "text") -> str:
    """A list of checks as a text table or JSON (``copro-kg check --list-checks``).

    >>> info = CheckInfo("S9", "Concept that is also a scheme", "skos", "SKOS S9",
    ...                  "asserted", "Disjoint.")
    >>> print(catalogue_text([info]).splitlines()[1].rstrip())
    S9                                     skos    error   asserted      SKOS S9
    """
    if fmt == "json":
        return json.dumps([i.to_dict() for i in infos], indent=2, ensure_ascii=False)
    lines = [f"{'id':38} {'profile':7} {'level':7} {'reads':13} reference / what it finds"]
    for i in infos:
        lines.append(f"{i.id:38} {i.profile:7} {i.severity:7} {i.view:13} {i.reference}")
        lines.append(f"{'':68} {i.description}")
    return "\n".join(lines)
