"""Whether a recorded step is an instance of its OWL 2 RL rule (the checker of explanations).

The engine records each derived triple's premises in the body order of its rule
(:mod:`copro_kg.engine.rules`, the table); :func:`is_instance` checks a step by unifying the
premises and the conclusion with the rule's patterns, and a rule over an RDF list
(``prp-spo2``, ``cls-int1`` ...) by a rule-specific function that reads the list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rdflib import Node, URIRef
from rdflib.namespace import OWL

from copro_kg.engine.rules import DIFF, RULES, SAME, SCO, ListReader, Pattern, T, Triple

__all__ = ["is_instance"]


def _unify(pattern: Pattern, triple: Triple, binding: dict[str, Node]) -> bool:
    for slot, term in zip(pattern, triple, strict=True):
        if isinstance(slot, str) and slot.startswith("?"):
            if binding.setdefault(slot, term) != term:
                return False
        elif slot != term:  # type: ignore[comparison-overlap]  # a URIRef constant
            return False
    return True


def is_instance(
    rule_id: str,
    premises: Sequence[Triple],
    conclusion: Triple | None,
    read_list: ListReader,
) -> bool:
    """Whether ``premises`` -> ``conclusion`` is a valid instance of rule ``rule_id``.

    Checks the shape only (that the premises hold is the caller's business).
    ``read_list(head)`` returns the members of the RDF list at ``head``.

    >>> from rdflib import URIRef as U
    >>> a, c, d = U("urn:a"), U("urn:C"), U("urn:D")
    >>> is_instance("cax-sco", [(c, SCO, d), (a, T, c)], (a, T, d), lambda h: None)
    True
    """
    rule = RULES[rule_id]
    if rule.lists:
        check = _LIST_CHECKS.get(rule_id)
        return check is not None and check(list(premises), conclusion, read_list)
    if len(premises) != len(rule.body):
        return False
    binding: dict[str, Node] = {}
    if not all(_unify(p, t, binding) for p, t in zip(rule.body, premises, strict=True)):
        return False
    if rule.head is None:
        return conclusion is None
    return conclusion is not None and any(
        _unify(head, conclusion, dict(binding)) for head in (rule.head, *rule.more_heads)
    )


def _chain(premises: list[Triple], conclusion: Triple | None, read_list: ListReader) -> bool:
    # (p chain L), (u0 p1 u1), ..., (u(n-1) pn un)  =>  (u0 p un)
    if conclusion is None or not premises:
        return False
    (p, pred, head), links = premises[0], premises[1:]
    props = read_list(head)
    if pred != OWL.propertyChainAxiom or props is None or len(props) != len(links) or not links:
        return False
    nodes_ok = all(links[i][2] == links[i + 1][0] for i in range(len(links) - 1))
    props_ok = all(link[1] == q for link, q in zip(links, props, strict=True))
    return nodes_ok and props_ok and conclusion == (links[0][0], p, links[-1][2])


def _int1(premises: list[Triple], conclusion: Triple | None, read_list: ListReader) -> bool:
    # (c intersectionOf L), (y type c1), ..., (y type cn)  =>  (y type c)
    if conclusion is None or not premises:
        return False
    (c, pred, head), types = premises[0], premises[1:]
    members = read_list(head)
    if pred != OWL.intersectionOf or members is None or len(members) != len(types):
        return False
    y = conclusion[0]
    return conclusion == (y, T, c) and all(
        t == (y, T, m) for t, m in zip(types, members, strict=True)
    )


def _member_rule(
    axiom_pred: URIRef, needs_instance: bool, build: Callable[[Node, Node, Node | None], Triple]
) -> Callable[[list[Triple], Triple | None, ListReader], bool]:
    # Rules of the shape (c pred L), [instance triple] => conclusion about one member of L.
    def check(premises: list[Triple], conclusion: Triple | None, read_list: ListReader) -> bool:
        if conclusion is None or len(premises) != (2 if needs_instance else 1):
            return False
        c, pred, head = premises[0]
        members = read_list(head)
        if pred != axiom_pred or members is None:
            return False
        if needs_instance:
            instance = premises[1]
            return any(
                instance[1] == T
                and conclusion == build(c, m, instance[0])
                and (instance[2] == (m if axiom_pred == OWL.unionOf else c))
                for m in members
            )
        return any(conclusion == build(c, m, None) for m in members)

    return check


def _key(premises: list[Triple], conclusion: Triple | None, read_list: ListReader) -> bool:
    # (c hasKey L), (x type c), (y type c), (x pi zi)..., (y pi zi)...  =>  (x sameAs y)
    if conclusion is None or len(premises) < 3:
        return False
    (c, pred, head), tx, ty, rest = premises[0], premises[1], premises[2], premises[3:]
    props = read_list(head)
    if pred != OWL.hasKey or props is None or len(rest) != 2 * len(props):
        return False
    x, y = conclusion[0], conclusion[2]
    xs, ys = rest[: len(props)], rest[len(props) :]
    return (
        conclusion[1] == SAME and tx == (x, T, c) and ty == (y, T, c)
        and all(a == (x, q, b[2]) and b == (y, q, a[2])
                for a, b, q in zip(xs, ys, props, strict=True))
    )  # fmt: skip


def _literal_type(premises: list[Triple], conclusion: Triple | None, read_list: ListReader) -> bool:
    # (s p lt)  =>  (lt type dt), dt the literal's own datatype, one OWL 2 RL supports.
    # The premise is where the literal occurs: the spec's body is "a literal lt".
    from rdflib import Literal

    from copro_kg.engine.vocab import OWL_RL_DATATYPES
    from copro_kg.engine.xsd import ill_typed

    if conclusion is None or len(premises) != 1:
        return False
    lit = premises[0][2]
    if not isinstance(lit, Literal) or lit.datatype is None or ill_typed(lit):
        return False
    return conclusion == (lit, T, lit.datatype) and lit.datatype in OWL_RL_DATATYPES


def _values(same: bool) -> Callable[[list[Triple], Triple | None, ListReader], bool]:
    # no premises  =>  (lt1 sameAs lt2) for equal data values (dt-eq), or
    # (lt1 differentFrom lt2) for different ones (dt-diff).
    def check(premises: list[Triple], conclusion: Triple | None, read_list: ListReader) -> bool:
        from rdflib import Literal

        from copro_kg.engine.datatypes import value_key

        if premises or conclusion is None or conclusion[1] != (SAME if same else DIFF):
            return False
        a, _, b = conclusion
        if not (isinstance(a, Literal) and isinstance(b, Literal)):
            return False
        ka, kb = value_key(a), value_key(b)
        return ka is not None and kb is not None and (ka == kb) == same

    return check


def _xsd_sub(premises: list[Triple], conclusion: Triple | None, read_list: ListReader) -> bool:
    # no premises  =>  (dt1 subClassOf dt2), XML Schema deriving dt1 from dt2.
    from copro_kg.engine.vocab import DATATYPE_SUPERTYPES

    if premises or conclusion is None or conclusion[1] != SCO:
        return False
    sub, _, sup = conclusion
    return isinstance(sub, URIRef) and sup in DATATYPE_SUPERTYPES.get(sub, frozenset())


_LIST_CHECKS: dict[str, Callable[[list[Triple], Triple | None, ListReader], bool]] = {
    "prp-spo2": _chain,
    "cls-int1": _int1,
    "cls-int2": _member_rule(OWL.intersectionOf, True, lambda c, m, y: (y, T, m)),  # type: ignore[arg-type,return-value]
    "cls-uni": _member_rule(OWL.unionOf, True, lambda c, m, y: (y, T, c)),  # type: ignore[arg-type,return-value]
    "cls-oo": _member_rule(OWL.oneOf, False, lambda c, m, _: (m, T, c)),
    "scm-int": _member_rule(OWL.intersectionOf, False, lambda c, m, _: (c, SCO, m)),
    "scm-uni": _member_rule(OWL.unionOf, False, lambda c, m, _: (m, SCO, c)),
    "prp-key": _key,
    "dt-type2": _literal_type,
    "dt-eq": _values(True),
    "dt-diff": _values(False),
    "xsd-sub": _xsd_sub,
}
