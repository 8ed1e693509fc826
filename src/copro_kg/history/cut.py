"""``copro-kg release X.Y.Z``: the release gate, then the release's files, dates and notes.

The gate refuses (exit 1, every reason listed) while

* ``copro-kg check`` has a finding not accepted in ``checks.toml`` (OWL 2 RL consistency,
  our SHACL shapes, SKOS integrity and qSKOS quality -- the evidence audit too, once it is
  a registered check);
* an IRI that an earlier release described is neither described nor properly deprecated
  (``owl:deprecated true`` + ``dcterms:isReplacedBy`` + ``skos:historyNote``) in the new
  SKOS or OWL export: deprecate, never delete;
* a released file no longer has the bytes the release list recorded.

``make release VERSION=X.Y.Z`` runs the profile tests first (VocPub 5.2, kos-kit, pySHACL;
``tests/export/test_skos_profiles.py``), which need the test data of the repository.

Then, computed whole in memory and only then written (each file atomically):

* ``ontology/history.ttl`` -- the version header and every concept's ``dcterms:created`` /
  ``dcterms:modified`` (:mod:`copro_kg.history.lifecycle`);
* ``src/copro_kg/_version.py`` -- the version, for ``copro-kg --version`` and the package;
* ``ontology/catalog-v001.xml`` -- the version IRI resolves to the released OWL file;
* ``releases/X.Y.Z/copro-skos.ttl`` and ``copro-owl.ttl``, ``releases/releases.json``
  (with the commit the release was cut from) and the table in ``releases/README.md``;
* ``CHANGELOG.md`` -- the ``## [X.Y.Z]`` section dated, with the vocabulary changes drafted
  from ``copro-kg diff PREVIOUS X.Y.Z`` as Markdown, for a person to edit.

Running it again for a version already cut changes nothing (exit 0). Releases are cut from
a source checkout: an installed package's files are not the repository's.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from copro_kg import checks as checking
from copro_kg._version import __version__
from copro_kg.errors import CheckFailedError, InputError
from copro_kg.export.owl import owl_profile
from copro_kg.export.skos import skos_profile
from copro_kg.history.diff import diff_graphs
from copro_kg.history.lifecycle import HEADER, concept_history, history_graph, missing_iris
from copro_kg.history.releases import (
    INDEX_FILE,
    OWL_FILE,
    SKOS_FILE,
    Release,
    is_release_version,
    parse_version,
    read_index,
    releases,
)
from copro_kg.history.report import Diff, render
from copro_kg.io.atomic import write_atomic
from copro_kg.io.serialize import serialize
from copro_kg.io.sources import load
from copro_kg.io.turtle import canonical_turtle
from copro_kg.resources import ONTOLOGY_DIR, RELEASES_DIR

__all__ = ["HISTORY_FILE", "CutReport", "cut", "gate", "refresh_history"]

HISTORY_FILE = ONTOLOGY_DIR / "history.ttl"
"""The generated module of the release history."""

_ROOT = RELEASES_DIR.parent
_VERSION_FILE = _ROOT / "src" / "copro_kg" / "_version.py"
_CATALOG = ONTOLOGY_DIR / "catalog-v001.xml"
_CHANGELOG = _ROOT / "CHANGELOG.md"


@dataclass
class CutReport:
    """What ``cut`` did."""

    version: str
    date: datetime.date
    written: list[Path] = field(default_factory=list)
    already: bool = False
    summary: str = ""


def gate(graph: Graph, skos: Graph, owl: Graph) -> list[str]:
    """Why ``graph`` (with its exports ``skos`` and ``owl``) may not be released; [] when
    it may."""
    problems: list[str] = []
    report = checking.check(graph, profile="all", exceptions=checking.load_exceptions())
    if not report.ok:
        problems.append(
            f"copro-kg check: {len(report.failures)} finding(s) not accepted "
            "(run copro-kg check to see them)"
        )
    released = releases()
    for release in released:
        for name in release.altered_files():
            problems.append(f"releases/{release.version}/{name} differs from the release list")
    for profile, now, earlier in (
        ("skos", skos, [r.skos() for r in released]),
        ("owl", owl, [r.owl() for r in released]),
    ):
        for iri, why in missing_iris(earlier, now).items():
            problems.append(f"<{iri}> ({profile} export): {why}")
    return problems


def _check_source_checkout() -> None:
    if not (_VERSION_FILE.is_file() and (_ROOT / "pyproject.toml").is_file()):
        raise InputError(
            "copro-kg release writes into the repository, but this copro-kg is installed "
            f"from a package ({_ROOT})",
            hint="run it from a source checkout: make release VERSION=X.Y.Z",
        )


def _with_history(graph: Graph, history: Graph) -> Graph:
    """``graph`` with the triples of ``ontology/history.ttl`` replaced by ``history``."""
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    old = Graph().parse(HISTORY_FILE, format="turtle") if HISTORY_FILE.is_file() else Graph()
    for triple in graph:
        if triple not in old:
            out.add(triple)
    out += history
    return out


def _history_text(history: Graph) -> str:
    body = history.serialize(format="turtle")
    return canonical_turtle(HEADER + "\n" + body, HISTORY_FILE.name)


def refresh_history(version: str = __version__) -> Path:
    """Rewrite ``ontology/history.ttl`` for the working ``version`` from the releases
    (after a release, or when a development version starts)."""
    _check_source_checkout()
    released = releases()
    graph = history_graph(version, released, concept_history(released))
    return write_atomic(HISTORY_FILE, _history_text(_titled(graph)))


def _titled(history: Graph) -> Graph:
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, OWL, RDF

    module = URIRef("https://w3id.org/copro-kg/ontology/history")
    history.add((module, RDF.type, OWL.Ontology))
    history.add((module, DCTERMS.title, Literal("copro-kg release history", lang="en")))
    history.add((module, DCTERMS.creator, Literal("copro-kg contributors")))
    return history


def cut(version: str, date: datetime.date | None = None) -> CutReport:
    """Release ``version``: see the module docstring.

    Raises:
        InputError: not ``X.Y.Z``, not newer than the last release, or no source checkout.
        CheckFailedError: the gate refused; the message lists every reason.
    """
    if not is_release_version(version):
        raise InputError(f"{version!r} is not a release version", hint="write X.Y.Z, e.g. 0.2.0")
    _check_source_checkout()
    when = date or datetime.datetime.now(datetime.UTC).date()
    released = releases()
    if any(r.version == version for r in released):
        return CutReport(version, when, already=True, summary=f"{version} is released already")
    if released and parse_version(version) <= parse_version(released[-1].version):
        raise InputError(
            f"{version} is not newer than the last release, {released[-1].version}",
            hint="releases are immutable; give the next version",
        )
    candidate = load()
    history = _titled(
        history_graph(
            version,
            released,
            concept_history(released, (version, when, skos_profile(candidate))),
            issued=when,
        )
    )
    graph = _with_history(candidate, history)
    skos, owl = skos_profile(graph), owl_profile(graph)
    problems = gate(graph, skos, owl)
    if problems:
        raise CheckFailedError(
            f"release {version} refused: " + "; ".join(problems),
            hint="fix these, then run the release again",
        )
    skos_bytes, owl_bytes = serialize(skos, "ttl"), serialize(owl, "ttl")
    folder = RELEASES_DIR / version
    files = {SKOS_FILE: skos_bytes, OWL_FILE: owl_bytes}
    entry = {
        "version": version,
        "date": when.isoformat(),
        "commit": _head_commit(),
        "note": f"Cut with copro-kg release {version} from the commit named here; "
        "the files were committed after it.",
        "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
    }
    index = read_index()
    index["releases"].append(entry)
    notes = ""
    if released:
        before = released[-1]
        diff = Diff(before.version, version, diff_graphs(before.skos(), skos), before.skos(), skos)
        notes = render(diff, "md")
    report = CutReport(version, when)
    for name, data in files.items():
        report.written.append(write_atomic(folder / name, data))
    report.written.append(write_atomic(HISTORY_FILE, _history_text(history)))
    report.written.append(
        write_atomic(RELEASES_DIR / INDEX_FILE, json.dumps(index, indent=2) + "\n")
    )
    report.written.append(_write_table(releases()))
    report.written.append(_write_version(version))
    report.written.append(_write_catalog(version))
    report.written.append(_write_changelog(version, when, released, notes))
    report.summary = notes.splitlines()[2] if notes else "the first release"
    return report


def _head_commit() -> str:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=_ROOT, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return done.stdout.strip()


def _write_version(version: str) -> Path:
    text = _VERSION_FILE.read_text(encoding="utf-8")
    text = re.sub(r'__version__ = "[^"]*"', f'__version__ = "{version}"', text)
    return write_atomic(_VERSION_FILE, text)


def _write_catalog(version: str) -> Path:
    text = _CATALOG.read_text(encoding="utf-8")
    line = (
        f'    <uri id="release-{version}" name="https://w3id.org/copro-kg/ontology/{version}" '
        f'uri="../releases/{version}/{OWL_FILE}"/>\n'
    )
    if line not in text:
        text = text.replace("</catalog>", line + "</catalog>")
    return write_atomic(_CATALOG, text)


def _write_table(all_releases: list[Release]) -> Path:
    path = RELEASES_DIR / "README.md"
    text = path.read_text(encoding="utf-8")
    rows = ["| version | date | commit | how it was made |", "|---|---|---|---|"]
    rows += [
        f"| {r.version} | {r.date.isoformat()} | `{r.commit[:7]}` | {r.note.split(':')[0]} |"
        for r in all_releases
    ]
    table = "<!-- releases:begin -->\n" + "\n".join(rows) + "\n<!-- releases:end -->"
    text = re.sub(r"<!-- releases:begin -->.*?<!-- releases:end -->", table, text, flags=re.S)
    return write_atomic(path, text)


def _write_changelog(
    version: str, when: datetime.date, released: list[Release], notes: str
) -> Path:
    text = _CHANGELOG.read_text(encoding="utf-8") if _CHANGELOG.is_file() else "# Changelog\n"
    heading = re.compile(rf"^## \[{re.escape(version)}\].*$", re.M)
    title = f"## [{version}] - {when.isoformat()}"
    draft = ""
    if notes:
        draft = (
            f"\n### Vocabulary changes since {released[-1].version}\n\n"
            f"Drafted by `copro-kg release` from `copro-kg diff {released[-1].version} "
            f"{version}`; edit freely.\n\n" + notes.split("\n", 1)[1].lstrip("\n")
        )
    found = heading.search(text)
    if found:
        text = text[: found.start()] + title + "\n" + draft + text[found.end() :]
    else:
        first = re.search(r"^## ", text, re.M)
        at = first.start() if first else len(text)
        text = text[:at] + title + "\n" + draft + "\n" + text[at:]
    return write_atomic(_CHANGELOG, text)
