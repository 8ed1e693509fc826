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

The rule families live in mixins over :class:`~copro_kg.engine.state.ChainerState`:
:mod:`.rules_schema` (scm-*), :mod:`.rules_class` (cls-*, cax-*), :mod:`.rules_property`
(prp-*), :mod:`.rules_equality` (eq-*), :mod:`.rules_datatype` (dt-*). This module keeps
the fixpoint: the agenda, the dispatch of a popped triple, the bulk transitive closure,
and :meth:`Chainer.why`.

Deliberate differences from owlrl (the reference, see ``reasoning/owlrl.py``):

* ``eq-ref`` is not materialised: reflexive ``owl:sameAs`` adds no other consequence
  under these rules; :meth:`Chainer.why`, :meth:`Chainer.entails` and
  ``inferred(reflexive=True)`` answer it on demand. ``x owl:differentFrom x`` is still
  reported as an ``eq-diff1`` clash.
* ``dt-eq``, ``dt-diff`` and ``dt-not-type`` on values, and the XML Schema hierarchy
  (:mod:`.rules_datatype`); owlrl skips the first two and checks only lexical forms.
* ``eq-diff2/3``, ``prp-adp`` and ``cax-adc`` check **all** pairs of members
  (owlrl skips the last member, OWL-RL issue #85); ``prp-key`` compares every key
  property (owlrl skips the last one).
* ``dt-type2`` types every literal that appears as an object, including inferred ones
  (owlrl types only the literals of the input).
* ``scm-op`` / ``scm-dp`` only for ``owl:ObjectProperty`` / ``owl:DatatypeProperty``
  (owlrl applies them to a bare ``rdf:Property`` too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from copro_kg.engine import vocab as v
from copro_kg.engine.gcpause import paused_gc
from copro_kg.engine.rules_class import ClassRules
from copro_kg.engine.rules_datatype import DatatypeRules
from copro_kg.engine.rules_equality import EqualityRules
from copro_kg.engine.rules_property import PropertyRules
from copro_kg.engine.rules_schema import SchemaRules
from copro_kg.engine.state import Clash, IntTriple, Premises, in_list_order
from copro_kg.engine.store import TermTable

__all__ = ["Chainer", "Clash", "IntTriple"]

_PLAN_PREDICATES = frozenset({
    v.DOMAIN, v.RANGE, v.SUBPROP, v.EQPROP, v.INVERSE, v.CHAIN, v.PROPDISJOINT, v.MEMBERS,
    v.DISTINCTMEMBERS, v.HASKEY, v.ONPROPERTY, v.SOURCEIND, v.ASSERTIONPROP, v.TARGETIND,
    v.TARGETVALUE, v.FIRST, v.REST,
})  # fmt: skip
"""Storing a triple with one of these predicates may change a cached :meth:`Chainer._plan`."""
_PLAN_TYPES = v.CHARACTERISTICS | {v.ALLDIFFERENT, v.ALLDISJOINTCLASSES, v.ALLDISJOINTPROPS}
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


class Chainer(SchemaRules, ClassRules, PropertyRules, EqualityRules, DatatypeRules):
    """Computes the OWL 2 RL closure of the triples given to :meth:`assert_triple`.

    >>> from rdflib import URIRef
    >>> from rdflib.namespace import RDF, RDFS
    >>> c = Chainer()
    >>> a, k1, k2 = (URIRef(f"urn:{n}") for n in ("a", "K1", "K2"))
    >>> c.assert_all([(a, RDF.type, k1), (k1, RDFS.subClassOf, k2)])
    >>> c.run()
    >>> c.why(c.encode_triple(a, RDF.type, k2))[0]
    'cax-sco'
    """

    def __init__(self, terms: TermTable | None = None) -> None:
        super().__init__(terms)
        self._plans: dict[int, _Plan] = {}
        self._by_predicate = {
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

    def assert_all(self, triples: Iterable[tuple[object, object, object]]) -> None:
        """Add many asserted triples given as rdflib terms."""
        enc = self.terms.encode
        for s, p, o in triples:
            self.assert_triple((enc(s), enc(p), enc(o)))  # type: ignore[arg-type]

    def assert_triple(self, t: IntTriple) -> None:
        """Add one asserted integer triple; schema triples are scheduled first."""
        if self.store.add(*t):
            self.asserted.add(t)
            if t[1] in v.SCHEMA_PREDICATES or (t[1] == v.TYPE and t[2] in v.SCHEMA_TYPES):
                self._agenda.append(t)
            else:
                self._late.append(t)

    def add_axiom(self, t: IntTriple, rule: str) -> None:
        """Add a triple that holds by an axiomatic rule (no premises)."""
        self._derive(t, rule, ())

    def extend(self, triples: Iterable[tuple[object, object, object]]) -> None:
        """Add more asserted triples to a chainer closed by :meth:`close` (a delta).

        The next :meth:`run` continues from the closed state: only rule instances with a
        new triple among their premises are evaluated (see :mod:`.snapshot`). A datatype
        the new triples mention gets its ``xsd-sub`` axioms, as it would from scratch.

        Raises:
            ValueError: the second phase has begun (:meth:`run` finished): what it
                derived would no longer be told apart from what the delta adds.
        """
        if self.extension_start is not None:
            raise ValueError("a chainer can only be extended before its second phase")
        enc = self.terms.encode
        mentioned: set[int] = set()
        list_nodes: set[int] = set()
        for s, p, o in triples:
            t = (enc(s), enc(p), enc(o))  # type: ignore[arg-type]
            mentioned.update(t)
            if self.first.pop(t, None) is not None:  # derived, now stated: asserted, as
                self.asserted.add(t)  # from scratch (its consequences are in already)
            elif not self.store.has(*t):
                self.assert_triple(t)
                if t[1] in (v.FIRST, v.REST):
                    list_nodes.add(t[0])
        self._revisit_lists(list_nodes)
        self.add_datatype_axioms(mentioned)

    def close(self) -> None:
        """Fire rules until nothing new follows except by way of the second phase: the
        state :mod:`.snapshot` saves and :meth:`extend` continues from."""
        with paused_gc():
            self._run()

    def run(self) -> None:
        """Fire rules until nothing new follows.

        Python's cyclic garbage collector is paused meanwhile: the engine allocates
        millions of small tuples that never form cycles, and each full collection would
        walk all of them again (most of the time on a 100,000-concept thesaurus).
        """
        with paused_gc():
            self._run()
            if self.extension_start is None:  # xsd-sub and dt-eq: see .rules_datatype
                self.start_extension()
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

        ``x owl:sameAs x`` for a term ``x`` of the closure is ``eq-ref`` of a triple
        mentioning ``x`` (never stored, see :mod:`.rules_equality`).

        Raises:
            KeyError: ``t`` was not derived (asserted, or not entailed).
        """
        found = self.first.get(t)
        if found is None:
            s, p, o = t
            mention = self.mention(s) if p == v.SAME and s == o else None
            if mention is None or t in self.asserted:
                raise KeyError(t)
            return "eq-ref", (mention,)
        rule, premises = found
        if isinstance(premises, int):  # compact prp-trp, see ChainerState.__init__
            a, p, b = t
            return rule, ((p, v.TYPE, v.TRANSITIVE), (a, p, premises), (premises, p, b))
        return rule, premises

    def entails(self, t: IntTriple) -> bool:
        """Whether ``t`` is asserted or follows (``eq-ref`` included)."""
        s, p, o = t
        if self.store.has(s, p, o):
            return True
        return p == v.SAME and s == o and self.mention(s) is not None

    def inferred(self, reflexive: bool = False) -> Iterator[IntTriple]:
        """Every triple that was derived rather than asserted.

        With ``reflexive``, also ``x owl:sameAs x`` (``eq-ref``) for every term of the
        closure that is not asserted so (``reason --all``).
        """
        yield from self.first
        if reflexive:
            used: set[int] = set()
            for s, p, o in self.store:
                used.update((s, p, o))
            asserted = self.asserted
            for x in sorted(used):
                if (x, v.SAME, x) not in asserted:
                    yield x, v.SAME, x

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
        kinds = tuple(st.objects(p, v.TYPE) & v.CHARACTERISTICS)
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
                    self._clash("prp-adp", (axiom, *in_list_order(members, t, (s, q, o), p, q)))
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
