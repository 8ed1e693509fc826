"""The class rules (cls-*, Table 6) and class-axiom rules (cax-*, Table 7) of OWL 2 RL/RDF.

A popped ``x rdf:type c`` meets the hierarchy (cax-sco, cax-eqc1/2), disjointness and
complements (cax-dw, cax-adc, cls-com), intersections and unions (cls-int1/2, cls-uni),
and the restrictions ``c`` is a filler or a member of (cls-svf1/2, cls-avf, cls-hv1/2,
cls-maxc1/2, cls-maxqc1..4). A new restriction triple evaluates every rule about it.
"""

from __future__ import annotations

from copro_kg.engine import vocab as v
from copro_kg.engine.state import ChainerState, IntTriple, Premises, in_list_order

__all__ = ["ClassRules"]


class ClassRules(ChainerState):
    """cls-* and cax-* rules."""

    def _type(self, x: int, c: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        for c2 in st.objects(c, v.SUBCLASS):
            if c2 != c:
                derive((x, v.TYPE, c2), "cax-sco", ((c, v.SUBCLASS, c2), t))
        for c2 in st.objects(c, v.EQCLASS):
            if c2 != c:
                derive((x, v.TYPE, c2), "cax-eqc1", ((c, v.EQCLASS, c2), t))
        for c1 in st.subjects(v.EQCLASS, c):
            if c1 != c:
                derive((x, v.TYPE, c1), "cax-eqc2", ((c1, v.EQCLASS, c), t))
        for c2 in st.objects(c, v.DISJOINT):
            if st.has(x, v.TYPE, c2):
                self._clash("cax-dw", ((c, v.DISJOINT, c2), t, (x, v.TYPE, c2)))
        for c1 in st.subjects(v.DISJOINT, c):
            if st.has(x, v.TYPE, c1):
                self._clash("cax-dw", ((c1, v.DISJOINT, c), (x, v.TYPE, c1), t))
        for c2 in st.objects(c, v.COMPLEMENT):
            if st.has(x, v.TYPE, c2):
                self._clash("cls-com", ((c, v.COMPLEMENT, c2), t, (x, v.TYPE, c2)))
        for c1 in st.subjects(v.COMPLEMENT, c):
            if st.has(x, v.TYPE, c1):
                self._clash("cls-com", ((c1, v.COMPLEMENT, c), (x, v.TYPE, c1), t))
        for members, axiom in self._groups.get((v.ALLDISJOINTCLASSES, c), ()):
            for c2 in members:
                if c2 != c and st.has(x, v.TYPE, c2):
                    pair = in_list_order(members, t, (x, v.TYPE, c2), c, c2)
                    self._clash("cax-adc", (axiom, *pair))
        if c == v.NOTHING:
            self._clash("cls-nothing2", (t,))
        for big, members, axiom in self._intersections.get(c, ()):
            if all(st.has(x, v.TYPE, m) for m in members):
                derive((x, v.TYPE, big), "cls-int1", (axiom, *((x, v.TYPE, m) for m in members)))
        for head in st.objects(c, v.INTERSECTION):
            for m in self.read_list(head) or ():
                derive((x, v.TYPE, m), "cls-int2", ((c, v.INTERSECTION, head), t))
        for big, axiom in self._unions.get(c, ()):
            derive((x, v.TYPE, big), "cls-uni", (axiom, t))
        # x as the value of a some-values / qualified-cardinality restriction
        for r in st.subjects(v.SOMEVALUES, c):
            for p in st.objects(r, v.ONPROPERTY):
                for u in list(st.subjects(p, x)):
                    derive((u, v.TYPE, r), "cls-svf1",
                           ((r, v.SOMEVALUES, c), (r, v.ONPROPERTY, p), (u, p, x), t))  # fmt: skip
        for r in st.subjects(v.ONCLASS, c):
            for p in st.objects(r, v.ONPROPERTY):
                for u in list(st.subjects(p, x)):
                    if st.has(u, v.TYPE, r):
                        self._qualified(r, p, u)
        # x as a member of a restriction class
        if st.objects(c, v.ONPROPERTY):
            self._member_of_restriction(c, x)
        if c in self._keys:
            self._check_key(c, x)
        if c in v.SCHEMA_TYPES:
            self._schema_type(x, c, t)
        if c in self._datatype_ids:
            self._datatype_member(x, c, t)

    def _member_of_restriction(self, r: int, u: int) -> None:
        st, derive = self.store, self._derive
        tr = (u, v.TYPE, r)
        for p in list(st.objects(r, v.ONPROPERTY)):
            on = (r, v.ONPROPERTY, p)
            for y in st.objects(r, v.HASVALUE):
                derive((u, p, y), "cls-hv1", ((r, v.HASVALUE, y), on, tr))
            for y in st.objects(r, v.ALLVALUES):
                for val in list(st.objects(u, p)):
                    derive((val, v.TYPE, y), "cls-avf", ((r, v.ALLVALUES, y), on, tr, (u, p, val)))
            for n in st.objects(r, v.MAXCARD):
                values = list(st.objects(u, p))
                card = self._int_value(n)
                head = ((r, v.MAXCARD, n), on, tr)
                if card == 0:
                    for y in values:
                        self._clash("cls-maxc1", (*head, (u, p, y)))
                elif card == 1:
                    for y1 in values:
                        for y2 in values:
                            if y1 != y2:
                                derive(
                                    (y1, v.SAME, y2), "cls-maxc2", (*head, (u, p, y1), (u, p, y2))
                                )
        if st.objects(r, v.MAXQCARD):
            for p in list(st.objects(r, v.ONPROPERTY)):
                self._qualified(r, p, u)

    def _qualified(self, r: int, p: int, u: int) -> None:
        """cls-maxqc1..4 for member ``u`` of restriction ``r`` on property ``p``."""
        st, derive = self.store, self._derive
        tr, on = (u, v.TYPE, r), (r, v.ONPROPERTY, p)
        for n in list(st.objects(r, v.MAXQCARD)):
            card = self._int_value(n)
            for cc in list(st.objects(r, v.ONCLASS)):
                head = ((r, v.MAXQCARD, n), on, (r, v.ONCLASS, cc), tr)
                values = [y for y in st.objects(u, p) if cc == v.THING or st.has(y, v.TYPE, cc)]
                if card == 0:
                    for y in values:
                        if cc == v.THING:
                            self._clash("cls-maxqc2", (*head, (u, p, y)))
                        else:
                            self._clash("cls-maxqc1", (*head, (u, p, y), (y, v.TYPE, cc)))
                elif card == 1:
                    for y1 in values:
                        for y2 in values:
                            if y1 == y2:
                                continue
                            if cc == v.THING:
                                why: Premises = (*head, (u, p, y1), (u, p, y2))
                                derive((y1, v.SAME, y2), "cls-maxqc4", why)
                            else:
                                why = (*head, (u, p, y1), (y1, v.TYPE, cc), (u, p, y2),
                                       (y2, v.TYPE, cc))  # fmt: skip
                                derive((y1, v.SAME, y2), "cls-maxqc3", why)

    def _restrictions_on(self, t: IntTriple) -> None:
        """Class rules fired by a new ``(u p y)`` where some restriction is on ``p``."""
        u, p, y = t
        st, derive = self.store, self._derive
        for r in list(st.subjects(v.ONPROPERTY, p)):
            on = (r, v.ONPROPERTY, p)
            for filler in st.objects(r, v.SOMEVALUES):
                if filler == v.THING:
                    derive((u, v.TYPE, r), "cls-svf2", ((r, v.SOMEVALUES, filler), on, t))
                elif st.has(y, v.TYPE, filler):
                    derive((u, v.TYPE, r), "cls-svf1",
                           ((r, v.SOMEVALUES, filler), on, t, (y, v.TYPE, filler)))  # fmt: skip
            if st.has(r, v.HASVALUE, y):
                derive((u, v.TYPE, r), "cls-hv2", ((r, v.HASVALUE, y), on, t))
            if st.has(u, v.TYPE, r):
                self._member_of_restriction(r, u)

    def _restriction_part(self, r: int, _o: int, _t: IntTriple) -> None:
        """A restriction triple: evaluate every rule about restriction ``r`` in full."""
        st, derive = self.store, self._derive
        for p in list(st.objects(r, v.ONPROPERTY)):
            on = (r, v.ONPROPERTY, p)
            for a, b in list(st.pairs(p)):
                self._restrictions_on((a, p, b))
            for y in list(st.objects(r, v.HASVALUE)):
                for u in list(st.subjects(p, y)):
                    derive((u, v.TYPE, r), "cls-hv2", ((r, v.HASVALUE, y), on, (u, p, y)))
            for u in list(st.subjects(v.TYPE, r)):
                self._member_of_restriction(r, u)
            # scm-svf1/2, scm-avf1/2, scm-hv with r in either role
            for rel, svf in ((v.SOMEVALUES, True), (v.ALLVALUES, False)):
                for y in list(st.objects(r, rel)):
                    self._schema_restriction(r, p, rel, y, svf)
            for i in list(st.objects(r, v.HASVALUE)):
                for c2 in list(st.subjects(v.HASVALUE, i)):
                    for p2 in list(st.objects(c2, v.ONPROPERTY)):
                        self._scm_hv(r, p, c2, p2, i)
                        self._scm_hv(c2, p2, r, p, i)

    def _disjoint(self, c1: int, c2: int, t: IntTriple) -> None:
        for x in list(self.store.subjects(v.TYPE, c1)):
            if self.store.has(x, v.TYPE, c2):
                self._clash("cax-dw", (t, (x, v.TYPE, c1), (x, v.TYPE, c2)))

    def _complement(self, c1: int, c2: int, t: IntTriple) -> None:
        for x in list(self.store.subjects(v.TYPE, c1)):
            if self.store.has(x, v.TYPE, c2):
                self._clash("cls-com", (t, (x, v.TYPE, c1), (x, v.TYPE, c2)))

    def _intersection(self, c: int, head: int, t: IntTriple) -> None:
        members = self.read_list(head)
        if not members or ("int", *t) in self._registered:
            return
        self._registered.add(("int", *t))
        st, derive = self.store, self._derive
        for m in set(members):
            self._intersections.setdefault(m, []).append((c, members, t))
            derive((c, v.SUBCLASS, m), "scm-int", (t,))
        for y in list(st.subjects(v.TYPE, members[0])):
            if all(st.has(y, v.TYPE, m) for m in members):
                derive((y, v.TYPE, c), "cls-int1", (t, *((y, v.TYPE, m) for m in members)))
        for y in list(st.subjects(v.TYPE, c)):
            for m in members:
                derive((y, v.TYPE, m), "cls-int2", (t, (y, v.TYPE, c)))

    def _union(self, c: int, head: int, t: IntTriple) -> None:
        members = self.read_list(head)
        if not members or ("uni", *t) in self._registered:
            return
        self._registered.add(("uni", *t))
        st, derive = self.store, self._derive
        for m in set(members):
            self._unions.setdefault(m, []).append((c, t))
            derive((m, v.SUBCLASS, c), "scm-uni", (t,))
            for y in list(st.subjects(v.TYPE, m)):
                derive((y, v.TYPE, c), "cls-uni", (t, (y, v.TYPE, m)))

    def _oneof(self, c: int, head: int, t: IntTriple) -> None:
        for m in self.read_list(head) or ():
            self._derive((m, v.TYPE, c), "cls-oo", (t,))
