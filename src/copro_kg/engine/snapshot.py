"""A chainer's state at its first fixpoint, as plain data: saved once, continued many times.

The shipped ontology never changes inside an installed version, so its closure need not
be computed again for every user file. :func:`freeze` turns a chainer that reached the
fixpoint of the first phase (:meth:`~copro_kg.engine.chainer.Chainer.close`) into lists,
strings and ints (JSON can hold it: a saved state is data, it cannot run code);
:func:`thaw` makes a chainer of it again, and :meth:`~copro_kg.engine.chainer.Chainer.extend`
adds the user's triples to it as a delta. The engine is semi-naive: a rule instance is
evaluated when the last of its premises is popped, so continuing from a closed state with
only the new triples on the agenda reaches the same fixpoint as closing everything again
(the rules are monotone, and the input only grows). Only the first derivation recorded
for a triple may differ, and it is still a valid one.

Why the first phase and not the end: what follows only by way of ``xsd-sub`` or
``dt-eq`` is derived in a second phase and hidden as ``datatype``
(:mod:`.rules_datatype`); for the split to be the one reasoning from scratch gives, the
user's triples must reach the first fixpoint before the second phase starts. The frozen
state keeps the postponed second-phase steps, which then run over everything.

>>> from rdflib import URIRef
>>> from copro_kg.engine import prepare
>>> base = prepare([(URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b"))])
>>> data, terms = freeze(base)
>>> thawed = thaw(data, terms)
>>> (thawed.store.count, len(thawed.first)) == (base.store.count, len(base.first))
True
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rdflib import Node

from copro_kg.engine.state import Clash, IntTriple
from copro_kg.engine.store import TermTable

if TYPE_CHECKING:  # the chainer loads only when a state is thawed: reading the key
    # (SNAPSHOT_VERSION) on the warm query path must not import the engine's fixpoint
    from copro_kg.engine.chainer import Chainer

__all__ = ["EMPTY_AT_FIXPOINT", "FROZEN", "REBUILT", "SNAPSHOT_VERSION", "freeze", "thaw"]

SNAPSHOT_VERSION = 1
"""Bump when the frozen layout or the engine's rules change what a state means."""

_REGISTRIES = ("_chains", "_intersections", "_unions", "_keys", "_groups", "_npa")
"""The chainer's indexes of list axioms: ``key -> [entry, ...]``, all ints (and rule ids)."""

EMPTY_AT_FIXPOINT = ("_agenda", "_late", "_dirty", "_values", "_hierarchy_done")
"""Working state that is empty at the first fixpoint (checked by :func:`freeze`)."""

REBUILT = ("terms", "store", "_plans", "_by_predicate", "extension_start")
"""Rebuilt by :func:`thaw` (the store from the triples; the rest by the constructor)."""

FROZEN = (
    "asserted", "first", "clashes", "_literal_types", "_postponed", "_datatype_ids",
    "_key_props", "_registered", "_has_same", *_REGISTRIES,
)  # fmt: skip
"""Every attribute :func:`freeze` writes; with the two tuples above, all a chainer has."""


def _tuples(x: Any) -> Any:
    """JSON lists back into the tuples the engine keys and compares on."""
    return tuple(_tuples(e) for e in x) if isinstance(x, list) else x


