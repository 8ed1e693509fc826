"""The project's editorial rules: ``ontology/shapes.ttl`` validated with pySHACL.

One finding per validation result, under the check id ``shacl:<shape>`` so findings group
by rule and can be accepted in ``checks.toml`` like any other.
"""

from __future__ import annotations

import functools
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from copro_kg.checks.model import CheckInfo, Finding, Severity, node_text, term
from copro_kg.checks.registry import Check, CheckContext, as_check
from copro_kg.errors import InputError
from copro_kg.vocab.labels import local_name

__all__ = ["CHECKS", "SHACL_INFO", "shacl_findings"]

SHACL_INFO = CheckInfo(
    id="shacl",
    title="Editorial rules (SHACL shapes)",
    profile="shacl",
    reference="SHACL, ontology/shapes.ttl",
    view="asserted",
    description="The project's editorial rules as SHACL shapes, validated with pySHACL.",
)

_SEVERITY: dict[Node, Severity] = {SH.Violation: "error", SH.Warning: "warning"}


def _load_shapes(shapes: Graph | None) -> Graph:
    if shapes is not None:
        return shapes
    from copro_kg.io.sources import parse_source
    from copro_kg.resources import SHAPES_FILE

    if not SHAPES_FILE.exists():
        raise InputError("the SHACL shapes file is missing", location=str(SHAPES_FILE))
    return parse_source(SHAPES_FILE, "turtle")


def _shape_name(node: Node | None) -> str:
    return local_name(str(node)) if node is not None else "shape"


def shacl_findings(data: Graph, shapes: Graph, names: Graph | None = None) -> list[Finding]:
    """Validate ``data`` against ``shapes`` with pySHACL; one finding per result.

    The check id is ``shacl:<shape>`` (the local name of the shape, or of the constraint
    component for blank-node shapes). ``names`` is the graph labels are read from.

    >>> from rdflib import Graph
    >>> shapes = Graph().parse(format="turtle", data='''
    ...   @prefix sh: <http://www.w3.org/ns/shacl#> .
    ...   @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    ...   <urn:s:LabelShape> a sh:NodeShape ; sh:targetClass skos:Concept ;
    ...     sh:property [ sh:path skos:prefLabel ; sh:minCount 1 ] .''')
    >>> data = Graph().parse(format="turtle", data='''
    ...   <urn:x:a> a <http://www.w3.org/2004/02/skos/core#Concept> .''')
    >>> [(f.check, f.terms[0].iri) for f in shacl_findings(data, shapes)]  # a blank-node shape
    [('shacl:MinCountConstraintComponent', 'urn:x:a')]
    """
    from copro_kg.sparql.prepare import PARSER_LOCK

    with PARSER_LOCK:  # pySHACL's first import loads rdflib's SPARQL modules (see prepare)
        from pyshacl import validate

    # pySHACL runs a SHACL-SPARQL constraint by passing its query *text* to
    # Graph.query once per focus node, and rdflib parses it anew each time (~70 ms);
    # a graph that parses each text once halves `copro-kg check`. Our own copy, so
    # inplace=True (no second copy) cannot touch the caller's graph.
    copy = _PreparedQueryGraph()
    copy += data
    for prefix, namespace in data.namespaces():
        copy.bind(prefix, namespace, override=False)
    _conforms, results, _text = validate(
        copy,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
        inplace=True,
    )
    labels = names if names is not None else data
    assert isinstance(results, Graph)
    return [
        _finding(results, result, shapes, labels)
        for result in results.subjects(RDF.type, SH.ValidationResult)
    ]


def _finding(results: Graph, result: Node, shapes: Graph, labels: Graph) -> Finding:
    focus = results.value(result, SH.focusNode)
    shape = results.value(result, SH.sourceShape)
    component = results.value(result, SH.sourceConstraintComponent)
    path = results.value(result, SH.resultPath)
    value = results.value(result, SH.value)
    severity = results.value(result, SH.resultSeverity)
    messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
    shape_name = _shape_name(shape) if isinstance(shape, URIRef) else _shape_name(component)
    described = (
        shapes.value(shape, SH.message) or shapes.value(shape, SH.description)
        if shape is not None
        else None
    )
    text = messages[0] if messages else str(described or "does not conform")
    where = f" (path {node_text(labels, path)})" if isinstance(path, URIRef) else ""
    what = f"; value {node_text(labels, value)}" if value is not None and value != focus else ""
    subject = term(labels, focus) if focus is not None else None
    return Finding(
        check=f"shacl:{shape_name}",
        severity=_SEVERITY.get(severity, "info") if severity is not None else "info",
        message=f"{subject}: {text}{where}{what}" if subject else text,
        terms=(subject,) if subject else (),
    )


class _PreparedQueryGraph(Graph):
    """A Graph that parses each SPARQL query text once (see :func:`shacl_findings`)."""

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str):
            query_object = _prepared_query(query_object)
        return super().query(query_object, *args, **kwargs)


@functools.lru_cache(maxsize=128)
def _prepared_query(text: str) -> Any:
    from copro_kg.sparql.prepare import rdflib_query

    return rdflib_query(text)  # under the parser lock: checks may run in threads


@as_check(SHACL_INFO)
def shapes_check(context: CheckContext) -> list[Finding]:
    """Every SHACL result over the asserted triples.

    The shapes are written for the asserted triples (``ontology/shapes.ttl`` says so):
    "an example is described by its features, never typed with its level" would fail on
    the reasoned graph, where the reasoner has typed every example.
    """
    return shacl_findings(context.graph, _load_shapes(context.shapes))


CHECKS: tuple[Check, ...] = (shapes_check,)
"""The SHACL family: one check, whose findings carry each shape's name."""
