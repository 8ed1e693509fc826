"""Findings the project has reviewed and accepts: ``checks.toml`` and its format.

An accepted finding is still reported -- as ``accepted: <reason>`` -- but does not fail
``copro-kg check``; an exemption that matches nothing is reported so it can be removed
once the problem is fixed. The shipped list is ``copro_kg/checks/checks.toml``; users add
their own with ``copro-kg check --exceptions FILE`` or ``check(exceptions=...)``.

>>> from copro_kg.checks.model import Finding, Term
>>> accept = load_exceptions()
>>> orphan = Finding("orphan-concepts", "error", "...",
...                  (Term("Empower", "https://w3id.org/copro-kg/mapped/iap2/empower"),))
>>> [f.accepted is not None for f in apply_exceptions([orphan], accept, {"orphan-concepts"})[0]]
[True]
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import replace
from importlib import resources as importlib_resources
from pathlib import Path

from copro_kg.checks.model import Exemption, Finding
from copro_kg.errors import InputError

__all__ = ["DEFAULT_EXCEPTIONS", "apply_exceptions", "load_exceptions"]

DEFAULT_EXCEPTIONS = "checks.toml"
"""The shipped exception list, a resource of :mod:`copro_kg.checks`."""


def load_exceptions(path: str | Path | None = None) -> list[Exemption]:
    """Read an exception list (``checks.toml`` format); the shipped one when ``path`` is None.

    The format is a list of ``[[accept]]`` tables::

        [[accept]]
        check = "orphan-concepts"
        iris = ["https://w3id.org/copro-kg/foo"]
        reason = "why the project accepts it"

    Raises:
        InputError: the file is missing, not TOML, or an entry lacks check/iris/reason.
    """
    if path is None:
        text = (
            importlib_resources.files("copro_kg.checks")
            .joinpath(DEFAULT_EXCEPTIONS)
            .read_text("utf-8")
        )
        where = DEFAULT_EXCEPTIONS
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as err:
            raise InputError("file not found", location=where) from err
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read the exception list: {err}", location=where) from err
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"invalid TOML: {err}", location=where) from err
    entries = data.get("accept", [])
    if not isinstance(entries, list):
        raise InputError("'accept' must be a list of [[accept]] tables", location=where)
    return [_entry(entry, number, where) for number, entry in enumerate(entries, start=1)]


def _entry(entry: object, number: int, where: str) -> Exemption:
    if not isinstance(entry, dict):
        raise InputError(f"[[accept]] entry {number} is not a table", location=where)
    check_id, iris, reason = entry.get("check"), entry.get("iris"), entry.get("reason")
    if (
        not isinstance(check_id, str)
        or not isinstance(reason, str)
        or not reason.strip()
        or not isinstance(iris, list)
        or not all(isinstance(i, str) for i in iris)
    ):
        raise InputError(
            f"[[accept]] entry {number} needs check (text), iris (list of IRIs) and a "
            "non-empty reason",
            location=where,
        )
    export_only = bool(entry.get("export_only", False))
    return Exemption(check_id, frozenset(iris), reason.strip(), where, export_only)


def apply_exceptions(
    findings: Sequence[Finding], exceptions: Sequence[Exemption], ran: set[str]
) -> tuple[list[Finding], list[Exemption]]:
    """Mark each finding an exemption accepts; return the findings and the unused exemptions.

    ``ran`` holds the ids of the checks that ran: an exemption for a check that did not
    run (another profile) is not "unused", nor is an ``export_only`` one.
    """
    used: set[int] = set()
    out = []
    for finding in findings:
        for index, exc in enumerate(exceptions):
            if exc.matches(finding):
                finding = replace(finding, accepted=exc.reason)
                used.add(index)
                break
        out.append(finding)
    unused = [
        e
        for i, e in enumerate(exceptions)
        if i not in used and not e.export_only and _check_ran(e.check, ran)
    ]
    return out, unused


def _check_ran(check_id: str, ran: set[str]) -> bool:
    # SHACL findings carry the shape's name (shacl:ConceptShape) under the one check "shacl".
    return check_id in ran or (check_id.startswith("shacl:") and "shacl" in ran)
