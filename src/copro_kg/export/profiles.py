"""The export profiles by name: ``skos``, ``owl`` and ``full``, and the full profile itself.

``skos`` (:mod:`copro_kg.export.skos`) is for Skosmos, PoolParty, VocBench, TemaTres and
Skosify; ``owl`` (:mod:`copro_kg.export.owl`) for Protégé, owlready2/HermiT and other OWL
tools; ``full`` is everything: the loaded graph, the SKOS profile's added triples and the
OWL profile's declarations, and with ``reasoned=True`` the user-visible inferred triples
of a :class:`~copro_kg.reasoning.result.Reasoning` the caller passes in -- including
``skos:broaderTransitive``, which is why it is not the profile for taxonomy tools.

Export never reasons: the inferred triples come from the pipeline's one reasoning result
(``copro-kg export --reasoned`` passes it), so a warm export runs no engine.

The SKOS profile carries no OWL axioms; its only OWL words are the version and deprecation
annotations that Skosmos and VocBench read (``owl:versionInfo``, ``owl:deprecated`` ...):

>>> from copro_kg import load
>>> skos = build_profile(load(), "skos")
>>> from rdflib.namespace import OWL
>>> annotations = {"versionInfo", "versionIRI", "priorVersion", "deprecated"}
>>> sorted({str(p) for p in skos.predicates() if str(p).startswith(str(OWL))
...         and str(p)[len(str(OWL)):] not in annotations})
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from copro_kg.errors import InputError
from copro_kg.export.common import MAIN_SCHEME, SCHEMA
from copro_kg.export.csv import CSV_HEADER, CSV_SEPARATOR, ConceptRow, concept_rows
from copro_kg.export.owl import merged_modules, owl_profile
from copro_kg.export.skos import skos_profile
from copro_kg.namespace import bind_prefixes

if TYPE_CHECKING:
    from copro_kg.reasoning.result import Reasoning

__all__ = [
    "CSV_HEADER",
    "CSV_SEPARATOR",
    "MAIN_SCHEME",
    "PROFILES",
    "SCHEMA",
    "ConceptRow",
    "build_profile",
    "check_profile",
    "concept_rows",
    "full_profile",
    "owl_profile",
    "skos_profile",
]

PROFILES: tuple[str, ...] = ("skos", "owl", "full")
"""Export profiles, in the order ``make demo`` writes them."""


def full_profile(
    graph: Graph,
    *,
    reasoned: bool = False,
    scheme: URIRef = MAIN_SCHEME,
    reasoning: Reasoning | None = None,
    skos: Graph | None = None,
    owl: Graph | None = None,
) -> Graph:
    """Everything: the loaded graph, both profiles' additions and (optionally) inferences.

    Args:
        graph: the loaded graph; not modified.
        reasoned: add the inferred triples of ``reasoning``.
        scheme: the concept scheme the SKOS additions are made for.
        reasoning: the pipeline's result over ``graph``; required with ``reasoned``.
        skos, owl: the profiles of ``graph`` when the caller has built them already
            (:func:`copro_kg.export.bundle.export_all` builds each once).

    The modules the root ontology ``owl:imports`` are merged here, so those imports are
    left out: owlready2 and Protégé would otherwise try to download what the file
    already holds.

    Raises:
        InputError: ``reasoned`` without a ``reasoning``.
    """
    if reasoned and reasoning is None:
        raise InputError(
            "the reasoned full profile needs the reasoning result over the graph",
            hint="pass reasoning=copro_kg.reason(graph) (export never reasons itself)",
        )
    out = bind_prefixes(Graph())
    out.bind("schema", SCHEMA)
    out += graph
    if (scheme, RDF.type, SKOS.ConceptScheme) in graph:
        out += skos if skos is not None else skos_profile(graph, scheme=scheme)
    out += owl if owl is not None else owl_profile(graph, scheme=scheme)
    if reasoned and reasoning is not None:
        out += reasoning.inferred
    for module in merged_modules(graph):
        out.remove((None, OWL.imports, module))
    drop_non_dl_axioms(out)
    return out


def drop_non_dl_axioms(graph: Graph) -> None:
    """Remove the property axioms OWL 2 DL forbids on non-simple properties, in place.

    SKOS S27 and S46 as ``owl:propertyDisjointWith`` (``ontology/skos-integrity.ttl``)
    name ``skos:broaderTransitive`` and ``skos:exactMatch``, which are transitive: OWL 2
    DL allows only simple properties in disjointness (and in asymmetry, irreflexivity and
    functionality), so HermiT -- hence Protégé -- refuses a file with them. They stay in
    the checking files: ``copro-kg check`` reports them (rule prp-pdw). Non-simple means
    transitive, or with a transitive sub-property, or the inverse of one (OWL 2 Structural
    Specification §11.2).
    """
    transitive = set(graph.subjects(RDF.type, OWL.TransitiveProperty))
    non_simple: set[Node] = set()
    todo = list(transitive)
    while todo:
        prop = todo.pop()
        if prop in non_simple:
            continue
        non_simple.add(prop)
        todo += list(graph.objects(prop, RDFS.subPropertyOf))
        todo += list(graph.objects(prop, OWL.inverseOf)) + list(graph.subjects(OWL.inverseOf, prop))
    for a, b in list(graph.subject_objects(OWL.propertyDisjointWith)):
        if a in non_simple or b in non_simple:
            graph.remove((a, OWL.propertyDisjointWith, b))
    for kind in (OWL.AsymmetricProperty, OWL.IrreflexiveProperty, OWL.FunctionalProperty):
        for prop in non_simple:
            graph.remove((prop, RDF.type, kind))


def check_profile(profile: str, *, reasoned: bool = False) -> None:
    """Refuse an unknown profile, or inferred triples for a profile other than ``full``.

    Raises:
        InputError: as above; the CLI calls this before loading or reasoning anything.
    """
    if profile not in PROFILES:
        raise InputError(f"unknown export profile {profile!r}", hint="use skos, owl or full")
    if reasoned and profile != "full":
        raise InputError(
            f"--reasoned applies to the full profile only, not {profile}",
            hint="inferred triples (skos:broaderTransitive ...) break taxonomy tools",
        )


def build_profile(
    graph: Graph,
    profile: str,
    *,
    reasoned: bool = False,
    scheme: URIRef = MAIN_SCHEME,
    reasoning: Reasoning | None = None,
) -> Graph:
    """The export graph of ``profile`` (``skos``, ``owl`` or ``full``).

    ``reasoned`` adds the inferred triples of ``reasoning``; only the ``full`` profile
    accepts it, since the closure holds ``skos:broaderTransitive`` and OWL noise no
    taxonomy tool wants.

    Raises:
        InputError: an unknown profile, ``reasoned`` with a profile other than full, or
            ``reasoned`` without a ``reasoning``.
    """
    check_profile(profile, reasoned=reasoned)
    if profile == "skos":
        return skos_profile(graph, scheme=scheme)
    if profile == "owl":
        return owl_profile(graph, scheme=scheme)
    return full_profile(graph, reasoned=reasoned, scheme=scheme, reasoning=reasoning)
