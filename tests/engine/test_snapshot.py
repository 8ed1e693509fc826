"""Continuing from a saved state gives what reasoning from scratch gives (issue 28, goal 2).

The OWL 2 RL closure of a set of triples is unique (the rules are monotone), so the
engine continued from the glossary's saved first-phase state with a file's triples as the
only new input must reach exactly the closure of the glossary plus the file: the same
triples, the same ones derived in the second phase (hidden as ``datatype``), the same
clashes. Only the first derivation recorded may differ, so each one is checked to be an
instance of its rule (OWL 2 Profiles, Section 4.3) over entailed premises.

Inputs: every RDF file under ``tests/data`` (but the deliberately broken ones: ``bad/``,
``bad.ttl``), the third-party SHACL shapes vendored there (kos-kit, VocPub), and the
premises of the 151 applicable W3C OWL 2 RL test cases -- with the glossary as the base,
and split at every point (the part before saved, the rest continued) so that the
schema, a list or a group can arrive late.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

import pytest
from rdflib import RDF, Graph, Node
from rdflib.util import guess_format

from copro_kg.engine import Chainer, prepare, run
from copro_kg.engine.chainer import Chainer as ChainerClass
from copro_kg.engine.instances import is_instance
from copro_kg.engine.rules import Triple
from copro_kg.engine.snapshot import (
    EMPTY_AT_FIXPOINT,
    FROZEN,
    REBUILT,
    SNAPSHOT_VERSION,
    freeze,
    thaw,
)
from copro_kg.engine.state import IntTriple
from copro_kg.reasoning.provenance import in_stable_order

from ..conftest import DATA_DIR
from ..rdf_lists import list_reader
from . import w3c

FILES = sorted(
    p
    for p in Path(DATA_DIR).rglob("*")
    if p.suffix in {".ttl", ".nt", ".rdf", ".owl", ".jsonld"}
    and "bad" not in (*p.relative_to(DATA_DIR).parts[:-1], p.stem)  # broken on purpose
    and p.name != "manifest.ttl"
)
CASES = w3c.cases()


class _Saved(NamedTuple):
    text: str  # the JSON the cache holds
    terms: list[Node]
    steps: frozenset[IntTriple]  # the saved derivations (ids kept by thaw)


def _frozen(triples: Sequence[Triple]) -> _Saved:
    """``triples`` closed and frozen, as the cache holds them."""
    closed = prepare(triples)
    data, terms = freeze(closed)
    return _Saved(json.dumps(data), terms, frozenset(closed.first))


def _decoded(chainer: Chainer, triples: object) -> set[Triple]:
    t = chainer.terms.terms
    return {(t[s], t[p], t[o]) for s, p, o in triples}  # type: ignore[attr-defined]


_PARTS: dict[str, Callable[[Chainer], Iterable[IntTriple]]] = {
    "every triple": lambda c: c.store,
    "the asserted": lambda c: c.asserted,
    "the second phase's": lambda c: c.extension(),
}


def _in_ids_of(scratch: Chainer, continued: Chainer) -> list[int]:
    """Each id of ``continued``'s terms as ``scratch`` numbers the same term, so that
    their triples compare as ints (hashing three rdflib terms per triple was a quarter of
    this module's time); a term ``scratch`` never saw gets a negative id, equal to none."""
    ids = scratch.terms.ids
    return [ids.get(term, -1 - i) for i, term in enumerate(continued.terms.terms)]


def _assert_same_triples(continued: Chainer, scratch: Chainer, to: list[int], name: str) -> None:
    """The part ``name`` of both chainers holds the same triples: compared as ints
    (``to``: :func:`_in_ids_of`), the ones that differ reported as terms."""
    part = _PARTS[name]
    ours = {(to[s], to[p], to[o]) for s, p, o in part(continued)}
    assert ours == set(part(scratch)), (
        name,
        _decoded(continued, part(continued)) ^ _decoded(scratch, part(scratch)),
    )


def _clashes(chainer: Chainer) -> set[tuple[str, frozenset[Triple]]]:
    return {(c.rule, frozenset(_decoded(chainer, c.triples))) for c in chainer.clashes.values()}


def _assert_same_as_scratch(
    base: Sequence[Triple], delta: Sequence[Triple], saved: _Saved | None = None
) -> None:
    saved = saved or _frozen(base)
    continued = run(delta, base=thaw(json.loads(saved.text), saved.terms))
    scratch = run([*base, *delta])  # any fixed order: the closure is unique
    to = _in_ids_of(scratch, continued)
    for name in _PARTS:
        _assert_same_triples(continued, scratch, to, name)
    assert _clashes(continued) == _clashes(scratch)
    _assert_valid_derivations(continued, [t for t in continued.first if t not in saved.steps])


def _assert_valid_derivations(chainer: Chainer, steps: Sequence[IntTriple]) -> None:
    """Each of ``steps`` is an instance of its rule over premises the closure entails (the
    saved state's own steps are checked on the glossary by test_rule_names)."""
    terms = chainer.terms.terms

    def lists() -> Iterator[Triple]:  # only rdf:first and rdf:rest are decoded
        wanted = {chainer.terms.ids.get(RDF.first), chainer.terms.ids.get(RDF.rest)}
        return ((terms[s], terms[p], terms[o]) for s, p, o in chainer.store if p in wanted)

    read_list = list_reader(lists)
    for t in steps:
        rule, premises = chainer.why(t)
        decoded = [(terms[s], terms[p], terms[o]) for s, p, o in premises]
        conclusion = (terms[t[0]], terms[t[1]], terms[t[2]])
        assert is_instance(rule, decoded, conclusion, read_list), (rule, decoded, conclusion)
        assert all(chainer.entails(p) for p in premises), (rule, decoded)


@pytest.fixture(scope="module")
def glossary_triples(glossary: Graph) -> list[Triple]:
    return in_stable_order(glossary)


@pytest.fixture(scope="module")
def saved_glossary(glossary_triples: list[Triple]) -> _Saved:
    return _frozen(glossary_triples)


def _parsed(path: Path) -> list[Triple]:
    fmt = "json-ld" if path.suffix == ".jsonld" else guess_format(str(path)) or "turtle"
    return in_stable_order(Graph().parse(path, format=fmt))


def test_the_inputs_are_found() -> None:
    assert len(FILES) >= 35 and len(CASES) == 151


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(DATA_DIR)))
def test_a_file_over_the_saved_glossary_is_the_file_reasoned_from_scratch(
    path: Path, glossary_triples: list[Triple], saved_glossary: _Saved
) -> None:
    _assert_same_as_scratch(glossary_triples, _parsed(path), saved_glossary)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_w3c_premise_continued_from_any_part_is_the_premise_from_scratch(
    case: w3c.Case,
) -> None:
    triples = in_stable_order(w3c.parse(case.premise))
    for cut in range(len(triples) + 1):  # every split: the schema or a list may come late
        _assert_same_as_scratch(triples[:cut], triples[cut:])


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_a_w3c_premise_over_the_saved_glossary_is_the_same_as_from_scratch(
    case: w3c.Case, glossary_triples: list[Triple], saved_glossary: _Saved
) -> None:
    premise = in_stable_order(w3c.parse(case.premise))
    _assert_same_as_scratch(glossary_triples, premise, saved_glossary)


def test_freeze_names_every_attribute_of_the_state() -> None:
    """A new attribute of the chainer must be saved, or said to be empty or rebuilt."""
    known = set(FROZEN) | set(EMPTY_AT_FIXPOINT) | set(REBUILT)
    assert set(vars(ChainerClass())) == known


def test_only_a_state_closed_before_its_second_phase_is_frozen_or_extended(
    glossary_triples: list[Triple],
) -> None:
    finished = run(glossary_triples[:50])
    with pytest.raises(ValueError, match="closed"):
        freeze(finished)
    with pytest.raises(ValueError, match="second phase"):
        finished.extend(glossary_triples[50:60])


def test_a_state_of_another_version_is_refused(glossary_triples: list[Triple]) -> None:
    data, terms = freeze(prepare(glossary_triples[:50]))
    with pytest.raises(ValueError, match="another version"):
        thaw({**data, "version": SNAPSHOT_VERSION + 1}, terms)
    with pytest.raises(ValueError, match="another version"):
        thaw(data, terms[:-1])
