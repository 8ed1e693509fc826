"""The property rules (prp-*, Table 5 of OWL 2 RL/RDF) and the list-group checks.

Characteristics (symmetric, functional ...), inverses, property chains, disjoint
properties, keys, negative assertions, and the ``owl:AllDifferent`` /
``owl:AllDisjointClasses`` / ``owl:AllDisjointProperties`` groups (eq-diff2/3, cax-adc,
prp-adp: all pairs of members, unlike owlrl, OWL-RL issue #85). ``prp-trp`` itself is
closed in bulk by :meth:`copro_kg.engine.chainer.Chainer._close_transitive`.
"""

from __future__ import annotations

from collections.abc import Iterable

from copro_kg.engine import vocab as v
from copro_kg.engine.state import ChainerState, IntTriple
from copro_kg.engine.store import EMPTY

__all__ = ["PropertyRules"]


class PropertyRules(ChainerState):
    """prp-* rules, fired by a popped triple or a new property axiom."""

    def _characteristics(self, t: IntTriple, kinds: Iterable[int]) -> None:
        s, p, o = t
        st, derive = self.store, self._derive
        for k in kinds:
            ax = (p, v.TYPE, k)
            if k == v.TRANSITIVE:
                # Closed in bulk by _close_transitive once the agenda is empty; here only
                # note whether this link can open a new path. A prp-trp triple never
                # can (its ends were already connected); otherwise the link closes
                # nothing new when everything after its object already follows its
                # subject, and everything before its subject already precedes its object.
                if p in self._dirty:
                    continue
                why = self.first.get(t)
                if why is not None and why[0] == "prp-trp":
                    continue
                after, before = st.spo[p], st.pos[p]
                if not (after.get(o, EMPTY) <= after[s] and before.get(s, EMPTY) <= before[o]):
                    self._dirty.add(p)
            elif k == v.SYMMETRIC:
                derive((o, p, s), "prp-symp", (ax, t))
            elif k == v.FUNCTIONAL:
                for o2 in list(st.objects(s, p)):
                    if o2 != o:
                        derive((o, v.SAME, o2), "prp-fp", (ax, t, (s, p, o2)))
            elif k == v.INVFUNCTIONAL:
                for s2 in list(st.subjects(p, o)):
                    if s2 != s:
                        derive((s, v.SAME, s2), "prp-ifp", (ax, t, (s2, p, o)))
            elif k == v.IRREFLEXIVE and s == o:
                self._clash("prp-irp", (ax, t))
            elif k == v.ASYMMETRIC and st.has(o, p, s):
                self._clash("prp-asyp", (ax, t, (o, p, s)))

    def _disjoint_properties(
        self, t: IntTriple, disjoint: tuple[tuple[int, IntTriple, bool], ...]
    ) -> None:
        """prp-pdw: ``t`` and the same pair linked by a property disjoint with its own."""
        s, _, o = t
        spo = self.store.spo
        for q, ax, this_first in disjoint:
            by_s = spo.get(q)
            if by_s is not None and o in by_s.get(s, EMPTY):
                other = (s, q, o)
                self._clash("prp-pdw", (ax, t, other) if this_first else (ax, other, t))

    def _inverse(self, p1: int, p2: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        for a, b in list(st.pairs(p1)):
            derive((b, p2, a), "prp-inv1", (t, (a, p1, b)))
        for a, b in list(st.pairs(p2)):
            derive((b, p1, a), "prp-inv2", (t, (a, p2, b)))

    def _chain_axiom(self, big: int, head: int, t: IntTriple) -> None:
        props = self.read_list(head)
        if not props or ("chain", *t) in self._registered:
            return
        self._registered.add(("chain", *t))
        for q in set(props):
            self._chains.setdefault(q, []).append((big, props, t))
        for a, b in list(self.store.pairs(props[0])):
            self._chain_through(big, props, t, 0, (a, props[0], b))

    def _chain_through(
        self, big: int, props: tuple[int, ...], axiom: IntTriple, k: int, t: IntTriple
    ) -> None:
        """prp-spo2 for every chain path through link ``t`` at position ``k``."""
        st = self.store
        left: dict[int, list[IntTriple]] = {t[0]: []}
        for j in range(k - 1, -1, -1):  # walk back to the chain's start
            step: dict[int, list[IntTriple]] = {}
            for node, path in left.items():
                for u in st.subjects(props[j], node):
                    step.setdefault(u, [(u, props[j], node), *path])
            if not step:
                return
            left = step
        right: dict[int, list[IntTriple]] = {t[2]: []}
        for j in range(k + 1, len(props)):  # and forward to its end
            step = {}
            for node, path in right.items():
                for w in st.objects(node, props[j]):
                    step.setdefault(w, [*path, (node, props[j], w)])
            if not step:
                return
            right = step
        for a, before in list(left.items()):
            for b, after in list(right.items()):
                self._derive((a, big, b), "prp-spo2", (axiom, *before, t, *after))

    def _propdisjoint(self, p1: int, p2: int, t: IntTriple) -> None:
        for a, b in list(self.store.pairs(p1)):
            if self.store.has(a, p2, b):
                self._clash("prp-pdw", (t, (a, p1, b), (a, p2, b)))

    def _haskey(self, c: int, head: int, t: IntTriple) -> None:
        props = self.read_list(head)
        if not props or ("key", *t) in self._registered:
            return
        self._registered.add(("key", *t))
        self._keys.setdefault(c, []).append((props, t))
        for q in props:
            self._key_props.setdefault(q, set()).add(c)
        for x in list(self.store.subjects(v.TYPE, c)):
            self._check_key(c, x)

    def _check_key(self, c: int, x: int) -> None:
        """prp-key: ``x`` and any other ``y`` of class ``c`` sharing all key values."""
        st = self.store
        for props, axiom in self._keys.get(c, ()):
            if not all(st.objects(x, q) for q in props):
                continue
            for y in list(st.subjects(v.TYPE, c)):
                if y == x:
                    continue
                shared = [min(st.objects(x, q) & st.objects(y, q), default=None) for q in props]
                if any(z is None for z in shared):
                    continue
                values = list(zip(props, shared, strict=True))
                mine = tuple((x, q, z) for q, z in values)
                theirs = tuple((y, q, z) for q, z in values)
                why = (axiom, (x, v.TYPE, c), (y, v.TYPE, c), *mine, *theirs)
                self._derive((x, v.SAME, y), "prp-key", why)  # type: ignore[arg-type]

    def _members(self, group: int, head: int, t: IntTriple) -> None:
        st = self.store
        for kind in (v.ALLDIFFERENT, v.ALLDISJOINTCLASSES, v.ALLDISJOINTPROPS):
            if not st.has(group, v.TYPE, kind) or ("grp", kind, *t) in self._registered:
                continue
            members = self.read_list(head)
            if not members:
                continue
            self._registered.add(("grp", kind, *t))
            for m in set(members):
                self._groups.setdefault((kind, m), []).append((members, t))
            for i, a in enumerate(members):  # all pairs, unlike owlrl (#85)
                for b in members[i + 1 :]:
                    self._group_pair(kind, a, b, t)

    def _group_pair(self, kind: int, a: int, b: int, axiom: IntTriple) -> None:
        st = self.store
        if kind == v.ALLDIFFERENT:
            rule = "eq-diff2" if axiom[1] == v.MEMBERS else "eq-diff3"
            for x, y in ((a, b), (b, a)):  # both ways: the clashes found do not depend
                if st.has(x, v.SAME, y):  # on whether the group or the sameAs came first
                    self._clash(rule, (axiom, (x, v.SAME, y)))
        elif kind == v.ALLDISJOINTCLASSES:
            for x in list(st.subjects(v.TYPE, a)):
                if st.has(x, v.TYPE, b):
                    self._clash("cax-adc", (axiom, (x, v.TYPE, a), (x, v.TYPE, b)))
        else:
            for x, y in list(st.pairs(a)):
                if st.has(x, b, y):
                    self._clash("prp-adp", (axiom, (x, a, y), (x, b, y)))

    def _negative(self, x: int, _o: int, _t: IntTriple) -> None:
        st = self.store
        for i1 in list(st.objects(x, v.SOURCEIND)):
            for p in list(st.objects(x, v.ASSERTIONPROP)):
                for target, rule in ((v.TARGETIND, "prp-npa1"), (v.TARGETVALUE, "prp-npa2")):
                    for i2 in list(st.objects(x, target)):
                        if ("npa", x, i1, p, i2) in self._registered:
                            continue
                        self._registered.add(("npa", x, i1, p, i2))
                        why = ((x, v.SOURCEIND, i1), (x, v.ASSERTIONPROP, p), (x, target, i2))
                        self._npa.setdefault(p, []).append((i1, i2, rule, why))
                        if st.has(i1, p, i2):
                            self._clash(rule, (*why, (i1, p, i2)))
