"""Inconsistencies found by the reasoner, as structured findings with plain-language text.

An OWL 2 RL inconsistency rule (``cax-dw``, ``prp-pdw``, ``eq-diff1`` ...) fires when some
triples cannot all be true. :class:`Inconsistency` keeps the rule id, the clashing
triples, the terms involved by role, and one sentence built from labels. ``copro-kg
check`` adds the glossary's own wording on top (which glossary rule is broken).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rdflib import Graph, Node

from copro_kg.engine.rules import RULES, Triple
from copro_kg.vocab.labels import curie, label

__all__ = ["Inconsistency", "describe_clash"]


@dataclass(frozen=True)
class Inconsistency:
    """One way the graph contradicts itself.

    Attributes:
        rule: the OWL 2 RL rule that detected it (``"cax-dw"``), or ``"owlrl"`` when the
            reference engine's message could not be mapped.
        triples: the triples that clash (asserted or inferred; explain the inferred ones
            with :meth:`Reasoning.derivation`). Empty for owlrl's text-only reports.
        roles: the terms involved, by role, main one first (``("individual", x)``,
            ``("class", c1)``, ``("other class", c2)``).
        message: one plain sentence using labels.
    """

    rule: str
    triples: tuple[Triple, ...]
    roles: tuple[tuple[str, Node], ...]
    message: str

    @property
    def nodes(self) -> tuple[Node, ...]:
        """The terms involved, main one first."""
        return tuple(node for _, node in self.roles)

    @property
    def gloss(self) -> str:
        """What the broken rule says, in words."""
        rule = RULES.get(self.rule)
        return rule.gloss if rule else "owlrl reported an inconsistency"


Describer = Callable[[Sequence[Triple], Callable[[Node], str]], tuple[list[tuple[str, Node]], str]]


def _dw(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    (_, _, _), (x, _, c1), (_, _, c2) = t
    how = "complementary" if str(t[0][1]).endswith("complementOf") else "disjoint"
    roles = [("individual", x), ("class", c1), ("other class", c2)]
    return roles, (
        f"{n(x)} is both {n(c1)} and {n(c2)}, but nothing can be both: the two are {how}"
    )


def _nothing(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    x = t[0][0]
    return [("individual", x)], f"{n(x)} is a member of owl:Nothing, which can have no members"


def _pdw(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    (x, p1, y), (_, p2, _) = t[1], t[2]
    roles = [("subject", x), ("object", y), ("property", p1), ("other property", p2)]
    return roles, (
        f"{n(x)} is linked to {n(y)} by both '{n(p1)}' and '{n(p2)}', "
        "which are disjoint: no pair may have both"
    )


def _irp(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    p, (x, _, _) = t[0][0], t[1]
    return [("individual", x), ("property", p)], (
        f"{n(x)} is '{n(p)}' itself, but '{n(p)}' never links a thing to itself"
    )


def _asyp(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    p, (x, _, y) = t[0][0], t[1]
    return [("subject", x), ("object", y), ("property", p)], (
        f"'{n(p)}' holds both ways between {n(x)} and {n(y)}, but it can only hold one way"
    )


def _diff1(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    x, y = t[-1][0], t[-1][2]
    if x == y:
        # "x differentFrom x" only arises by substituting an inferred sameAs: say that,
        # never that something is different from itself.
        return [("individual", x)], (
            f"{n(x)} follows to be the same as something it is stated to be different from"
        )
    # Terms inferred the same share their labels in the closure: name them apart.
    a, b = (n(x), n(y)) if n(x) != n(y) else (curie(x), curie(y))
    return [("individual", x), ("other individual", y)], (
        f"{a} is stated to be different from {b}, yet follows to be the same"
    )


def _diff2(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    a, b = t[1][0], t[1][2]
    return [("individual", a), ("other individual", b)], (
        f"{n(a)} and {n(b)} are declared all different, yet follow to be the same"
    )


def _npa(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    i1, p, i2 = t[-1]
    return [("subject", i1), ("object", i2), ("property", p)], (
        f"{n(i1)} '{n(p)}' {n(i2)}, which a negative property assertion forbids"
    )


def _maxc(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    r = t[0][0]
    u, p, y = next(tr for tr in t[3:] if tr[1] != t[2][1] or tr[0] != t[2][0])
    return [("individual", u), ("value", y), ("property", p), ("restriction", r)], (
        f"{n(u)} has '{n(p)}' {n(y)}, but it is {n(r)}, which allows no such value"
    )


def _adc(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    (x, _, c1), (_, _, c2) = t[1], t[2]
    return [("individual", x), ("class", c1), ("other class", c2)], (
        f"{n(x)} is both {n(c1)} and {n(c2)}, which are declared pairwise disjoint"
    )


def _adp(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    (x, p1, y), (_, p2, _) = t[1], t[2]
    roles = [("subject", x), ("object", y), ("property", p1), ("other property", p2)]
    return roles, (
        f"{n(x)} is linked to {n(y)} by both '{n(p1)}' and '{n(p2)}', "
        "which are declared pairwise disjoint"
    )


def _dt(t: Sequence[Triple], n: Callable[[Node], str]) -> tuple[list[tuple[str, Node]], str]:
    s, p, lit = t[0]
    dt = getattr(lit, "datatype", None)
    return [("subject", s), ("value", lit)], (
        f"the value {n(lit)} of {n(s)} '{n(p)}' is not a valid {n(dt) if dt else 'literal'}"
    )


_DESCRIBERS: dict[str, Describer] = {
    "cax-dw": _dw, "cls-com": _dw, "cls-nothing2": _nothing, "prp-pdw": _pdw,
    "prp-irp": _irp, "prp-asyp": _asyp, "eq-diff1": _diff1, "eq-diff2": _diff2,
    "eq-diff3": _diff2, "prp-npa1": _npa, "prp-npa2": _npa, "cls-maxc1": _maxc,
    "cls-maxqc1": _maxc, "cls-maxqc2": _maxc, "cax-adc": _adc, "prp-adp": _adp,
    "dt-not-type": _dt,
}  # fmt: skip


def describe_clash(graph: Graph, rule: str, triples: Sequence[Triple]) -> Inconsistency:
    """Build the :class:`Inconsistency` for a clash found by rule ``rule``.

    ``graph`` supplies the labels (usually the reasoned closure).
    """

    def name(node: Node) -> str:
        return label(graph, node)

    roles, message = _DESCRIBERS[rule](triples, name)
    return Inconsistency(rule, tuple(triples), tuple(roles), message)
