"""The equality rules (eq-*, Table 4 of OWL 2 RL/RDF), eq-ref answered on demand.

``owl:sameAs`` is symmetric and transitive (eq-sym, eq-trans) and lets every triple
about one name hold of the other (eq-rep-s/p/o). ``eq-ref`` -- every term is the same
as itself -- is true of every term of the closure but adds nothing else under these
rules, so it is never stored: :meth:`EqualityRules.mention` finds the triple that makes
a term part of the graph, and the chainer answers ``x owl:sameAs x`` from it
(:meth:`copro_kg.engine.chainer.Chainer.why`, ``entails``, ``inferred(reflexive=True)``).
``x owl:differentFrom x`` is still an eq-diff1 clash.
"""

from __future__ import annotations

from rdflib import Literal

from copro_kg.engine import vocab as v
from copro_kg.engine.state import ChainerState, IntTriple

__all__ = ["EqualityRules"]


class EqualityRules(ChainerState):
    """eq-* rules, and the premise of eq-ref for any term of the closure."""

    def _same(self, x: int, y: int, t: IntTriple) -> None:
        self._has_same = True
        st, derive = self.store, self._derive
        derive((y, v.SAME, x), "eq-sym", (t,))
        for z in list(st.objects(y, v.SAME)):
            derive((x, v.SAME, z), "eq-trans", (t, (y, v.SAME, z)))
        for w in list(st.subjects(v.SAME, x)):
            derive((w, v.SAME, y), "eq-trans", ((w, v.SAME, x), t))
        for p, by_s in list(st.spo.items()):
            for o in list(by_s.get(x, ())):
                derive((y, p, o), "eq-rep-s", (t, (x, p, o)))
        for p, by_o in list(st.pos.items()):
            for s in list(by_o.get(x, ())):
                derive((s, p, y), "eq-rep-o", (t, (s, p, x)))
        for a, b in list(st.pairs(x)):
            derive((a, y, b), "eq-rep-p", (t, (a, x, b)))
        if isinstance(self.terms.terms[x], Literal):
            self._dt_diff(x, y)  # two literals the same: are their values different?
        if st.has(x, v.DIFFERENT, y):
            self._clash("eq-diff1", (t, (x, v.DIFFERENT, y)))
        for members, axiom in (
            *self._groups.get((v.ALLDIFFERENT, x), ()),
            *self._groups.get((v.ALLDIFFERENT, y), ()),
        ):
            if x in members and y in members:
                self._group_pair(v.ALLDIFFERENT, x, y, axiom)

    def _different(self, x: int, y: int, t: IntTriple) -> None:
        if x == y:  # eq-ref makes x sameAs x, so eq-diff1 applies
            self._clash("eq-diff1", (t,))
        elif self.store.has(x, v.SAME, y):
            self._clash("eq-diff1", ((x, v.SAME, y), t))

    def mention(self, x: int) -> IntTriple | None:
        """A stored triple in which term ``x`` occurs (an asserted one if any), or None.

        It is the premise of ``eq-ref`` for ``x owl:sameAs x``.
        """
        found: IntTriple | None = None
        st = self.store
        for p, by_s in st.spo.items():
            for t in self._occurrences(x, p, by_s, st.pos[p]):
                if t in self.asserted:
                    return t
                found = found or t
        return found

    @staticmethod
    def _occurrences(
        x: int, p: int, by_s: dict[int, set[int]], by_o: dict[int, set[int]]
    ) -> list[IntTriple]:
        hits: list[IntTriple] = []
        if by_s.get(x):
            hits.append((x, p, min(by_s[x])))
        if by_o.get(x):
            hits.append((min(by_o[x]), p, x))
        if x == p:
            for s, objects in by_s.items():
                if objects:
                    hits.append((s, p, min(objects)))
                    break
        return hits
