"""The datatype rules (dt-*, Table 8 of OWL 2 RL/RDF) and the XML Schema type hierarchy.

* ``dt-type1``: each datatype OWL 2 RL supports is an ``rdfs:Datatype`` (an axiom,
  added by :func:`copro_kg.engine.run`).
* ``dt-type2``: a literal of such a datatype belongs to it; typed when the literal is
  first met as an object.
* ``dt-eq``: two literals with the same data value are ``owl:sameAs`` (``"1"^^xsd:int``
  and ``"01"^^xsd:integer``). Typed literals are grouped by value as they are met, so
  this costs one dictionary look-up per distinct literal, not a comparison of pairs.
* ``dt-diff``: two literals with different values are ``owl:differentFrom``. Stating it
  for every pair would be quadratic in the literals, and its only consequence under
  these rules is the eq-diff1 clash with an ``owl:sameAs`` of the pair; so it is derived
  exactly for the pairs of literals that become ``owl:sameAs`` (New-Feature-Keys-006:
  a functional property with two different names).
* ``dt-not-type``: an ill-typed literal of a datatype OWL 2 RL supports (``"abc"^^xsd:integer``;
  ill-typed by its lexical space, :func:`copro_kg.engine.xsd.ill_typed`), or a literal typed with
  a datatype whose value space does not hold its value (``"300"^^xsd:integer`` as an
  ``xsd:byte``, through a range), is an inconsistency.
* ``xsd-sub`` (not an OWL 2 RL rule: the one extension): XML Schema Part 2 derives
  ``xsd:byte`` from ``xsd:short`` ... from ``xsd:decimal``, so each value space holds the
  next; ``xsd:byte rdfs:subClassOf xsd:short`` then holds under the RDF-Based Semantics
  and the ordinary rules carry it (a range of ``xsd:byte`` is a range of ``xsd:short``,
  WebOnt-I5.8-006). Added only for the datatypes the input mentions.

**Two phases.** The ``xsd-sub`` axioms and the ``dt-eq`` links are postponed until the
other rules reach their fixpoint (:meth:`DatatypeRules._postpone`); then they are added
and chaining resumes. What is derived after :attr:`extension_start` is therefore exactly
what follows only by way of them (owlrl has neither): ``copro:phaseNumber rdfs:range
xsd:decimal``, or ``x p "1"^^xsd:nonNegativeInteger`` beside ``x p "1"^^xsd:integer``.
:mod:`copro_kg.engine.visibility` hides those by default (category ``datatype``). The
closure and the clashes are the same as with one phase: the rules are monotone.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterator
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from copro_kg.engine import vocab as v
from copro_kg.engine.datatypes import outside, value_key
from copro_kg.engine.state import ChainerState, IntTriple
from copro_kg.engine.xsd import ill_typed

__all__ = ["DatatypeRules"]

_SAME_TERM = (None, XSD.string)  # "x" and "x"^^xsd:string: one RDF 1.1 term, two rdflib ones


class DatatypeRules(ChainerState):
    """dt-* rules and the xsd-sub axioms."""

    def add_datatype_axioms(self, mentioned_ids: Collection[int] | None = None) -> None:
        """dt-type1 for every OWL 2 RL datatype, xsd-sub for those the input mentions.

        Call after the input is asserted and before :meth:`run`: a datatype counts as
        mentioned when the input already numbered it as a term (or, given
        ``mentioned_ids``, when its id is one of them: the terms of a delta).
        """
        ids = self.terms.ids
        mentioned = [
            dt
            for dt in sorted(v.DATATYPE_SUPERTYPES)
            if dt in ids and (mentioned_ids is None or ids[dt] in mentioned_ids)
        ]
        enc = self.terms.encode
        for dt in sorted(v.OWL_RL_DATATYPES):
            self._derive((enc(dt), v.TYPE, v.DATATYPE), "dt-type1", ())
        self._datatype_ids = frozenset(enc(dt) for dt in v.OWL_RL_DATATYPES)
        for dt in mentioned:
            self._postpone(self._hierarchy, dt)

    def _postpone(self, step: Callable[..., None], *args: Any) -> None:
        """Run an xsd-sub or dt-eq ``step`` now in the second phase, else keep it for then."""
        if self.extension_start is None:
            self._postponed.append((step, args))
        else:
            step(*args)

    def start_extension(self) -> None:
        """Begin the second phase: run the postponed steps (call at the first fixpoint)."""
        self.extension_start = len(self.first)
        postponed, self._postponed = self._postponed, []
        for step, args in postponed:
            step(*args)

    def extension(self) -> Iterator[IntTriple]:
        """The triples derived in the second phase (none before it began)."""
        if self.extension_start is None:
            return iter(())
        return itertools.islice(self.first, self.extension_start, None)

    def _hierarchy(self, dt: URIRef) -> None:
        enc = self.terms.encode
        d = enc(dt)
        if d in self._hierarchy_done:
            return
        self._hierarchy_done.add(d)
        for sup in sorted(v.DATATYPE_SUPERTYPES.get(dt, ())):
            self._derive((d, v.SUBCLASS, enc(sup)), "xsd-sub", ())
            self._hierarchy(sup)

    def _literal_datatypes(self, o: int, t: IntTriple) -> tuple[int, ...]:
        """dt-type2 (and dt-eq, dt-not-type) for object ``o``, once per distinct object."""
        found = self._literal_types.get(o)
        if found is not None:
            return found
        term = self.terms.terms[o]
        result: tuple[int, ...] = ()  # also memoised for non-literals: one lookup per pop
        if isinstance(term, Literal) and term.datatype is not None:
            dt = URIRef(term.datatype)
            # Only the datatypes OWL 2 RL supports are reasoned about (dt-type2 and
            # dt-not-type say "each datatype dt supported in OWL 2 RL"): a literal of
            # another (xsd:dayTimeDuration, xsd:date) is neither typed nor a clash.
            if dt not in v.OWL_RL_DATATYPES:
                pass
            elif ill_typed(term):  # by the lexical space, not by what Python can hold
                self._clash("dt-not-type", (t,))
            else:
                result = (self.terms.encode(dt),)
                self._postpone(self._hierarchy, dt)
                self._postpone(self._equal_values, o, term)
        self._literal_types[o] = result
        return result

    def _equal_values(self, o: int, term: Literal) -> None:
        """dt-eq between ``o`` and every literal met before with the same value."""
        key = value_key(term)
        if key is None:
            return
        group = self._values.get(key)
        if group is None:
            group = self._values[key] = []
            if key[0] == "string":  # a plain literal of that text is met untyped
                plain = self.terms.ids.get(Literal(str(term)))
                if plain is not None:
                    group.append(plain)
        terms = self.terms.terms
        for other in group:
            if not _one_term(term, terms[other]):
                self._derive((o, v.SAME, other), "dt-eq", ())
                self._derive((other, v.SAME, o), "dt-eq", ())
        group.append(o)

    def _dt_diff(self, x: int, y: int) -> None:
        """dt-diff for two literals made the same: their values differ, or not."""
        a, b = self.terms.terms[x], self.terms.terms[y]
        if not isinstance(b, Literal) or _one_term(a, b):  # type: ignore[arg-type]
            return
        ka, kb = value_key(a), value_key(b)  # type: ignore[arg-type]
        if ka is not None and kb is not None and ka != kb:
            self._derive((x, v.DIFFERENT, y), "dt-diff", ())

    def _datatype_member(self, x: int, c: int, t: IntTriple) -> None:
        """dt-not-type for ``x rdf:type c`` with ``c`` a datatype and ``x`` a literal."""
        if c in self._datatype_ids:
            term = self.terms.terms[x]
            if isinstance(term, Literal) and outside(term, self.terms.terms[c]):  # type: ignore[arg-type]
                self._clash("dt-not-type", (t,))


def _one_term(a: Any, b: Any) -> bool:
    """Whether two rdflib literals are one RDF 1.1 term (``"x"`` and ``"x"^^xsd:string``)."""
    return (
        isinstance(a, Literal)
        and isinstance(b, Literal)
        and str(a) == str(b)
        and a.language is None
        and b.language is None
        and a.datatype in _SAME_TERM
        and b.datatype in _SAME_TERM
    )
