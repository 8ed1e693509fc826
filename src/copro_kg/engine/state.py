"""The chainer's working state, shared by the rule families: store, agenda, provenance.

:class:`ChainerState` holds what every rule module reads and writes (the store, the
first derivation of each triple, the clashes, the indexes of list axioms) and the three
operations they all use: :meth:`~ChainerState._derive` (schedule a conclusion with its
premises), :meth:`~ChainerState._clash` (record an inconsistency) and
:meth:`~ChainerState.read_list`. The rule families (``rules_*.py``) are mixins over it;
:class:`copro_kg.engine.chainer.Chainer` combines them with the fixpoint loop.

>>> state = ChainerState()
>>> state._derive((40, 0, 36), "scm-cls", ())
>>> state.first[(40, 0, 36)]
('scm-cls', ())
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from rdflib import Literal

from copro_kg.engine import vocab as v
from copro_kg.engine.store import Store, TermTable

__all__ = ["ChainerState", "Clash", "IntTriple", "Premises", "in_list_order"]

IntTriple = tuple[int, int, int]
Premises = tuple[IntTriple, ...]


def in_list_order(
    members: tuple[int, ...], t1: IntTriple, t2: IntTriple, m1: int, m2: int
) -> tuple[IntTriple, IntTriple]:
    """``t1`` and ``t2`` (about members ``m1`` and ``m2``) in the order of ``members``.

    A clash of two members of an ``owl:AllDisjointClasses`` or ``owl:AllDisjointProperties``
    list is then told the same way ("both information and participation") whichever of
    its triples the engine met first.
    """
    return (t1, t2) if members.index(m1) <= members.index(m2) else (t2, t1)


class Clash:
    """An inconsistency: the rule that detected it and the triples that clash."""

    __slots__ = ("rule", "triples")

    def __init__(self, rule: str, triples: Premises) -> None:
        self.rule = rule
        self.triples = triples


class ChainerState:
    """Store, agenda, first derivations and clashes; the base of every rule family."""

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
        self._values: dict[tuple[Any, ...], list[int]] = {}  # data value -> literal ids
        self._hierarchy_done: set[int] = set()  # datatypes whose xsd-sub axioms are in
        # xsd-sub and dt-eq steps wait for the second phase (see rules_datatype)
        self._postponed: list[tuple[Callable[..., None], tuple[Any, ...]]] = []
        self.extension_start: int | None = None  # len(first) when the second phase began
        self._datatype_ids: frozenset[int] = frozenset()  # the OWL 2 RL datatypes' ids
        self._chains: dict[int, list[tuple[int, tuple[int, ...], IntTriple]]] = {}
        self._intersections: dict[int, list[tuple[int, tuple[int, ...], IntTriple]]] = {}
        self._unions: dict[int, list[tuple[int, IntTriple]]] = {}
        self._keys: dict[int, list[tuple[tuple[int, ...], IntTriple]]] = {}
        self._key_props: dict[int, set[int]] = {}
        self._groups: dict[tuple[int, int], list[tuple[tuple[int, ...], IntTriple]]] = {}
        self._npa: dict[int, list[tuple[int, int, str, Premises]]] = {}
        self._registered: set[tuple[object, ...]] = set()
        self._has_same = False
        self._dirty: set[int] = set()  # transitive properties whose closure may be open

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
            return  # eq-ref is answered on demand, never stored (see rules_equality)
        self.first[t] = (rule, premises)
        self._agenda.append(t)

    def _clash(self, rule: str, triples: Premises) -> None:
        key = (rule, frozenset(triples))
        if key not in self.clashes:
            self.clashes[key] = Clash(rule, triples)

    def read_list(self, head: int) -> tuple[int, ...] | None:
        """Members of the RDF list at ``head``, or None if it is not a proper list.

        A node with several ``rdf:first`` (``eq-rep-o`` copies a member's ``owl:sameAs``
        into the list) or ``rdf:rest`` reads as stated, whatever was derived before the
        list is read: the members do not depend on the order rules fire in.
        """
        members: list[int] = []
        seen: set[int] = set()
        node = head
        while node != v.NIL:
            if node in seen:
                return None
            seen.add(node)
            first = self._stated(node, v.FIRST)
            rest = self._stated(node, v.REST)
            if first is None or rest is None:
                return None
            members.append(first)
            node = rest
        return tuple(members)

    def _revisit_lists(self, nodes: set[int]) -> None:
        """Fire again the stored triples that name a list the new triples extend.

        From scratch every asserted list is whole in the store before any axiom naming it
        (``owl:intersectionOf``, ``owl:members`` ...) is popped; a delta may complete a list
        whose axiom was popped, and refused, before. Popping such an axiom again reads
        the list whole; what it derived already is not derived twice.
        """
        st, heads = self.store, set()
        while nodes:
            node = nodes.pop()
            heads.add(node)
            nodes |= st.subjects(v.REST, node) - heads
        for p, by_o in st.pos.items():
            if p not in (v.FIRST, v.REST):
                for head in heads & by_o.keys():
                    self._agenda.extend((s, p, head) for s in by_o[head])

    def _stated(self, node: int, p: int) -> int | None:
        """The least object of ``node p ?`` that is asserted, else of any; None if none."""
        objects = self.store.objects(node, p)
        if not objects:
            return None
        stated = [o for o in objects if (node, p, o) in self.asserted]
        return min(stated or objects)

    def _int_value(self, n: int) -> int | None:
        term = self.terms.terms[n]
        if isinstance(term, Literal):
            value = term.toPython()
            if isinstance(value, int) and not isinstance(value, bool):
                return value
        return None

    if TYPE_CHECKING:  # implemented by the rule families; declared for the type checker
        _by_predicate: dict[int, Callable[[int, int, IntTriple], None]]

        def _check_key(self, c: int, x: int) -> None: ...
        def _characteristics(self, t: IntTriple, kinds: Iterable[int]) -> None: ...
        def _members(self, group: int, head: int, t: IntTriple) -> None: ...
        def _group_pair(self, kind: int, a: int, b: int, axiom: IntTriple) -> None: ...
        def _chain_through(
            self, big: int, props: tuple[int, ...], axiom: IntTriple, k: int, t: IntTriple
        ) -> None: ...
        def _qualified(self, r: int, p: int, u: int) -> None: ...
        def _member_of_restriction(self, r: int, u: int) -> None: ...
        def _restrictions_on(self, t: IntTriple) -> None: ...
        def _schema_type(self, x: int, c: int, t: IntTriple) -> None: ...
        def _schema_restriction(self, r: int, p: int, rel: int, y: int, svf: bool) -> None: ...
        def _scm_hv(self, c1: int, p1: int, c2: int, p2: int, i: int) -> None: ...
        def _scm_prop(
            self, c1: int, c2: int, p1: int, p2: int, rel: int, y: int, rule: str, svf: bool
        ) -> None: ...
        def _scm_filler(
            self, c1: int, c2: int, p: int, rel: int, y1: int, y2: int, rule: str
        ) -> None: ...
        def _literal_datatypes(self, o: int, t: IntTriple) -> tuple[int, ...]: ...
        def _datatype_member(self, x: int, c: int, t: IntTriple) -> None: ...
        def _dt_diff(self, x: int, y: int) -> None: ...
