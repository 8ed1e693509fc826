"""Finding the term a person means: by IRI, CURIE, slug or label -- one resolver for all.

``explain``, ``graph --focus`` and the site all accept what people type: ``co-design``,
``Co design``, ``copro:co-design``, a full IRI, an altLabel such as ``citizen engagement``.
:func:`resolve` holds the matching rules once; :func:`resolve_term` applies them to an
rdflib graph, and :mod:`copro_kg.viz.convert` applies them to the nodes of a drawn view.

Matching, first unique hit wins:

1. the exact IRI or a CURIE with a known prefix;
2. the IRI's local name (slug), so ``co-design`` means ``copro:co-design`` even though
   TLAP's ladder, which we map to, also has a step labelled "Co-design";
3. the preferred label; 4. alternative labels, Welsh labels and ``rdfs:label``.

At each tier an exact-case match beats one that ignores case and treats spaces, hyphens
and underscores alike. When a tier finds several terms and exactly one of them belongs to
the glossary itself (its concept scheme or the ``copro:`` classes and properties), that
one wins -- mapped ladders never shadow the glossary; otherwise the name is ambiguous.

>>> from rdflib import Graph
>>> g = Graph().parse(data='''
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... @prefix copro: <https://w3id.org/copro-kg/> .
... copro:co-design skos:prefLabel "Co-design"@en ; skos:inScheme copro:glossary .
... copro:tlap-co-design skos:prefLabel "Co-design"@en ; skos:inScheme copro:tlap-ladder .
... ''', format="turtle")
>>> str(resolve_term(g, "co design"))
'https://w3id.org/copro-kg/co-design'
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from copro_kg.errors import UnknownTermError
from copro_kg.namespace import COPRO, PREFIXES

__all__ = ["Candidate", "curie", "local_name", "normalise", "resolve", "resolve_term"]

GLOSSARY_SCHEME = COPRO["glossary"]


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


def normalise(text: str) -> str:
    """Case-folded, with runs of spaces, hyphens and underscores as one hyphen.

    >>> normalise("  Co_design  "), normalise("co - design")
    ('co-design', 'co-design')
    """
    return re.sub(r"[\s_\-]+", "-", text.strip().casefold()).strip("-")


def resolve(text: str, candidates: Iterable[Candidate]) -> str:
    """The key of the one candidate ``text`` names (rules in the module docstring).

    Raises:
        UnknownTermError: nothing matches (with "did you mean" suggestions), or several
            terms match equally well and none is preferred (the message lists them).
    """
    pool = list(candidates)
    wanted = text.strip()
    if wanted.startswith("<") and wanted.endswith(">"):
        wanted = wanted[1:-1]
    for cand in pool:
        if wanted in (cand.key, cand.display):
            return cand.key
    folded = normalise(wanted)
    for tier in ("slugs", "pref_labels", "other_labels"):
        for exact in (True, False):
            found = sorted(
                {
                    c.key: c for c in pool if _names_match(getattr(c, tier), wanted, folded, exact)
                }.values(),
                key=lambda c: c.key,
            )
            if len(found) > 1:
                ours = [c for c in found if c.glossary]
                found = ours if len(ours) == 1 else found
            if len(found) == 1:
                return found[0].key
            if found:
                listed = [c.display for c in found]
                raise UnknownTermError(
                    f"'{text}' is ambiguous: it names {len(found)} terms "
                    f"({', '.join(listed)}); give a CURIE or IRI instead",
                    suggestions=listed,
                )
    # Suggest labels as people write them; a slug only where no label folds the same.
    by_fold = {n.casefold(): n for c in pool for n in c.slugs if n and ":" not in n}
    by_fold.update({n.casefold(): n for c in pool for n in c.pref_labels if n})
    close = difflib.get_close_matches(wanted.casefold(), list(by_fold), n=3, cutoff=0.6)
    raise UnknownTermError(
        f"no term called '{text}' in the graph", suggestions=[by_fold[c] for c in close]
    )


def _names_match(names: Sequence[str], wanted: str, folded: str, exact: bool) -> bool:
    if exact:
        return wanted in names
    return any(normalise(n) == folded for n in names if n)


def resolve_term(graph: Graph, text: str) -> URIRef:
    """The IRI ``text`` names in ``graph`` (see :func:`resolve` for the rules)."""
    return URIRef(resolve(text, _candidates(graph)))


def curie(graph: Graph, term: str) -> str:
    """``copro:co-design`` for an IRI in a known namespace, else ``<iri>``."""
    for prefix, ns in PREFIXES.items():  # ours first: stable names in messages
        if term.startswith(str(ns)) and term != str(ns):
            return f"{prefix}:{term[len(str(ns)) :]}"
    try:
        return graph.namespace_manager.curie(term, generate=False)
    except (ValueError, KeyError):
        return f"<{term}>"


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#``, ``/`` or ``:``)."""
    return re.split(r"[#/:]", iri.rstrip("/#"))[-1] or iri


def _candidates(graph: Graph) -> list[Candidate]:
    terms: set[str] = set()
    for triple in graph:
        terms.update(str(t) for t in triple if isinstance(t, URIRef))
    pref: dict[str, list[str]] = {}
    other: dict[str, list[str]] = {}
    for prop, into in ((SKOS.prefLabel, pref), (SKOS.altLabel, other), (RDFS.label, other)):
        for s, o in graph.subject_objects(prop):
            if isinstance(s, URIRef) and isinstance(o, Literal):
                into.setdefault(str(s), []).append(str(o))
    in_glossary = {str(s) for s in graph.subjects(SKOS.inScheme, GLOSSARY_SCHEME)}
    in_other_scheme = {
        str(s) for s, o in graph.subject_objects(SKOS.inScheme) if o != GLOSSARY_SCHEME
    }
    ours = str(COPRO)
    return [
        Candidate(
            key=t,
            display=curie(graph, t),
            slugs=[curie(graph, t), local_name(t)],
            pref_labels=pref.get(t, []),
            other_labels=other.get(t, []),
            glossary=t in in_glossary or (t.startswith(ours) and t not in in_other_scheme),
        )
        for t in sorted(terms)
    ]
