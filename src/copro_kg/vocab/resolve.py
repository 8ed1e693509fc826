"""Finding the term a person means: by IRI, CURIE, slug or label -- one resolver for all.

``explain``, query parameters, ``graph --focus`` and the site all accept what people type:
``co-design``, ``Involvement``, ``Co design``, ``cydgynhyrchu``, ``copro:co-design``, a full
IRI. :func:`resolve` holds the matching rules once; :func:`resolve_term` applies them to an
rdflib graph (every term in it, inferred ones too when given a closure), and
:mod:`copro_kg.viz` applies them to the nodes of a drawn view.

The rules:

1. an IRI (``<...>`` or absolute) or a CURIE names exactly that term;
2. otherwise the text is a name: a local name (slug), or any ``skos:prefLabel``,
   ``skos:altLabel``, ``skos:hiddenLabel`` or ``rdfs:label``, in any language, matched
   ignoring case, with spaces, hyphens and underscores alike;
3. what is wanted decides between terms with that name. By default (``want="term"``) the
   glossary's own concept wins, then a concept of another scheme (the ladders we map
   to), then any other term but a class: ``Involvement`` is the concept
   ``copro:involvement``, never the OWL class ``copro:InvolvementActivity``, which is found only
   where a class is asked for (``want="class"``: ``rdfs:subClassOf``, the object of
   ``rdf:type``, ``explain --as class``). ``want="property"`` puts properties first;
4. several terms left at the same rank: the slug beats a preferred label, which beats the
   other labels, and an exact-case match beats a folded one; if that still leaves
   several, a current term beats a deprecated one (which shares its replacement's
   label); if that still leaves several, the name is ambiguous and the error lists each
   with its scheme;
5. nothing: :class:`~copro_kg.errors.UnknownTermError` with "did you mean" suggestions
   (difflib over every name).

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... @prefix owl: <http://www.w3.org/2002/07/owl#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix copro: <https://w3id.org/copro-kg/> .
... copro:involvement skos:prefLabel "Involvement"@en ; skos:inScheme copro:glossary .
... copro:InvolvementActivity a owl:Class ; rdfs:label "involvement"@en .
... ''', format="turtle")
>>> str(resolve_term(g, "Involvement"))
'https://w3id.org/copro-kg/involvement'
>>> str(resolve_term(g, "Involvement", want="class"))
'https://w3id.org/copro-kg/InvolvementActivity'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal as Kind

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from copro_kg.errors import UnknownTermError
from copro_kg.namespace import COPRO, PREFIXES
from copro_kg.vocab.labels import curie as _curie_of
from copro_kg.vocab.labels import label_or_none
from copro_kg.vocab.labels import local_name as _local_name
from copro_kg.vocab.status import deprecated_terms

__all__ = [
    "GLOSSARY_SCHEME",
    "Candidate",
    "TermIndex",
    "Want",
    "candidates",
    "curie",
    "local_name",
    "normalise",
    "resolve",
    "resolve_term",
]

GLOSSARY_SCHEME = COPRO["glossary"]

Want = Kind["term", "class", "property"]
"""What a position asks for: a term (the glossary's concept first), a class, a property."""

_CLASS_TYPES = (OWL.Class, RDFS.Class, RDFS.Datatype, OWL.Restriction)
_PROPERTY_TYPES = (
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
)
_CLASS_LINKS = (RDFS.subClassOf, OWL.equivalentClass, OWL.disjointWith, OWL.complementOf)
_OTHER_LABELS = (SKOS.altLabel, SKOS.hiddenLabel, RDFS.label)
_STANDARDS = (RDF, RDFS, OWL, XSD, SKOS)  # closed vocabularies: rdflib knows every term


@dataclass(frozen=True)
class Candidate:
    """A term that can be named, with its names in tier order (see the module doc)."""

    key: str
    """What :func:`resolve` returns for it (an IRI, or a node id of a drawn graph)."""
    display: str
    """How messages show it (a CURIE)."""
    slugs: Sequence[str]
    pref_labels: Sequence[str]
    other_labels: Sequence[str]
    glossary: bool = False
    """True for the glossary's own terms: they win ties against mapped schemes."""
    kind: str = "other"
    """``concept``, ``class``, ``property`` or ``other`` (individuals, pages ...)."""
    scheme: str = ""
    """Where it comes from, for an ambiguity message ("TLAP ladder", "class")."""
    deprecated: bool = False
    """``owl:deprecated true``: a current term with the same name wins over it."""


def normalise(text: str) -> str:
    """Case-folded, with runs of spaces, hyphens and underscores as one hyphen.

    >>> normalise("  Co_design  "), normalise("co - design")
    ('co-design', 'co-design')
    """
    return re.sub(r"[\s_\-]+", "-", text.strip().casefold()).strip("-")


def _rank(cand: Candidate, want: Want) -> int | None:
    """The preference group of ``cand`` for ``want`` (lower first), or None: not eligible."""
    if cand.kind == "concept":
        base = 0 if cand.glossary else 1
    elif cand.kind == "class":
        base = None  # a class only where one is asked for
    else:
        base = 2 if cand.glossary else 3
    if want == "term" or cand.kind != want:
        return None if base is None else base + (0 if want == "term" else 2)
    return 0 if cand.glossary else 1


def resolve(text: str, candidates: Iterable[Candidate], *, want: Want = "term") -> str:
    """The key of the one candidate ``text`` names (rules in the module docstring).

    Raises:
        UnknownTermError: nothing matches (with "did you mean" suggestions), or several
            terms match equally well (the message lists them with their schemes).
    """
    pool = list(candidates)
    wanted = text.strip()
    if wanted.startswith("<") and wanted.endswith(">"):
        wanted = wanted[1:-1]
    for cand in pool:
        if wanted in (cand.key, cand.display):
            return cand.key
    folded = normalise(wanted)
    groups: dict[int, list[Candidate]] = {}
    for cand in pool:
        rank = _rank(cand, want)
        if rank is not None and _names_match(
            [*cand.slugs, *cand.pref_labels, *cand.other_labels], folded
        ):
            groups.setdefault(rank, []).append(cand)
    if groups:
        group = groups[min(groups)]
        # A current term with the name wins over a deprecated one, even one whose slug is
        # the exact text (copro:Involvement, renamed copro:InvolvementActivity in 0.2.0).
        current = [c for c in group if not c.deprecated]
        found = _narrow(current or group, wanted, folded)
        if len(found) == 1:
            return found[0].key
        listed = [c.display for c in found]
        described = [f"{c.display} ({c.scheme})" if c.scheme else c.display for c in found]
        raise UnknownTermError(
            f"'{text}' is ambiguous: it names {len(found)} terms "
            f"({', '.join(described)}); give a CURIE or IRI instead",
            suggestions=listed,
        )
    # Suggest only names that would resolve here: not a class's slug for a term.
    eligible = [c for c in pool if _rank(c, want) is not None]
    raise UnknownTermError(
        f"no term called '{text}' in the graph", suggestions=_close(wanted, eligible)
    )


def _narrow(found: list[Candidate], wanted: str, folded: str) -> list[Candidate]:
    """The candidates of the first tier (slug, preferred label, other labels; exact case
    before folded) that any of ``found`` matches in."""
    unique = sorted({c.key: c for c in found}.values(), key=lambda c: c.key)
    if len(unique) == 1:
        return unique
    for tier in ("slugs", "pref_labels", "other_labels"):
        for exact in (True, False):
            hits = [
                c
                for c in unique
                if (wanted in getattr(c, tier))
                or (not exact and _names_match(getattr(c, tier), folded))
            ]
            if hits:
                return hits
    return unique


def _names_match(names: Sequence[str], folded: str) -> bool:
    return any(normalise(n) == folded for n in names if n)


def _close(wanted: str, pool: Sequence[Candidate]) -> list[str]:
    """Names close to ``wanted``, as people write them: a preferred label before an other
    label when they fold the same; a slug only for a term with no label (a property such
    as ``broaderTransitive``), and never a web page's."""
    by_fold: dict[str, str] = {}
    unlabelled = [c for c in pool if not (c.pref_labels or c.other_labels) and c.kind != "other"]
    for names in (
        [n for c in unlabelled for n in c.slugs if ":" not in n],
        [n for c in pool for n in c.other_labels],
        [n for c in pool for n in c.pref_labels],
    ):
        by_fold.update({n.casefold(): n for n in names if n})
    close = difflib.get_close_matches(wanted.casefold(), list(by_fold), n=3, cutoff=0.6)
    return [by_fold[c] for c in close]


class TermIndex:
    """The names of every term of one graph, read once, for several look-ups.

    Pass a closure to find terms that only inferred triples mention. An IRI or CURIE
    names a term of the graph, or a term the RDF, RDFS, OWL, XSD and SKOS standards
    define (``owl:Thing``, which an OWL 2 RL closure relates every class to, even where
    a result does not list those triples); any other IRI is taken for a typo.
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._pool: list[Candidate] | None = None

    def resolve(self, text: str, *, want: Want = "term") -> URIRef:
        """The IRI ``text`` names (see :func:`resolve` for the rules)."""
        expanded = _expand(self.graph, text.strip())
        if expanded is not None and (_occurs(self.graph, expanded) or _is_standard(expanded)):
            return expanded
        if self._pool is None:
            self._pool = candidates(self.graph)
        return URIRef(resolve(text, self._pool, want=want))


def resolve_term(graph: Graph, text: str, *, want: Want = "term") -> URIRef:
    """The IRI ``text`` names in ``graph`` (see :class:`TermIndex` and :func:`resolve`)."""
    return TermIndex(graph).resolve(text, want=want)


def _expand(graph: Graph, text: str) -> URIRef | None:
    """The IRI that ``text`` spells out as ``<iri>``, an absolute IRI or a CURIE, if any."""
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    if re.match(r"^(https?|urn|file):", text):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if not sep or local.startswith("//"):
        return None
    namespaces = {p: str(ns) for p, ns in graph.namespaces()}
    namespaces.update({p: str(ns) for p, ns in PREFIXES.items()})
    return URIRef(namespaces[prefix] + local) if prefix in namespaces else None


def _is_standard(term: URIRef) -> bool:
    return any(term in vocabulary for vocabulary in _STANDARDS)


def _occurs(graph: Graph, term: URIRef) -> bool:
    return (term, None, None) in graph or (None, term, None) in graph or (None, None, term) in graph


def curie(graph: Graph, term: str) -> str:
    """``copro:co-design`` for an IRI in a known namespace, else ``<iri>``.

    Kept for callers of the old ``terms.curie``; it is :func:`copro_kg.vocab.labels.curie`.
    """
    return _curie_of(URIRef(term), graph)


def local_name(iri: str) -> str:
    """The last segment of an IRI; it is :func:`copro_kg.vocab.labels.local_name`."""
    return _local_name(iri)


def candidates(graph: Graph) -> list[Candidate]:
    """Every IRI of ``graph`` as a :class:`Candidate`, with its names, kind and scheme."""
    terms: set[URIRef] = set()
    predicates: set[URIRef] = set()
    for s, p, o in graph:
        terms.update(t for t in (s, o) if isinstance(t, URIRef))
        if isinstance(p, URIRef):
            predicates.add(p)
    terms |= predicates
    pref: dict[URIRef, list[str]] = {}
    other: dict[URIRef, list[str]] = {}
    for props, into in (((SKOS.prefLabel,), pref), (_OTHER_LABELS, other)):
        for prop in props:
            for s, o in graph.subject_objects(prop):
                if isinstance(s, URIRef) and isinstance(o, Literal):
                    into.setdefault(s, []).append(str(o))
    schemes: dict[URIRef, set[URIRef]] = {}
    for s, o in graph.subject_objects(SKOS.inScheme):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            schemes.setdefault(s, set()).add(o)
    concepts = set(schemes) | {s for s in graph.subjects(RDF.type, SKOS.Concept)}
    classes = {s for t in _CLASS_TYPES for s in graph.subjects(RDF.type, t)}
    classes |= {o for o in graph.objects(None, RDF.type)}
    for prop in _CLASS_LINKS:
        for s, o in graph.subject_objects(prop):
            classes.update((s, o))
    properties = predicates | {s for t in _PROPERTY_TYPES for s in graph.subjects(RDF.type, t)}
    ours = str(COPRO)
    deprecated = deprecated_terms(graph)
    scheme_names: dict[URIRef, str] = {}

    def scheme_name(term: URIRef) -> str:
        for scheme in sorted(schemes.get(term, ())):
            if scheme not in scheme_names:
                title = graph.value(scheme, DCTERMS.title)
                scheme_names[scheme] = (
                    str(title) if title is not None else label_or_none(graph, scheme) or ""
                ) or _curie_of(scheme, graph)
            return scheme_names[scheme]
        return ""

    out = []
    for term in sorted(terms):
        in_schemes = schemes.get(term, set())
        if term in concepts:
            kind, glossary = "concept", GLOSSARY_SCHEME in in_schemes
            where = "glossary" if glossary else scheme_name(term) or "concept"
        else:
            kind = "class" if term in classes else "property" if term in properties else "other"
            glossary, where = str(term).startswith(ours), kind
        display = _curie_of(term, graph)
        out.append(
            Candidate(
                key=str(term),
                display=display,
                slugs=[display, _local_name(term)],
                pref_labels=pref.get(term, []),
                other_labels=other.get(term, []),
                glossary=glossary,
                kind=kind,
                scheme=where,
                deprecated=term in deprecated,
            )
        )
    return out
