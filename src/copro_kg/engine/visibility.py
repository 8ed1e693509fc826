"""Which inferred triples a user sees: the exact rule for what the reasoner hides.

OWL 2 RL entails many triples that are true of *everything* or are about the RDF/OWL
vocabulary itself; owlrl writes them all (about four in five of its output triples on
the glossary). An **inferred** triple is hidden, unless ``keep_all`` / ``--all`` is
given, when it falls in one of these categories (asserted triples are never hidden):

``generalised``
    Not RDF 1.1: a literal subject (``"x"@en owl:sameAs "x"@en``, ``"3"^^xsd:int a
    xsd:int``) or a predicate that is not an IRI. Writers for N-Triples and RDF/XML
    reject them.
``reflexive``
    A tautology true of every term: ``x owl:sameAs x``, ``c rdfs:subClassOf c``,
    ``c owl:equivalentClass c``, ``p rdfs:subPropertyOf p``, ``p owl:equivalentProperty p``.
``top-bottom``
    True of everything by the meaning of ``owl:Thing``/``owl:Nothing``/``rdfs:Resource``:
    ``x rdf:type owl:Thing``, ``x rdf:type rdfs:Resource``, ``c rdfs:subClassOf owl:Thing``,
    ``c rdfs:subClassOf rdfs:Resource``, ``owl:Nothing rdfs:subClassOf c``.
``vocabulary``
    The built-in vocabularies' own axioms: the subject is an IRI in the ``rdf:``,
    ``rdfs:``, ``owl:`` or ``xsd:`` namespace (``owl:Thing a owl:Class``,
    ``rdfs:label a owl:AnnotationProperty``, ``xsd:string a rdfs:Datatype``).
``datatype``
    What follows only by way of the XML Schema datatype hierarchy (``xsd-sub``, which
    is not an OWL 2 RL rule) or of two literals with one data value (``dt-eq``):
    ``copro:phaseNumber rdfs:range xsd:decimal`` from its range ``xsd:integer``;
    ``x copro:phaseNumber "1"^^xsd:nonNegativeInteger`` beside ``x copro:phaseNumber
    "1"^^xsd:integer``, the same value written again. The engine derives these in a
    second phase (:mod:`copro_kg.engine.rules_datatype`), so the category is decided by
    whether a triple follows without them, not by its shape; owlrl derives none of them,
    and hiding them keeps the visible closure owlrl's.

The first four are decided by a triple's shape, the last by how it follows; a triple in
several is counted in the first. Nothing else is hidden; ``tests/test_reasoning.py``
checks that every hidden triple falls in one of these categories.

>>> from rdflib import URIRef
>>> from rdflib.namespace import OWL, RDF
>>> hidden_reason(URIRef("urn:a"), RDF.type, OWL.Thing)
'top-bottom'
>>> hidden_reason(URIRef("urn:a"), RDF.type, URIRef("urn:C")) is None
True
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Container, Iterable, Sequence

from rdflib import Literal, Node, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from copro_kg.engine import vocab as v
from copro_kg.engine.gcpause import paused_gc
from copro_kg.engine.state import IntTriple
from copro_kg.engine.vocab import BUILTIN_NAMESPACES

__all__ = ["CATEGORIES", "hidden_reason", "is_builtin", "split_visible"]

CATEGORIES: tuple[str, ...] = ("generalised", "reflexive", "top-bottom", "vocabulary", "datatype")
"""The names :func:`hidden_reason` can return, in the order they are tested."""

_REFLEXIVE = frozenset(
    {OWL.sameAs, RDFS.subClassOf, OWL.equivalentClass, RDFS.subPropertyOf, OWL.equivalentProperty}
)
_TOP = frozenset({OWL.Thing, RDFS.Resource})


def is_builtin(term: Node) -> bool:
    """Whether ``term`` is an IRI of the rdf:, rdfs:, owl: or xsd: vocabulary."""
    return isinstance(term, URIRef) and str(term).startswith(BUILTIN_NAMESPACES)


def hidden_reason(s: Node, p: Node, o: Node, *, by_extension: bool = False) -> str | None:
    """The category (see module docstring) an inferred triple is hidden for, or None.

    ``by_extension``: the triple follows only by way of ``xsd-sub`` or ``dt-eq`` (the
    engine's :meth:`~copro_kg.engine.rules_datatype.DatatypeRules.extension`).
    """
    if isinstance(s, Literal) or not isinstance(p, URIRef):
        return "generalised"
    if s == o and p in _REFLEXIVE:
        return "reflexive"
    if (p == RDF.type and o in _TOP) or (p == RDFS.subClassOf and (o in _TOP or s == OWL.Nothing)):
        return "top-bottom"
    if is_builtin(s):
        return "vocabulary"
    return "datatype" if by_extension else None


_REFLEXIVE_IDS = frozenset({v.SAME, v.SUBCLASS, v.EQCLASS, v.SUBPROP, v.EQPROP})
_TOP_IDS = frozenset({v.THING, v.RESOURCE})


def split_visible(
    triples: Iterable[IntTriple],
    terms: Sequence[Node],
    keep_all: bool = False,
    extension: Container[IntTriple] = frozenset(),
) -> tuple[list[IntTriple], Counter[str]]:
    """:func:`hidden_reason` over integer triples: (visible integer triples, hidden counts).

    The same rule, decided on term ids (the vocabulary's fixed ids, and one look at each
    distinct term) instead of comparing rdflib terms per triple, which dominated the
    time on large closures. The visible triples stay integers (the caller decodes them
    when, and if, they are needed: 6.5 million rdflib tuples are 7 s and 450 MB).
    ``extension`` holds the triples that follow only by way of xsd-sub or dt-eq.
    """
    visible: list[IntTriple] = []
    hidden: Counter[str] = Counter()
    if keep_all:
        return list(triples), hidden
    # 0: ordinary; 1: literal or (as predicate) not an IRI; 2: built-in vocabulary IRI
    kinds: dict[int, int] = {}

    def kind(n: int) -> int:
        term = terms[n]
        k = 1 if not isinstance(term, URIRef) else 2 if is_builtin(term) else 0
        kinds[n] = k
        return k

    add = visible.append
    with paused_gc():
        _split(triples, terms, kinds, kind, add, hidden, extension)
    return visible, hidden


def _split(
    triples: Iterable[IntTriple],
    terms: Sequence[Node],
    kinds: dict[int, int],
    kind: Callable[[int], int],
    add: Callable[[IntTriple], None],
    hidden: Counter[str],
    extension: Container[IntTriple],
) -> None:
    for t in triples:
        s, p, o = t
        ks = kinds.get(s)
        if ks is None:
            ks = kind(s)
        kp = kinds.get(p)
        if kp is None:
            kp = kind(p)
        if (ks == 1 and isinstance(terms[s], Literal)) or kp == 1:
            hidden["generalised"] += 1
        elif s == o and p in _REFLEXIVE_IDS:
            hidden["reflexive"] += 1
        elif (p == v.TYPE and o in _TOP_IDS) or (
            p == v.SUBCLASS and (o in _TOP_IDS or s == v.NOTHING)
        ):
            hidden["top-bottom"] += 1
        elif ks == 2:
            hidden["vocabulary"] += 1
        elif t in extension:
            hidden["datatype"] += 1
        else:
            add(t)