def freeze(chainer: Chainer) -> tuple[dict[str, Any], list[Node]]:
    """``chainer``'s state at its first fixpoint as JSON-ready data, and its terms.

    Raises:
        ValueError: the chainer is not at a first-phase fixpoint (work left on the
            agenda, or the second phase begun).
    """
    if chainer.extension_start is not None or any(getattr(chainer, a) for a in EMPTY_AT_FIXPOINT):
        raise ValueError("only a chainer closed by close() can be frozen")
    rules: dict[str, int] = {}
    first: list[int] = []
    for t, (rule, premises) in chainer.first.items():
        first += (*t, rules.setdefault(rule, len(rules)))
        if isinstance(premises, int):  # compact prp-trp: the middle node
            first += (-1, premises)
        else:
            first.append(len(premises))
            for p in premises:
                first += p
    postponed = []
    for step, args in chainer._postponed:
        if step == chainer._hierarchy:
            postponed.append(["h", chainer.terms.ids[args[0]]])
        elif step == chainer._equal_values:
            postponed.append(["e", args[0]])
        else:  # pragma: no cover - a new kind of postponed step must be added here
            raise ValueError(f"cannot freeze postponed step {step!r}")
    data: dict[str, Any] = {
        "version": SNAPSHOT_VERSION,
        "terms": len(chainer.terms),
        "asserted": [n for t in chainer.asserted for n in t],
        "rules": list(rules),
        "first": first,
        "clashes": [[c.rule, [list(t) for t in c.triples]] for c in chainer.clashes.values()],
        "literal_types": [[o, list(dts)] for o, dts in chainer._literal_types.items()],
        "postponed": postponed,
        "datatype_ids": sorted(chainer._datatype_ids),
        "key_props": [[p, sorted(cs)] for p, cs in chainer._key_props.items()],
        "registered": [list(r) for r in chainer._registered],
        "has_same": chainer._has_same,
    }
    for name in _REGISTRIES:
        data[name] = [[k, v] for k, v in getattr(chainer, name).items()]
    return data, list(chainer.terms.terms)


def thaw(data: dict[str, Any], terms: Sequence[Node]) -> Chainer:
    """A chainer in the state :func:`freeze` saved, ready for
    :meth:`~copro_kg.engine.chainer.Chainer.extend`.

    Raises:
        ValueError: ``data`` is of another snapshot version, or does not fit ``terms``.
    """
    if data.get("version") != SNAPSHOT_VERSION or data.get("terms") != len(terms):
        raise ValueError("the saved reasoning state is of another version")
    table = TermTable()
    if table.terms != list(terms[: len(table.terms)]):
        raise ValueError("the saved reasoning state numbers the vocabulary differently")
    table.terms = list(terms)
    table.ids = {term: i for i, term in enumerate(table.terms)}
    from copro_kg.engine.chainer import Chainer

    chainer = Chainer(table)
    store_add, asserted = chainer.store.add, chainer.asserted
    flat = data["asserted"]
    for i in range(0, len(flat), 3):
        t = (flat[i], flat[i + 1], flat[i + 2])
        asserted.add(t)
        store_add(*t)
    rules, flat, first = data["rules"], data["first"], chainer.first
    i = 0
    while i < len(flat):
        t = (flat[i], flat[i + 1], flat[i + 2])
        rule, count = rules[flat[i + 3]], flat[i + 4]
        if count < 0:
            first[t] = (rule, flat[i + 5])
            i += 6
        else:
            end = i + 5 + 3 * count
            premises: tuple[IntTriple, ...] = tuple(
                (flat[j], flat[j + 1], flat[j + 2]) for j in range(i + 5, end, 3)
            )
            first[t] = (rule, premises)
            i = end
        store_add(*t)
    for rule, triples in data["clashes"]:
        clash = Clash(rule, _tuples(triples))
        chainer.clashes[(rule, frozenset(clash.triples))] = clash
    chainer._literal_types = {o: tuple(dts) for o, dts in data["literal_types"]}
    chainer._postponed = [
        (chainer._hierarchy, (table.terms[n],))
        if kind == "h"
        else (chainer._equal_values, (n, table.terms[n]))
        for kind, n in data["postponed"]
    ]
    chainer._datatype_ids = frozenset(data["datatype_ids"])
    chainer._key_props = {p: set(cs) for p, cs in data["key_props"]}
    chainer._registered = {_tuples(r) for r in data["registered"]}
    chainer._has_same = data["has_same"]
    for name in _REGISTRIES:
        setattr(chainer, name, {_tuples(k): [_tuples(e) for e in v] for k, v in data[name]})
    return chainer
