"""The schema rules (scm-*, Table 9 of OWL 2 RL/RDF): closing the class and property hierarchies.

Subclass and subproperty transitivity, equivalence both ways, domains and ranges
along both hierarchies, and the restriction subsumptions (scm-hv, scm-svf1/2,
scm-avf1/2). ``scm-cls`` applies to ``owl:Class``; ``scm-op`` to ``owl:ObjectProperty``
and ``scm-dp`` to ``owl:DatatypeProperty``; a bare ``rdf:Property`` has no such rule.
"""

from __future__ import annotations

from copro_kg.engine import vocab as v
from copro_kg.engine.state import ChainerState, IntTriple

__all__ = ["SchemaRules"]


class SchemaRules(ChainerState):
    """scm-* rules, and the instance rules a schema triple starts (prp-dom ...)."""

    def _schema_type(self, x: int, c: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        if c == v.CLASS:
            derive((x, v.SUBCLASS, x), "scm-cls", (t,))
            derive((x, v.EQCLASS, x), "scm-cls", (t,))
            derive((x, v.SUBCLASS, v.THING), "scm-cls", (t,))
            derive((v.NOTHING, v.SUBCLASS, x), "scm-cls", (t,))
        elif c in v.PROPERTY_KINDS:
            if c == v.PROPERTY:
                return  # no OWL 2 RL rule makes a bare rdf:Property its own subproperty
            rule = "scm-op" if c == v.OBJECTPROP else "scm-dp"
            derive((x, v.SUBPROP, x), rule, (t,))
            derive((x, v.EQPROP, x), rule, (t,))
        elif c in (v.ALLDIFFERENT, v.ALLDISJOINTCLASSES, v.ALLDISJOINTPROPS):
            for pred in (v.MEMBERS, v.DISTINCTMEMBERS):
                for head in list(st.objects(x, pred)):
                    self._members(x, head, (x, pred, head))
        else:  # a property characteristic: apply it to every existing pair
            for a, b in list(st.pairs(x)):
                self._characteristics((a, x, b), (c,))

    def _scm_hv(self, c1: int, p1: int, c2: int, p2: int, i: int) -> None:
        if self.store.has(p1, v.SUBPROP, p2):
            why = ((c1, v.HASVALUE, i), (c1, v.ONPROPERTY, p1), (c2, v.HASVALUE, i),
                   (c2, v.ONPROPERTY, p2), (p1, v.SUBPROP, p2))  # fmt: skip
            self._derive((c1, v.SUBCLASS, c2), "scm-hv", why)

    def _schema_restriction(self, r: int, p: int, rel: int, y: int, svf: bool) -> None:
        st = self.store
        cls_rule, prop_rule = ("scm-svf1", "scm-svf2") if svf else ("scm-avf1", "scm-avf2")
        for c2 in list(st.subjects(v.ONPROPERTY, p)):  # same property, fillers ordered
            for y2 in list(st.objects(c2, rel)):
                self._scm_filler(r, c2, p, rel, y, y2, cls_rule)
                self._scm_filler(c2, r, p, rel, y2, y, cls_rule)
        for c2 in list(st.subjects(rel, y)):  # same filler, properties ordered
            for p2 in list(st.objects(c2, v.ONPROPERTY)):
                self._scm_prop(r, c2, p, p2, rel, y, prop_rule, svf)
                self._scm_prop(c2, r, p2, p, rel, y, prop_rule, svf)

    def _scm_filler(self, c1: int, c2: int, p: int, rel: int, y1: int, y2: int, rule: str) -> None:
        if self.store.has(y1, v.SUBCLASS, y2):
            why = ((c1, rel, y1), (c1, v.ONPROPERTY, p), (c2, rel, y2), (c2, v.ONPROPERTY, p),
                   (y1, v.SUBCLASS, y2))  # fmt: skip
            self._derive((c1, v.SUBCLASS, c2), rule, why)

    def _scm_prop(
        self, c1: int, c2: int, p1: int, p2: int, rel: int, y: int, rule: str, svf: bool
    ) -> None:
        if self.store.has(p1, v.SUBPROP, p2):
            why = ((c1, rel, y), (c1, v.ONPROPERTY, p1), (c2, rel, y), (c2, v.ONPROPERTY, p2),
                   (p1, v.SUBPROP, p2))  # fmt: skip
            self._derive((c1, v.SUBCLASS, c2) if svf else (c2, v.SUBCLASS, c1), rule, why)

    def _subclass(self, c1: int, c2: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        if c1 != c2:
            for x in list(st.subjects(v.TYPE, c1)):
                derive((x, v.TYPE, c2), "cax-sco", (t, (x, v.TYPE, c1)))
            for c3 in list(st.objects(c2, v.SUBCLASS)):
                if c3 not in (c1, c2):
                    derive((c1, v.SUBCLASS, c3), "scm-sco", (t, (c2, v.SUBCLASS, c3)))
            for c0 in list(st.subjects(v.SUBCLASS, c1)):
                if c0 not in (c1, c2):
                    derive((c0, v.SUBCLASS, c2), "scm-sco", ((c0, v.SUBCLASS, c1), t))
            if st.has(c2, v.SUBCLASS, c1):
                derive((c1, v.EQCLASS, c2), "scm-eqc2", (t, (c2, v.SUBCLASS, c1)))
                derive((c2, v.EQCLASS, c1), "scm-eqc2", ((c2, v.SUBCLASS, c1), t))
            for p in list(st.subjects(v.DOMAIN, c1)):
                derive((p, v.DOMAIN, c2), "scm-dom1", ((p, v.DOMAIN, c1), t))
            for p in list(st.subjects(v.RANGE, c1)):
                derive((p, v.RANGE, c2), "scm-rng1", ((p, v.RANGE, c1), t))
        for rel, rule in ((v.SOMEVALUES, "scm-svf1"), (v.ALLVALUES, "scm-avf1")):
            for r1 in list(st.subjects(rel, c1)):
                for p in list(st.objects(r1, v.ONPROPERTY)):
                    for r2 in list(st.subjects(rel, c2)):
                        if st.has(r2, v.ONPROPERTY, p):
                            self._scm_filler(r1, r2, p, rel, c1, c2, rule)

    def _eqclass(self, c1: int, c2: int, t: IntTriple) -> None:
        if c1 == c2:
            return
        st, derive = self.store, self._derive
        derive((c1, v.SUBCLASS, c2), "scm-eqc1", (t,))
        derive((c2, v.SUBCLASS, c1), "scm-eqc1", (t,))
        for x in list(st.subjects(v.TYPE, c1)):
            derive((x, v.TYPE, c2), "cax-eqc1", (t, (x, v.TYPE, c1)))
        for x in list(st.subjects(v.TYPE, c2)):
            derive((x, v.TYPE, c1), "cax-eqc2", (t, (x, v.TYPE, c2)))

    def _subprop(self, p1: int, p2: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        if p1 != p2:
            for a, b in list(st.pairs(p1)):
                derive((a, p2, b), "prp-spo1", (t, (a, p1, b)))
            for p3 in list(st.objects(p2, v.SUBPROP)):
                if p3 not in (p1, p2):
                    derive((p1, v.SUBPROP, p3), "scm-spo", (t, (p2, v.SUBPROP, p3)))
            for p0 in list(st.subjects(v.SUBPROP, p1)):
                if p0 not in (p1, p2):
                    derive((p0, v.SUBPROP, p2), "scm-spo", ((p0, v.SUBPROP, p1), t))
            if st.has(p2, v.SUBPROP, p1):
                derive((p1, v.EQPROP, p2), "scm-eqp2", (t, (p2, v.SUBPROP, p1)))
                derive((p2, v.EQPROP, p1), "scm-eqp2", ((p2, v.SUBPROP, p1), t))
            for c in list(st.objects(p2, v.DOMAIN)):
                derive((p1, v.DOMAIN, c), "scm-dom2", ((p2, v.DOMAIN, c), t))
            for c in list(st.objects(p2, v.RANGE)):
                derive((p1, v.RANGE, c), "scm-rng2", ((p2, v.RANGE, c), t))
        for c1 in list(st.subjects(v.ONPROPERTY, p1)):
            for i in list(st.objects(c1, v.HASVALUE)):
                for c2 in list(st.subjects(v.HASVALUE, i)):
                    if st.has(c2, v.ONPROPERTY, p2):
                        self._scm_hv(c1, p1, c2, p2, i)
            for rel, svf in ((v.SOMEVALUES, True), (v.ALLVALUES, False)):
                rule = "scm-svf2" if svf else "scm-avf2"
                for y in list(st.objects(c1, rel)):
                    for c2 in list(st.subjects(rel, y)):
                        if st.has(c2, v.ONPROPERTY, p2):
                            self._scm_prop(c1, c2, p1, p2, rel, y, rule, svf)

    def _eqprop(self, p1: int, p2: int, t: IntTriple) -> None:
        if p1 == p2:
            return
        st, derive = self.store, self._derive
        derive((p1, v.SUBPROP, p2), "scm-eqp1", (t,))
        derive((p2, v.SUBPROP, p1), "scm-eqp1", (t,))
        for a, b in list(st.pairs(p1)):
            derive((a, p2, b), "prp-eqp1", (t, (a, p1, b)))
        for a, b in list(st.pairs(p2)):
            derive((a, p1, b), "prp-eqp2", (t, (a, p2, b)))

    def _domain(self, p: int, c: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        for x, objects in list(st.spo.get(p, {}).items()):
            derive((x, v.TYPE, c), "prp-dom", (t, (x, p, min(objects))))
        for c2 in list(st.objects(c, v.SUBCLASS)):
            if c2 != c:
                derive((p, v.DOMAIN, c2), "scm-dom1", (t, (c, v.SUBCLASS, c2)))
        for p1 in list(st.subjects(v.SUBPROP, p)):
            if p1 != p:
                derive((p1, v.DOMAIN, c), "scm-dom2", (t, (p1, v.SUBPROP, p)))

    def _range(self, p: int, c: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        for y, subjects in list(st.pos.get(p, {}).items()):
            derive((y, v.TYPE, c), "prp-rng", (t, (min(subjects), p, y)))
        for c2 in list(st.objects(c, v.SUBCLASS)):
            if c2 != c:
                derive((p, v.RANGE, c2), "scm-rng1", (t, (c, v.SUBCLASS, c2)))
        for p1 in list(st.subjects(v.SUBPROP, p)):
            if p1 != p:
                derive((p1, v.RANGE, c), "scm-rng2", (t, (p1, v.SUBPROP, p)))
