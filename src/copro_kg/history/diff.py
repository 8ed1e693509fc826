"""What changed between two versions of a SKOS vocabulary, concept by concept.

The change types are RDF Differ's (meaningfy-ws/rdf-differ-ws, built on ZBW's
skos-history), computed here from the two graphs' insertions and deletions -- the triples
of the new version that the old lacks, and the reverse -- restricted to triples about a
concept (``skos:Concept`` in either version) or, in an OWL file, a named class or property
(so the OWL exports' renamed classes show as ``deprecated`` with their replacement):

* ``updated`` -- same concept and property, a new value (of the same language, or both
  IRIs): ``old`` and ``new`` are the two values;
* ``moved`` -- same property and value, now on another concept: ``concept`` is where it
  is now, ``old`` the concept it was on, ``new`` the value;
* ``changed`` -- same concept and value, another property (an ``altLabel`` promoted to
  ``prefLabel``): ``property`` is the new property, ``old`` the one before, ``new`` the
  value;
* ``deprecated`` -- the concept became ``owl:deprecated true``: ``property`` is
  ``dcterms:isReplacedBy`` and ``new`` the replacement (``owl:deprecated`` and ``true``
  when it names none);
* ``added`` / ``deleted`` -- any other inserted / deleted triple. A concept new in this
  version is an ``added`` ``rdf:type skos:Concept``; a concept gone outright, a
  ``deleted`` one (which a release never does: it deprecates instead).

Blank nodes are left out (skos-history skips them too: they have no identity across
versions), and so are the dates that record the history itself (``dcterms:created``,
``dcterms:modified``): they change because something else did.

>>> from rdflib import Graph
>>> old = Graph().parse(data='''@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...   <urn:a> a skos:Concept ; skos:prefLabel "Old"@en .''', format="turtle")
>>> new = Graph().parse(data='''@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
...   <urn:a> a skos:Concept ; skos:prefLabel "New"@en .''', format="turtle")
>>> [(c.action, str(c.old), str(c.new)) for c in diff_graphs(old, new)]
[('updated', 'Old', 'New')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, SKOS
from rdflib.term import Node

__all__ = ["ACTIONS", "IGNORED", "Change", "concepts", "diff_graphs", "terms"]

ACTIONS = ("deprecated", "added", "deleted", "updated", "moved", "changed")
"""The change types, in the order a report lists them for one concept."""

IGNORED = frozenset({DCTERMS.created, DCTERMS.modified})
"""Properties not compared: the history's own dates."""

_NOT_MOVED = frozenset({RDF.type, SKOS.inScheme})
"""Properties every concept has with the same value: one concept's gain is no other's loss."""

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Change:
    """One change to one concept (see the module docstring for what ``old``/``new`` hold)."""

    concept: URIRef
    action: str
    property: URIRef
    old: Node | None = None
    new: Node | None = None

    def sort_key(self) -> tuple[str, int, str, str, str]:
        """Concept, then action in :data:`ACTIONS` order, then property and values."""
        return (
            str(self.concept),
            ACTIONS.index(self.action),
            str(self.property),
            "" if self.old is None else self.old.n3(),
            "" if self.new is None else self.new.n3(),
        )


def concepts(graph: Graph) -> set[URIRef]:
    """The IRIs typed ``skos:Concept`` in ``graph``."""
    return {c for c in graph.subjects(RDF.type, SKOS.Concept) if isinstance(c, URIRef)}


_OWL_TERMS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def terms(graph: Graph) -> set[URIRef]:
    """The concepts of ``graph`` and its named OWL classes and properties."""
    named = {t for kind in _OWL_TERMS for t in graph.subjects(RDF.type, kind)}
    return concepts(graph) | {t for t in named if isinstance(t, URIRef)}


def diff_graphs(old: Graph, new: Graph) -> list[Change]:
    """The changes from ``old`` to ``new``, per concept (or OWL class/property), sorted."""
    about = terms(old) | terms(new)
    inserted = _about(set(new) - set(old), about)
    deleted = _about(set(old) - set(new), about)
    changes = _deprecations(new, inserted)
    changes += _pairs(inserted, deleted)
    changes += [Change(_iri(s), "added", _iri(p), None, o) for s, p, o in sorted(inserted)]
    changes += [Change(_iri(s), "deleted", _iri(p), o, None) for s, p, o in sorted(deleted)]
    return sorted(changes, key=Change.sort_key)


def _about(triples: Iterable[Triple], about: set[URIRef]) -> set[Triple]:
    return {
        (s, p, o)
        for s, p, o in triples
        if s in about and p not in IGNORED and not isinstance(o, BNode)
    }


def _deprecations(new: Graph, inserted: set[Triple]) -> list[Change]:
    """``deprecated`` changes; their ``owl:deprecated`` and ``isReplacedBy`` triples are
    taken out of ``inserted``."""
    changes = []
    for s, p, o in sorted(inserted):
        if p != OWL.deprecated or not (isinstance(o, Literal) and o.toPython() is True):
            continue
        inserted.discard((s, p, o))
        replacements = sorted(new.objects(s, DCTERMS.isReplacedBy), key=str)
        for replacement in replacements:
            inserted.discard((s, DCTERMS.isReplacedBy, replacement))
            changes.append(Change(_iri(s), "deprecated", DCTERMS.isReplacedBy, None, replacement))
        if not replacements:
            changes.append(Change(_iri(s), "deprecated", OWL.deprecated, None, o))
    return changes


def _iri(node: Node) -> URIRef:
    """``node`` as an IRI: subjects here are concepts and predicates are IRIs."""
    assert isinstance(node, URIRef), node
    return node


def _kind(value: Node) -> str:
    """Values an ``updated`` may pair: literals of one language, or IRIs."""
    if isinstance(value, Literal):
        return "@" + (value.language or "") + "^" + str(value.datatype or "")
    return "iri"


def _pairs(inserted: set[Triple], deleted: set[Triple]) -> list[Change]:
    """``updated``, ``changed`` and ``moved`` changes, each pairing one inserted triple
    with one deleted triple (both then taken out of their sets)."""
    changes: list[Change] = []

    def pair(
        key: Callable[[Triple], object], make: Callable[[Triple, Triple], Change | None]
    ) -> None:
        waiting: dict[object, list[Triple]] = defaultdict(list)
        for triple in sorted(deleted):
            waiting[key(triple)].append(triple)
        for triple in sorted(inserted):
            for candidate in waiting.get(key(triple), []):
                change = make(triple, candidate) if candidate in deleted else None
                if change is not None:
                    changes.append(change)
                    inserted.discard(triple)
                    deleted.discard(candidate)
                    break

    # changed: same concept and value, another property
    pair(
        lambda t: (t[0], t[2]),
        lambda i, d: (
            Change(_iri(i[0]), "changed", _iri(i[1]), d[1], i[2]) if i[1] != d[1] else None
        ),
    )
    # updated: same concept and property, another value of the same kind
    pair(
        lambda t: (t[0], t[1], _kind(t[2])),
        lambda i, d: Change(_iri(i[0]), "updated", _iri(i[1]), d[2], i[2]),
    )
    # moved: same property and value, another concept
    pair(
        lambda t: (t[1], t[2]),
        lambda i, d: (
            Change(_iri(i[0]), "moved", _iri(i[1]), d[0], i[2])
            if i[0] != d[0] and i[1] not in _NOT_MOVED
            else None
        ),
    )
    return changes
