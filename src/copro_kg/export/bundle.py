"""Every profile in every format, with a ``SHA256SUMS`` file: what ``export --all-formats``
and ``make demo`` write, and the format look-up behind ``export --format``.

RDF formats are written by the one deterministic writer
(:func:`copro_kg.io.serialize.serialize`); CSV by :mod:`copro_kg.export.csv`. Each profile
is built once, however many formats it is written in; the full profile reuses the
``skos`` and ``owl`` graphs already built.

>>> sorted(FORMATS)
['csv', 'jsonld', 'nt', 'sssom', 'ttl', 'xml']
>>> check_format("owl", "csv")
Traceback (most recent call last):
...
copro_kg.errors.InputError: the owl profile cannot be written as csv: ...
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from copro_kg.errors import InputError
from copro_kg.export.common import MAIN_SCHEME
from copro_kg.export.csv import concept_csv
from copro_kg.export.owl import owl_profile
from copro_kg.export.profiles import PROFILES, full_profile
from copro_kg.export.skos import skos_profile
from copro_kg.export.sssom import sssom_tsv
from copro_kg.formats import suffixes
from copro_kg.io.atomic import write_atomic
from copro_kg.io.serialize import serialize

if TYPE_CHECKING:
    from copro_kg.reasoning.result import Reasoning

__all__ = [
    "FORMATS",
    "MAPPINGS_STEM",
    "SUMS_FILE",
    "check_format",
    "export_all",
    "serialize_export",
]

FORMATS: dict[str, str] = {
    **suffixes(("ttl", "xml", "jsonld", "nt", "csv"), ("graph", "table")),
    "sssom": "sssom.tsv",
}
"""``--format`` name -> file extension used by :func:`export_all`. ``sssom`` is the mapping
set (:mod:`copro_kg.export.sssom`): the same for every profile, written once."""

MAPPINGS_STEM = "copro-mappings"
"""File stem of the SSSOM mapping set :func:`export_all` writes."""

SUMS_FILE = "SHA256SUMS"
"""Checksums of the files written, in the format ``sha256sum -c`` checks."""

_ROWS_PER_CONCEPT = {"csv"}
"""Formats that hold one row per concept: only profiles with concepts can fill them."""


def check_format(profile: str, fmt: str) -> None:
    """Refuse a profile and format that cannot go together.

    The CSV has one row per ``skos:Concept``; the ``owl`` profile leaves the concept
    layer out, so its CSV would be a header and nothing else.

    Raises:
        InputError: an unknown format, or one that cannot carry ``profile``.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint="use " + ", ".join(FORMATS))
    if fmt in _ROWS_PER_CONCEPT and profile == "owl":
        raise InputError(
            f"the owl profile cannot be written as {fmt}: it has no concepts, and the "
            f"{fmt} export is one row per concept",
            hint="write the owl profile as ttl, xml, jsonld or nt, or the skos profile as csv",
        )


def serialize_export(graph: Graph, fmt: str) -> bytes:
    """``graph`` as ``fmt`` (ttl, xml, jsonld, nt, csv or sssom), deterministic bytes.

    For ``sssom`` pass the loaded graph, not a profile: the ``skos`` profile leaves out
    the mappings it cannot carry and every profile the mappings' justifications.

    Raises:
        InputError: an unknown format, or content the format cannot hold.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}", hint="use " + ", ".join(FORMATS))
    if fmt == "sssom":
        return sssom_tsv(graph)
    if fmt != "csv":
        return serialize(graph, fmt)  # the one deterministic RDF writer
    try:
        return concept_csv(graph)
    except Exception as err:
        raise InputError(f"cannot write the export as {fmt}: {err}") from err


def export_all(
    graph: Graph,
    directory: str | Path,
    *,
    profiles: Sequence[str] = PROFILES,
    formats: Iterable[str] = FORMATS,
    reasoned_full: bool = True,
    reasoning: Reasoning | None = None,
) -> list[Path]:
    """Write every profile x format into ``directory``, plus a ``SHA256SUMS`` file.

    Files are named ``copro-<profile>.<ext>``; with ``reasoned_full`` the full profile
    is written with the inferred triples of ``reasoning`` too
    (``copro-full-reasoned.<ext>``). Combinations :func:`check_format` refuses are
    skipped.

    Returns:
        The files written, ``SHA256SUMS`` last.

    Raises:
        InputError: ``reasoned_full`` with the full profile but no ``reasoning``.
    """
    folder = Path(directory)
    formats = list(formats)
    for fmt in formats:
        if fmt not in FORMATS:
            raise InputError(f"unknown export format {fmt!r}", hint="use " + ", ".join(FORMATS))
    skos = skos_profile(graph, scheme=MAIN_SCHEME) if {"skos", "full"} & set(profiles) else None
    owl = owl_profile(graph) if {"owl", "full"} & set(profiles) else None
    built: list[tuple[str, str, Graph]] = []
    for profile in profiles:
        if profile == "skos" and skos is not None:
            built.append((profile, "copro-skos", skos))
        elif profile == "owl" and owl is not None:
            built.append((profile, "copro-owl", owl))
        elif profile == "full":
            built.append((profile, "copro-full", full_profile(graph, skos=skos, owl=owl)))
            if reasoned_full:
                reasoned = full_profile(
                    graph, reasoned=True, reasoning=reasoning, skos=skos, owl=owl
                )
                built.append((profile, "copro-full-reasoned", reasoned))
        else:
            raise InputError(f"unknown export profile {profile!r}", hint="use skos, owl or full")
    written: list[Path] = []
    sums: list[str] = []
    if "sssom" in formats:
        data = sssom_tsv(graph)
        path = write_atomic(folder / f"{MAPPINGS_STEM}.{FORMATS['sssom']}", data)
        written.append(path)
        sums.append(f"{hashlib.sha256(data).hexdigest()}  {path.name}\n")
    for profile, stem, export in built:
        for fmt in formats:
            if fmt == "sssom":
                continue  # the mapping set, written once above
            try:
                check_format(profile, fmt)
            except InputError:
                continue  # e.g. the owl profile has no concepts for a CSV
            data = serialize_export(export, fmt)
            path = write_atomic(folder / f"{stem}.{FORMATS[fmt]}", data)
            written.append(path)
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {path.name}\n")
    by_name = "".join(sorted(sums, key=lambda s: s[66:]))
    written.append(write_atomic(folder / SUMS_FILE, by_name))
    return written
