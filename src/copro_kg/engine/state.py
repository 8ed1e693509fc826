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

__all__ = ["ChainerState", "Clash", "IntTriple", "Premises"]

IntTriple = tuple[int, int, int]
Premises = tuple[IntTriple, ...]


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
