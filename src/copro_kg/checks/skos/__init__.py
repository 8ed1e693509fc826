"""SKOS integrity conditions and qSKOS quality issues, under the names users look up.

Three families, each a module with its ``CHECKS`` tuple: :mod:`~.integrity` (the W3C SKOS
Reference's conditions S9, S13, S14, S27, S37, S46), :mod:`~.labels` (qSKOS label and
documentation issues) and :mod:`~.structure` (qSKOS hierarchy, relation and scheme
issues). Every check reads the :class:`~.view.SkosView` of the graph and names each
concept by label and IRI. Check ids are qSKOS's issue names in kebab case
(``orphan-concepts`` is qSKOS ``OrphanConcepts``, code ``oc``; see
https://github.com/cmader/qSKOS/wiki/Quality-Issues); the two SKOS integrity conditions
qSKOS has no name for are ``S9`` and ``S37``.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
...   @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...   <urn:x:a> a skos:Concept ; skos:prefLabel "a"@en ; skos:definition "A."@en .''',
...   format="turtle")
>>> sorted({f.check for f in run(g)})
['orphan-concepts']
"""

from __future__ import annotations

from rdflib import Graph

from copro_kg.checks.model import Finding
from copro_kg.checks.registry import Check, CheckContext
from copro_kg.checks.skos import integrity, labels, structure
from copro_kg.checks.skos.view import SKOS_TERMS, SkosView, valid_language_tag

__all__ = ["CHECKS", "SKOS_TERMS", "SkosView", "run", "valid_language_tag"]

CHECKS: tuple[Check, ...] = (*integrity.CHECKS, *labels.CHECKS, *structure.CHECKS)
"""Every SKOS check, in the order they run."""


def run(graph: Graph) -> list[Finding]:
    """Every SKOS check over ``graph``, without the exception list (for tests and tools)."""
    context = CheckContext(graph, profile="skos")
    return [finding for check in CHECKS for finding in check(context)]
