"""The release list: which versions were released, when, from which commit, with what files.

``releases/releases.json`` (shipped in the package beside the ontology) is the authoritative
record -- git tags are not part of what is published, the list is. Each release keeps its
exports, immutable, in ``releases/<version>/`` (the SKOS and OWL Turtle that ``copro-kg
export`` wrote at that commit), with their SHA-256 in the list so a changed byte is caught.

Versions are ``X.Y.Z`` (semantic versioning); the working copy between releases is
``X.Y.Z.devN`` (PEP 440), so it never claims to be a release it differs from.

>>> parse_version("0.2.0.dev0") < parse_version("0.2.0") < parse_version("0.10.0")
True
>>> str(version_iri("0.1.0"))
'https://w3id.org/copro-kg/ontology/0.1.0'
>>> [r.version for r in releases()][:1]
['0.1.0']
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef

from copro_kg.errors import InputError
from copro_kg.prefixes import BASE
from copro_kg.resources import RELEASES_DIR

__all__ = [
    "INDEX_FILE",
    "OWL_FILE",
    "SKOS_FILE",
    "Release",
    "find_release",
    "is_release_version",
    "parse_version",
    "read_index",
    "releases",
    "version_iri",
]

INDEX_FILE = "releases.json"
"""The release list inside the releases folder."""

SKOS_FILE = "copro-skos.ttl"
"""A release's SKOS export (``copro-kg export --profile skos``), what ``diff`` compares."""

OWL_FILE = "copro-owl.ttl"
"""A release's OWL export (``copro-kg export --profile owl``)."""

_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)(?:\.dev(\d+))?")


def parse_version(text: str) -> tuple[int, int, int, int]:
    """``X.Y.Z`` or ``X.Y.Z.devN`` as a sortable tuple (a dev version sorts before its
    release).

    Raises:
        InputError: not such a version.
    """
    found = _VERSION.fullmatch(text.strip())
    if found is None:
        raise InputError(
            f"{text!r} is not a version",
            hint="write X.Y.Z, e.g. 0.2.0 (X.Y.Z.devN between releases)",
        )
    major, minor, patch, dev = found.groups()
    return (int(major), int(minor), int(patch), int(dev) if dev is not None else 1 << 30)


def is_release_version(text: str) -> bool:
    """True for ``X.Y.Z`` (a release), False for ``X.Y.Z.devN`` or anything else.

    >>> is_release_version("0.2.0"), is_release_version("0.2.0.dev0")
    (True, False)
    """
    found = _VERSION.fullmatch(text)
    return found is not None and found.group(4) is None


def version_iri(version: str) -> URIRef:
    """The ``owl:versionIRI`` of ``version`` (the ontology IRI plus the version)."""
    return URIRef(f"{BASE}ontology/{version}")


@dataclass(frozen=True)
class Release:
    """One released version, as the release list records it."""

    version: str
    date: datetime.date
    commit: str
    note: str
    folder: Path
    files: dict[str, str] = field(default_factory=dict)
    """File name -> SHA-256 of its bytes."""

    @property
    def skos_file(self) -> Path:
        """The release's SKOS export."""
        return self.folder / SKOS_FILE

    @property
    def owl_file(self) -> Path:
        """The release's OWL export."""
        return self.folder / OWL_FILE

    @property
    def iri(self) -> URIRef:
        """Its ``owl:versionIRI``."""
        return version_iri(self.version)

    def skos(self) -> Graph:
        """The release's SKOS export, parsed."""
        return Graph().parse(self.skos_file, format="turtle")

    def owl(self) -> Graph:
        """The release's OWL export, parsed."""
        return Graph().parse(self.owl_file, format="turtle")

    def altered_files(self) -> list[str]:
        """The files whose bytes no longer match the list (a release is immutable)."""
        return sorted(
            name
            for name, digest in self.files.items()
            if not (self.folder / name).is_file()
            or hashlib.sha256((self.folder / name).read_bytes()).hexdigest() != digest
        )


def read_index(folder: Path | None = None) -> dict[str, Any]:
    """The release list as stored (``{"releases": [...]}``); empty when there is none.

    Raises:
        InputError: the file is not the JSON this module writes.
    """
    path = (folder or RELEASES_DIR) / INDEX_FILE
    if not path.is_file():
        return {"releases": []}
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as err:
        raise InputError(f"the release list is not JSON: {err}", location=str(path)) from None
    if not isinstance(index, dict) or not isinstance(index.get("releases"), list):
        raise InputError("the release list has no 'releases' array", location=str(path))
    return index


def releases(folder: Path | None = None) -> list[Release]:
    """Every release, oldest first."""
    base = folder or RELEASES_DIR
    found = []
    for entry in read_index(base)["releases"]:
        found.append(
            Release(
                version=str(entry["version"]),
                date=datetime.date.fromisoformat(str(entry["date"])),
                commit=str(entry["commit"]),
                note=str(entry.get("note", "")),
                folder=base / str(entry["version"]),
                files=dict(entry.get("files", {})),
            )
        )
    return sorted(found, key=lambda r: parse_version(r.version))


def find_release(version: str, folder: Path | None = None) -> Release:
    """The release called ``version``.

    Raises:
        InputError: no such release.
    """
    known = releases(folder)
    for release in known:
        if release.version == version:
            return release
    names = ", ".join(r.version for r in known) or "none yet"
    raise InputError(f"there is no release {version!r}", hint=f"released versions: {names}")
