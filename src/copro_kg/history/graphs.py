"""The releases in the query store as named graphs, with their deltas (skos-history's design).

ZBW's skos-history (``bin/load_versions.sh``) loads each version of a vocabulary into a
named graph, computes for each pair of consecutive versions an *insertions* and a
*deletions* graph, and describes them in a version-history graph with the ISO 25964
versioning vocabulary (``dsv:``) and its own (``skos-history:``). This module does the
same for ``releases/``, so that its stock queries -- and ours, ``queries/changes-*.rq`` --
run on copro-kg's store:

* :func:`version_graph` -- a release's SKOS export, ``<.../graph/version/X.Y.Z>``;
* :func:`delta_graph` -- ``<.../graph/delta/A/B/insertions>`` and ``.../deletions``
  (triples with a blank node are left out, as skos-history does: a blank node has no
  identity across versions);
* :data:`VERSIONS_GRAPH` -- the version history: one ``dsv:VersionHistoryRecord`` per
  release (``dc:identifier``, ``dc:date``, ``xhv:prev``, ``skos-history:usingNamedGraph``),
  the latest the ``dsv:currentVersionRecord``, and each ``skos-history:SchemeDelta``.

The graphs are added beside the glossary's asserted and inferred graphs
(:mod:`copro_kg.sparql.storefiles`); a query's default graph stays those two, so the
releases are reached only with ``GRAPH``.

>>> names = {q.graph_name.value for q in history_quads()}
>>> sorted(n for n in names if "/version/" in n)[0]
'https://w3id.org/copro-kg/graph/version/0.1.0'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyoxigraph as ox

from copro_kg.history.releases import Release, releases

__all__ = ["VERSIONS_GRAPH", "delta_graph", "history_quads", "history_record", "version_graph"]

_GRAPH = "https://w3id.org/copro-kg/graph/"
VERSIONS_GRAPH = _GRAPH + "versions"
"""The version-history graph (skos-history's ``<scheme>/version``)."""

_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_DSV = "http://purl.org/iso25964/DataSet/Versioning#"
_SH = "http://purl.org/skos-history/"
_SD = "http://www.w3.org/ns/sparql-service-description#"
_XHV = "http://www.w3.org/1999/xhtml/vocab#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def version_graph(version: str) -> str:
    """The named graph of a release's SKOS export."""
    return f"{_GRAPH}version/{version}"


def history_record(version: str) -> str:
    """The ``dsv:VersionHistoryRecord`` of a release."""
    return f"{VERSIONS_GRAPH}/record/{version}"


def delta_graph(old: str, new: str, part: str) -> str:
    """The ``insertions`` or ``deletions`` graph from release ``old`` to ``new``."""
    return f"{_GRAPH}delta/{old}/{new}/{part}"


def _triples(path: Path, label: str) -> list[Any]:
    """The file's triples; blank nodes renamed per release so two never meet."""
    out = []
    for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE):
        s, o = quad.subject, quad.object
        if isinstance(s, ox.BlankNode):
            s = ox.BlankNode(f"{label}{s.value}")
        if isinstance(o, ox.BlankNode):
            o = ox.BlankNode(f"{label}{o.value}")
        out.append(ox.Triple(s, quad.predicate, o))
    return out


def _ground(triples: list[Any]) -> set[Any]:
    return {
        t
        for t in triples
        if not isinstance(t.subject, ox.BlankNode) and not isinstance(t.object, ox.BlankNode)
    }


def history_quads(released: list[Release] | None = None) -> list[Any]:
    """Every quad of the release history: version graphs, deltas, the version history."""
    found = releases() if released is None else released
    meta: list[tuple[Any, Any, Any]] = []
    history = ox.NamedNode(VERSIONS_GRAPH)

    def say(s: str, p: str, o: Any) -> None:
        meta.append(
            (ox.NamedNode(s), ox.NamedNode(p), o if not isinstance(o, str) else ox.NamedNode(o))
        )

    quads: list[Any] = []
    previous: tuple[Release, set[Any]] | None = None
    say(VERSIONS_GRAPH, _RDF_TYPE, _DSV + "VersionHistorySet")
    for index, release in enumerate(found):
        name = version_graph(release.version)
        triples = _triples(release.skos_file, f"v{index}x")
        quads += [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(name)) for t in triples]
        record = history_record(release.version)
        say(record, _RDF_TYPE, _DSV + "VersionHistoryRecord")
        say(record, _DSV + "hasVersionHistorySet", VERSIONS_GRAPH)
        say(record, _DC + "identifier", ox.Literal(release.version))
        say(
            record,
            _DC + "date",
            ox.Literal(release.date.isoformat(), datatype=ox.NamedNode(_XSD_DATE)),
        )
        say(record, _SH + "usingNamedGraph", name + "/ng")
        say(name + "/ng", _RDF_TYPE, _SD + "NamedGraph")
        say(name + "/ng", _SD + "name", name)
        ground = _ground(triples)
        if previous is not None:
            before, before_ground = previous
            say(record, _XHV + "prev", history_record(before.version))
            delta = f"{_GRAPH}delta/{before.version}/{release.version}"
            say(delta, _RDF_TYPE, _SH + "SchemeDelta")
            say(delta, _SH + "deltaFrom", history_record(before.version))
            say(delta, _SH + "deltaTo", record)
            for record_of in (history_record(before.version), record):
                say(record_of, _SH + "hasDelta", delta)
            for part, kind, part_triples in (
                ("insertions", "SchemeDeltaInsertions", ground - before_ground),
                ("deletions", "SchemeDeltaDeletions", before_ground - ground),
            ):
                graph = delta_graph(before.version, release.version, part)
                say(delta, _DCTERMS + "hasPart", graph)
                say(graph, _RDF_TYPE, _SH + kind)
                say(graph, _DCTERMS + "isPartOf", delta)
                say(graph, _SH + "usingNamedGraph", graph + "/ng")
                say(graph + "/ng", _RDF_TYPE, _SD + "NamedGraph")
                say(graph + "/ng", _SD + "name", graph)
                quads += [
                    ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph))
                    for t in sorted(part_triples, key=str)
                ]
        previous = (release, ground)
    if found:
        say(VERSIONS_GRAPH, _DSV + "currentVersionRecord", history_record(found[-1].version))
    return quads + [ox.Quad(s, p, o, history) for s, p, o in meta]
