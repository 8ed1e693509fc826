"""Semi-naive forward chaining of the OWL 2 RL rules over integer triples.

Asserted triples enter the store at once; a derived triple enters it when it is popped
from the FIFO agenda. Popping a triple fires every rule in which it can play one premise,
joining the other premises against the store as it is *now*. A rule instance is
therefore evaluated when the last of its premises is popped, with the others already
stored: the fixpoint is complete, and no triple is joined with the whole graph twice
(owlrl re-scans every triple every cycle). Schema triples go first on the agenda, so
the class and property hierarchies are closed before the instance data flows through.

The first derivation of each triple (rule id + premises, in the rule's body order, see
:mod:`.rules`) is kept: the agenda is FIFO and joins see only popped triples, so the
search is breadth-first and the first derivation found is one of least depth; its
premises were stored earlier, so following first derivations never cycles.

Deliberate differences from owlrl (the reference, see ``reasoning.py``):

* ``eq-ref`` is not materialised: reflexive ``owl:sameAs`` adds no other consequence
  under these rules, and is not user-visible (:mod:`.visibility`). ``x owl:differentFrom
  x`` is still reported as an ``eq-diff1`` clash.
* ``eq-diff2/3``, ``prp-adp`` and ``cax-adc`` check **all** pairs of members
  (owlrl skips the last member, OWL-RL issue #85); ``prp-key`` compares every key
  property (owlrl skips the last one).
* ``dt-type2`` types every literal that appears as an object, including inferred ones
  (owlrl types only the literals of the input).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from rdflib import Literal, URIRef

from copro_kg.engine import vocab as v
from copro_kg.engine.gcpause import paused_gc
from copro_kg.engine.store import EMPTY, Store, TermTable

__all__ = ["Chainer", "Clash", "IntTriple"]

IntTriple = tuple[int, int, int]
Premises = tuple[IntTriple, ...]

_SCHEMA_PREDICATES = frozenset({
    v.SUBCLASS, v.SUBPROP, v.DOMAIN, v.RANGE, v.EQCLASS, v.EQPROP, v.INVERSE, v.CHAIN,
    v.PROPDISJOINT, v.DISJOINT, v.COMPLEMENT, v.INTERSECTION, v.UNION, v.ONEOF,
    v.ONPROPERTY, v.SOMEVALUES, v.ALLVALUES, v.HASVALUE, v.MAXCARD, v.MAXQCARD, v.ONCLASS,
    v.HASKEY, v.FIRST, v.REST, v.MEMBERS, v.DISTINCTMEMBERS,
})  # fmt: skip
_PROPERTY_KINDS = frozenset({v.OBJECTPROP, v.DATATYPEPROP, v.PROPERTY})
_SCHEMA_TYPES = _PROPERTY_KINDS | {
    v.CLASS,
    v.FUNCTIONAL,
    v.INVFUNCTIONAL,
    v.IRREFLEXIVE,
    v.SYMMETRIC,
    v.ASYMMETRIC,
    v.TRANSITIVE,
    v.ALLDIFFERENT,
    v.ALLDISJOINTCLASSES,
    v.ALLDISJOINTPROPS,
}


_CHARACTERISTICS = frozenset(
    {v.TRANSITIVE, v.SYMMETRIC, v.FUNCTIONAL, v.INVFUNCTIONAL, v.IRREFLEXIVE, v.ASYMMETRIC}
)
_PLAN_PREDICATES = frozenset({
    v.DOMAIN, v.RANGE, v.SUBPROP, v.EQPROP, v.INVERSE, v.CHAIN, v.PROPDISJOINT, v.MEMBERS,
    v.DISTINCTMEMBERS, v.HASKEY, v.ONPROPERTY, v.SOURCEIND, v.ASSERTIONPROP, v.TARGETIND,
    v.TARGETVALUE, v.FIRST, v.REST,
})  # fmt: skip
"""Storing a triple with one of these predicates may change a cached :meth:`Chainer._plan`."""
_PLAN_TYPES = _CHARACTERISTICS | {v.ALLDIFFERENT, v.ALLDISJOINTCLASSES, v.ALLDISJOINTPROPS}
"""... and so may storing ``x rdf:type`` one of these."""

_Plan = tuple[
    tuple[tuple[int, IntTriple], ...],
    tuple[tuple[int, IntTriple], ...],
    tuple[tuple[int, str, IntTriple], ...],
    tuple[tuple[int, str, IntTriple], ...],
    tuple[int, ...],
    tuple[tuple[int, IntTriple, bool], ...],
    bool,
    "Callable[[int, int, IntTriple], None] | None",
]


class Clash:
    """An inconsistency: the rule that detected it and the triples that clash."""

    __slots__ = ("rule", "triples")

    def __init__(self, rule: str, triples: Premises) -> None:
        self.rule = rule
        self.triples = triples


class Chainer:
    """Computes the OWL 2 RL closure of the triples given to :meth:`assert_triple`.

    >>> from rdflib import URIRef
    >>> from rdflib.namespace import RDF, RDFS
    >>> c = Chainer()
    >>> a, k1, k2 = (URIRef(f"urn:{n}") for n in ("a", "K1", "K2"))
    >>> c.assert_terms(a, RDF.type, k1); c.assert_terms(k1, RDFS.subClassOf, k2)
    >>> c.run()
    >>> c.first[c.encode_triple(a, RDF.type, k2)][0]
    'cax-sco'
    """

    def __init__(self, terms: TermTable | None = None) -> None:
        self.terms = terms or TermTable()
        self.store = Store()
        self.asserted: set[IntTriple] = set()
        # first derivation of each derived triple: (rule, premises); read it with why().
        # A prp-trp triple (a p b) of a closure pass stores (rule, c) instead, for its
        # premises (p a owl:TransitiveProperty), (a p c), (c p b): millions of them on a
        # big thesaurus, and two tuples fewer each kept 300 MB off the 100k case.
        self.first: dict[IntTriple, tuple[str, Premises | int]] = {}
        self.clashes: dict[tuple[str, frozenset[IntTriple]], Clash] = {}
        self._agenda: deque[IntTriple] = deque()
        self._late: list[IntTriple] = []
        self._literal_types: dict[int, tuple[int, ...]] = {}
        self._chains: dict[int, list[tuple[int, tuple[int, ...], IntTriple]]] = {}
        self._intersections: dict[int, list[tuple[int, tuple[int, ...], IntTriple]]] = {}
        self._unions: dict[int, list[tuple[int, IntTriple]]] = {}
        self._keys: dict[int, list[tuple[tuple[int, ...], IntTriple]]] = {}
        self._key_props: dict[int, set[int]] = {}
        self._groups: dict[tuple[int, int], list[tuple[tuple[int, ...], IntTriple]]] = {}
        self._npa: dict[int, list[tuple[int, int, str, Premises]]] = {}
        self._registered: set[tuple[object, ...]] = set()
        self._has_same = False
        self._plans: dict[int, _Plan] = {}
        self._dirty: set[int] = set()  # transitive properties whose closure may be open
        self._by_predicate: dict[int, Callable[[int, int, IntTriple], None]] = {
            v.TYPE: self._type, v.SUBCLASS: self._subclass, v.EQCLASS: self._eqclass,
            v.SUBPROP: self._subprop, v.EQPROP: self._eqprop, v.DOMAIN: self._domain,
            v.RANGE: self._range, v.INVERSE: self._inverse, v.CHAIN: self._chain_axiom,
            v.PROPDISJOINT: self._propdisjoint, v.DISJOINT: self._disjoint,
            v.COMPLEMENT: self._complement, v.INTERSECTION: self._intersection,
            v.UNION: self._union, v.ONEOF: self._oneof, v.HASKEY: self._haskey,
            v.SAME: self._same, v.DIFFERENT: self._different,
            v.MEMBERS: self._members, v.DISTINCTMEMBERS: self._members,
            v.SOURCEIND: self._negative, v.ASSERTIONPROP: self._negative,
            v.TARGETIND: self._negative, v.TARGETVALUE: self._negative,
        }  # fmt: skip
        for restriction_part in (v.ONPROPERTY, v.SOMEVALUES, v.ALLVALUES, v.HASVALUE,
                                 v.MAXCARD, v.MAXQCARD, v.ONCLASS):  # fmt: skip
            self._by_predicate[restriction_part] = self._restriction_part

    # ------------------------------------------------------------------ input/output
    def encode_triple(self, s: object, p: object, o: object) -> IntTriple:
        """The integer triple of three rdflib terms (numbering new terms)."""
        enc = self.terms.encode
        return enc(s), enc(p), enc(o)  # type: ignore[arg-type]

    def assert_terms(self, s: object, p: object, o: object) -> None:
        """Add one asserted triple given as rdflib terms."""
        self.assert_triple(self.encode_triple(s, p, o))

    def assert_all(self, triples: Iterable[tuple[object, object, object]]) -> None:
        """Add many asserted triples given as rdflib terms."""
        enc = self.terms.encode
        for s, p, o in triples:
            self.assert_triple((enc(s), enc(p), enc(o)))  # type: ignore[arg-type]

    def assert_triple(self, t: IntTriple) -> None:
        """Add one asserted integer triple; schema triples are scheduled first."""
        if self.store.add(*t):
            self.asserted.add(t)
            if t[1] in _SCHEMA_PREDICATES or (t[1] == v.TYPE and t[2] in _SCHEMA_TYPES):
                self._agenda.append(t)
            else:
                self._late.append(t)

    def add_axiom(self, t: IntTriple, rule: str) -> None:
        """Add a triple that holds by an axiomatic rule (no premises)."""
        self._derive(t, rule, ())

    def run(self) -> None:
        """Fire rules until nothing new follows.

        Python's cyclic garbage collector is paused meanwhile: the engine allocates
        millions of small tuples that never form cycles, and each full collection would
        walk all of them again (most of the time on a 100,000-concept thesaurus).
        """
        with paused_gc():
            self._run()

    def _run(self) -> None:
        self._agenda.extend(self._late)
        self._late.clear()
        agenda, fire, store_add, plans = self._agenda, self._fire, self.store.add, self._plans
        plans.clear()
        while True:
            while agenda:
                t = agenda.popleft()
                store_add(*t)  # derived triples join the store only when popped (see _derive)
                p = t[1]
                if p in _PLAN_PREDICATES or (p == v.TYPE and t[2] in _PLAN_TYPES):
                    plans.clear()  # the schema changes: cached plans may be stale
                    fire(t)
                    plans.clear()  # handlers register chains, keys, groups
                else:
                    fire(t)
            if not self._close_transitive():
                break

    def why(self, t: IntTriple) -> tuple[str, Premises]:
        """The first derivation of derived triple ``t``: (rule id, premises in body order).

        Raises:
            KeyError: ``t`` was not derived (asserted, or not entailed).
        """
        rule, premises = self.first[t]
        if isinstance(premises, int):  # compact prp-trp, see __init__
            a, p, b = t
            return rule, ((p, v.TYPE, v.TRANSITIVE), (a, p, premises), (premises, p, b))
        return rule, premises

    def inferred(self) -> Iterator[IntTriple]:
        """Every triple that was derived rather than asserted."""
        return iter(self.first)

    # ------------------------------------------------------------------ helpers
    def _derive(self, t: IntTriple, rule: str, premises: Premises) -> None:
        # A derived triple waits on the agenda before it joins the store, so every join
        # sees only triples popped earlier. With a FIFO agenda that makes the search
        # breadth-first: the first derivation recorded is one of least depth, the same
        # on every run (explanations do not change with the cache or the input order).
        # The store holds exactly the asserted triples and the popped derived ones, so
        # two set lookups replace a store probe on this hot path.
        if t in self.first or t in self.asserted:
            return
        if t[1] == v.SAME and t[0] == t[2]:
            return  # eq-ref: reflexive sameAs is never materialised (module docstring)
        self.first[t] = (rule, premises)
        self._agenda.append(t)

    def _clash(self, rule: str, triples: Premises) -> None:
        key = (rule, frozenset(triples))
        if key not in self.clashes:
            self.clashes[key] = Clash(rule, triples)

    def read_list(self, head: int) -> tuple[int, ...] | None:
        """Members of the RDF list at ``head``, or None if it is not a proper list."""
        members: list[int] = []
        seen: set[int] = set()
        node = head
        while node != v.NIL:
            if node in seen:
                return None
            seen.add(node)
            firsts, rests = self.store.objects(node, v.FIRST), self.store.objects(node, v.REST)
            if not firsts or not rests:
                return None
            members.append(min(firsts))
            node = min(rests)
        return tuple(members)

    def _int_value(self, n: int) -> int | None:
        term = self.terms.terms[n]
        if isinstance(term, Literal):
            value = term.toPython()
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        return None

    def _literal_datatypes(self, o: int, t: IntTriple) -> tuple[int, ...]:
        found = self._literal_types.get(o)
        if found is not None:
            return found
        term = self.terms.terms[o]
        result: tuple[int, ...] = ()  # also memoised for non-literals: one lookup per pop
        if isinstance(term, Literal) and term.datatype in v.OWL_RL_DATATYPES:
            dt = URIRef(term.datatype)
            result = tuple(
                self.terms.encode(d) for d in (dt, *sorted(v.DATATYPE_SUPERTYPES.get(dt, ())))
            )
            if term.ill_typed:
                self._clash("dt-not-type", (t,))
        self._literal_types[o] = result
        return result

    # ------------------------------------------------------------------ dispatch
    def _plan(self, p: int) -> _Plan:
        """What popping a triple with predicate ``p`` does, read once from the schema.

        Most popped triples share a handful of predicates (``skos:broaderTransitive`` ...),
        so the schema lookups of :meth:`_fire` are done once per predicate and cached
        until a triple that can change them is stored (:data:`_PLAN_PREDICATES`).
        """
        st = self.store
        doms = tuple((c, (p, v.DOMAIN, c)) for c in st.objects(p, v.DOMAIN))
        rngs = tuple((c, (p, v.RANGE, c)) for c in st.objects(p, v.RANGE))
        same_dir: list[tuple[int, str, IntTriple]] = []
        for p2 in st.objects(p, v.SUBPROP):
            if p2 != p:
                same_dir.append((p2, "prp-spo1", (p, v.SUBPROP, p2)))
        for p2 in st.objects(p, v.EQPROP):
            if p2 != p:
                same_dir.append((p2, "prp-eqp1", (p, v.EQPROP, p2)))
        for p1 in st.subjects(v.EQPROP, p):
            if p1 != p:
                same_dir.append((p1, "prp-eqp2", (p1, v.EQPROP, p)))
        inverse = [(p2, "prp-inv1", (p, v.INVERSE, p2)) for p2 in st.objects(p, v.INVERSE)]
        inverse += [(p1, "prp-inv2", (p1, v.INVERSE, p)) for p1 in st.subjects(v.INVERSE, p)]
        kinds = tuple(st.objects(p, v.TYPE) & _CHARACTERISTICS)
        # prp-pdw: (other property, axiom, whether this triple comes first in the body)
        disjoint = tuple((p2, (p, v.PROPDISJOINT, p2), True)
                         for p2 in st.objects(p, v.PROPDISJOINT))  # fmt: skip
        disjoint += tuple((p1, (p1, v.PROPDISJOINT, p), False)
                          for p1 in st.subjects(v.PROPDISJOINT, p))  # fmt: skip
        rare = bool(
            p in self._chains
            or (v.ALLDISJOINTPROPS, p) in self._groups
            or p in self._npa
            or p in self._key_props
            or st.subjects(v.ONPROPERTY, p)
        )
        plan = (doms, rngs, tuple(same_dir), tuple(inverse), kinds, disjoint, rare,
                self._by_predicate.get(p))  # fmt: skip
        self._plans[p] = plan
        return plan

    def _fire(self, t: IntTriple) -> None:
        s, p, o = t
        derive = self._derive
        if self._has_same:  # eq-rep-s/p/o for new triples about things with a sameAs
            st = self.store
            for s2 in list(st.objects(s, v.SAME)):
                derive((s2, p, o), "eq-rep-s", ((s, v.SAME, s2), t))
            for p2 in list(st.objects(p, v.SAME)):
                derive((s, p2, o), "eq-rep-p", ((p, v.SAME, p2), t))
            for o2 in list(st.objects(o, v.SAME)):
                derive((s, p, o2), "eq-rep-o", ((o, v.SAME, o2), t))
        plan = self._plans.get(p) or self._plan(p)
        doms, rngs, same_dir, inverse, kinds, disjoint, rare, handler = plan
        for c, ax in doms:
            derive((s, v.TYPE, c), "prp-dom", (ax, t))
        for c, ax in rngs:
            derive((o, v.TYPE, c), "prp-rng", (ax, t))
        for p2, rule, ax in same_dir:
            derive((s, p2, o), rule, (ax, t))
        for p2, rule, ax in inverse:
            derive((o, p2, s), rule, (ax, t))
        if kinds:
            self._characteristics(t, kinds)
        if disjoint:
            self._disjoint_properties(t, disjoint)
        if rare:
            self._fire_rare(t)
        dts = self._literal_types.get(o)  # memo for every object, literal or not
        if dts is None:
            dts = self._literal_datatypes(o, t)
        for dt in dts:
            derive((o, v.TYPE, dt), "dt-type2", (t,))
        if handler is not None:
            handler(s, o, t)

    def _fire_closure(self, p: int, batch: list[IntTriple]) -> None:
        """Store and fire the ``prp-trp`` triples ``batch`` of one closure pass, in order.

        Exactly what popping them one by one from the (empty) agenda would do, with the
        per-triple dispatch hoisted out of the loop: they share one predicate, hence one
        plan, and as ``prp-trp`` triples they open no new path (no transitivity check).
        """
        plan = self._plans.get(p) or self._plan(p)
        doms, rngs, same_dir, inverse, kinds, disjoint, rare, handler = plan
        others = tuple(k for k in kinds if k != v.TRANSITIVE)
        first, asserted, agenda = self.first, self.asserted, self._agenda
        derive, disjoint_properties = self._derive, self._disjoint_properties
        st = self.store
        by_s, by_o = st.spo.setdefault(p, {}), st.pos.setdefault(p, {})
        literal_types, literal_datatypes = self._literal_types, self._literal_datatypes
        for t in batch:
            s, _, o = t
            # Store.add inlined: (s p o) is new (the pass derived only unstored triples)
            by_s[s].add(o)  # s has at least the first link of its path
            subjects = by_o.get(o)
            if subjects is None:
                by_o[o] = {s}
            else:
                subjects.add(s)
            st.count += 1
            for c, ax in doms:
                derive((s, v.TYPE, c), "prp-dom", (ax, t))
            for c, ax in rngs:
                derive((o, v.TYPE, c), "prp-rng", (ax, t))
            for p2, rule, ax in same_dir:
                new = (s, p2, o)
                if new not in first and new not in asserted:
                    first[new] = (rule, (ax, t))
                    agenda.append(new)
            for p2, rule, ax in inverse:
                new = (o, p2, s)
                if new not in first and new not in asserted:
                    first[new] = (rule, (ax, t))
                    agenda.append(new)
            if others:
                self._characteristics(t, others)
            if disjoint:
                disjoint_properties(t, disjoint)
            if rare:
                self._fire_rare(t)
            dts = literal_types.get(o)
            if dts is None:
                dts = literal_datatypes(o, t)
            for dt in dts:
                derive((o, v.TYPE, dt), "dt-type2", (t,))
            if handler is not None:
                handler(s, o, t)

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

    def _fire_rare(self, t: IntTriple) -> None:
        """The rules few predicates take part in: chains, disjointness, keys, restrictions."""
        s, p, o = t
        st = self.store
        if p in self._chains:
            for big, props, axiom in self._chains[p]:
                for k, q in enumerate(props):
                    if q == p:
                        self._chain_through(big, props, axiom, k, t)
        for members, axiom in self._groups.get((v.ALLDISJOINTPROPS, p), ()):
            for q in members:
                if q != p and st.has(s, q, o):
                    self._clash("prp-adp", (axiom, t, (s, q, o)))
        for i1, i2, rule, why in self._npa.get(p, ()):
            if s == i1 and o == i2:
                self._clash(rule, (*why, t))
        if p in self._key_props:
            for c in self._key_props[p]:
                if st.has(s, v.TYPE, c):
                    self._check_key(c, s)
        if st.subjects(v.ONPROPERTY, p):
            self._restrictions_on(t)

    def _close_transitive(self) -> bool:
        """Close one transitive property whose closure may be open; True if it derived.

        A reachability pass replaces the per-triple ``prp-trp`` join (which met every
        path of a polyhierarchy once, deriving the same triple many times): a
        breadth-first search from each subject ``a`` over the stored links of ``p``
        reaches ``b`` through a link ``(c p b)`` from a ``c`` reached one step earlier,
        and records ``prp-trp`` with premises ``(a p c)`` (stored, or derived earlier in
        this search) and ``(c p b)`` (stored). Breadth-first, so each derivation is one
        of the fewest links. One property per call, lowest id first, so consequences
        (inverses ...) flow through the agenda before the next property is closed.
        """
        first, agenda, dirty = self.first, self._agenda, self._dirty
        while dirty:
            p = min(dirty)
            dirty.discard(p)
            succ = self.store.spo.get(p)
            if not succ:
                continue
            batch: list[IntTriple] = []
            add = batch.append
            skip_self = p == v.SAME  # eq-ref: reflexive sameAs is never materialised
            for a, direct in list(succ.items()):
                seen = set(direct)
                frontier = list(direct)
                while frontier:
                    reached: list[int] = []
                    for c in frontier:
                        out = succ.get(c)
                        if out is None:
                            continue
                        new = out - seen
                        if not new:
                            continue
                        seen |= new
                        reached.extend(new)
                        why = ("prp-trp", c)  # premises (p a Transitive) (a p c) (c p b)
                        for b in new:
                            if skip_self and a == b:
                                continue
                            # agenda empty: (a p b) is neither stored (b not in direct)
                            # nor derived (derived triples are stored once popped)
                            tri = (a, p, b)
                            first[tri] = why
                            add(tri)
                    frontier = reached
            if not batch:
                continue
            if p in _PLAN_PREDICATES or p == v.TYPE or self._has_same:
                agenda.extend(batch)  # the general path (plans may change mid-batch)
            else:
                self._fire_closure(p, batch)
            return True
        return False

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

    # ------------------------------------------------------------------ classes
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
                    self._clash("cax-adc", (axiom, t, (x, v.TYPE, c2)))
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
        if c in _SCHEMA_TYPES:
            self._schema_type(x, c, t)

    def _schema_type(self, x: int, c: int, t: IntTriple) -> None:
        st, derive = self.store, self._derive
        if c == v.CLASS:
            derive((x, v.SUBCLASS, x), "scm-cls", (t,))
            derive((x, v.EQCLASS, x), "scm-cls", (t,))
            derive((x, v.SUBCLASS, v.THING), "scm-cls", (t,))
            derive((v.NOTHING, v.SUBCLASS, x), "scm-cls", (t,))
        elif c in _PROPERTY_KINDS:
            derive((x, v.SUBPROP, x), "scm-op", (t,))
            derive((x, v.EQPROP, x), "scm-op", (t,))
        elif c in (v.ALLDIFFERENT, v.ALLDISJOINTCLASSES, v.ALLDISJOINTPROPS):
            for pred in (v.MEMBERS, v.DISTINCTMEMBERS):
                for head in list(st.objects(x, pred)):
                    self._members(x, head, (x, pred, head))
        else:  # a property characteristic: apply it to every existing pair
            for a, b in list(st.pairs(x)):
                self._characteristics((a, x, b), (c,))

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

    # ------------------------------------------------------------------ schema triples
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
            if st.has(a, v.SAME, b):
                rule = "eq-diff2" if axiom[1] == v.MEMBERS else "eq-diff3"
                self._clash(rule, (axiom, (a, v.SAME, b)))
        elif kind == v.ALLDISJOINTCLASSES:
            for x in list(st.subjects(v.TYPE, a)):
                if st.has(x, v.TYPE, b):
                    self._clash("cax-adc", (axiom, (x, v.TYPE, a), (x, v.TYPE, b)))
        else:
            for x, y in list(st.pairs(a)):
                if st.has(x, b, y):
                    self._clash("prp-adp", (axiom, (x, a, y), (x, b, y)))

    # ------------------------------------------------------------------ equality
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
