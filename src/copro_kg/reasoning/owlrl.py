"""The reference engine, owlrl, behind one small adapter (the only module importing it).

owlrl is being folded into rdflib (rdflib PR #3484), so nothing else in copro-kg may
depend on its API. It reports inconsistencies by adding ``[] a err:ErrorMessage ;
err:error "..."`` nodes to the output graph (peers.md §5.1); this adapter removes them
and returns the messages, each mapped to the OWL 2 RL rule that produced it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rdflib import BNode, Graph, Namespace
from rdflib.namespace import RDF
from rdflib.term import _toPythonMapping

__all__ = ["ERRNS", "closure", "kept_conversions", "rule_of_message"]

ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")

_MESSAGE_RULES = (
    ("'sameAs' and 'differentFrom'", "eq-diff1"),
    ("'sameAs' and 'AllDifferent'", "eq-diff2"),
    ("Irreflexive property", "prp-irp"),
    ("Erroneous usage of asymmetric", "prp-asyp"),
    ("Disjoint properties in an 'AllDisjointProperties'", "prp-adp"),
    ("Erroneous usage of disjoint properties", "prp-pdw"),
    ("Negative (object)", "prp-npa1"),
    ("Negative (datatype)", "prp-npa2"),
    ("is defined of type 'Nothing'", "cls-nothing2"),
    ("Violation of complementarity", "cls-com"),
    ("Violation of type restriction for allValuesFrom", "cls-avf"),
    ("Erroneous usage of maximum cardinality", "cls-maxc1"),
    ("Erroneous usage of maximum qualified cardinality", "cls-maxqc1"),
    ("Disjoint classes", "cax-dw"),
    ("Lexical value of the literal", "dt-not-type"),
)


def rule_of_message(message: str) -> str:
    """The OWL 2 RL rule id behind one of owlrl's error messages (``"owlrl"`` if unknown).

    >>> rule_of_message("Disjoint classes a and b have a common individual x")
    'cax-dw'
    """
    for fragment, rule in _MESSAGE_RULES:
        if fragment in message:
            return rule
    return "owlrl"


@contextmanager
def kept_conversions() -> Iterator[None]:
    """Put rdflib's process-wide literal conversions back exactly as they were on leaving
    (wrap every ``owlrl`` expand in it: see :func:`closure`)."""
    conversions = dict(_toPythonMapping)
    try:
        yield
    finally:
        _toPythonMapping.clear()
        _toPythonMapping.update(conversions)


def closure(graph: Graph) -> tuple[Graph, list[str]]:
    """owlrl's OWL 2 RL closure of a copy of ``graph``, and its error messages.

    Uses ``owlrl.DeductiveClosure(owlrl.OWLRL_Semantics)`` with its defaults (no
    axiomatic triples): the configuration the rest of the project compares against.
    """
    import owlrl

    result = Graph()
    for triple in graph:
        result.add(triple)
    # owlrl swaps rdflib's process-wide literal conversions for its own and "restores" only
    # the keys rdflib has, so xsd:dateTimeStamp kept owlrl's parser, which moved a -14:00
    # zone to -15:00 in every later parse of the process. Put the table back exactly.
    with kept_conversions():
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(result)
    messages: list[str] = []
    for node in list(result.subjects(RDF.type, ERRNS.ErrorMessage)):
        if isinstance(node, BNode):
            messages.extend(str(m) for m in result.objects(node, ERRNS.error))
            result.remove((node, None, None))
    return result, sorted(messages)
