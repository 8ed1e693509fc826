"""Writing never explodes (issue 29): blank node labels stay canonical and cheap.

Before, RDFC-1.0 (pyoxigraph) labelled blank nodes: our own full export fed back as
``--data`` spent 28 s of a 29 s ``reason`` in it, LinkML's metamodel ran out of memory at
24 GB, and the W3C rdf-canon suite's "poison" graphs are built to take hours. The labeller
of :mod:`copro_kg.io.canonical` must give the same labels whatever the input's order and
blank node ids (canonical), keep the graph as it is (isomorphic), and bound its work with
a deterministic fallback and one warning. Speed is measured in ``benchmarks/`` as a ratio
to plain writing, never asserted here.
"""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import pytest
from rdflib import BNode, Graph, URIRef
from rdflib.compare import isomorphic

from copro_kg.errors import OutputWarning
from copro_kg.io import canonical
from copro_kg.io.canonical import Triple, canonical_triples

from .conftest import DATA_DIR, RunCli

POISON = sorted((DATA_DIR / "rdf-canon").glob("*.nq"))


def _relabelled(triples: list[Triple], seed: int) -> list[Triple]:
    """The same graph with fresh blank node ids, in another order (a seeded shuffle)."""
    fresh: dict[BNode, BNode] = {}

    def term(t: object) -> object:
        return fresh.setdefault(t, BNode()) if isinstance(t, BNode) else t

    out = [(term(s), term(p), term(o)) for s, p, o in triples]
    random.Random(seed).shuffle(out)
    return out  # type: ignore[return-value]


def _graph(triples: list[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _labelled(triples: list[Triple]) -> tuple[set[Triple], list[OutputWarning]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = set(canonical_triples(triples))
    return out, [w.message for w in caught if isinstance(w.message, OutputWarning)]


def test_the_poison_graphs_are_here() -> None:
    assert [p.name for p in POISON] == [f"test{n}-in.nq" for n in ("044", "045", "046", "074")]


@pytest.mark.parametrize("path", POISON, ids=lambda p: p.stem)
def test_poison_graphs_get_canonical_labels_without_a_warning(path: Path) -> None:
    """RDFC-1.0 §4.4 (test074c "A 10-node Clique of blank node resources all
    inter-related"): graphs whose blank nodes nothing tells apart. Every order and every
    choice of blank node ids gives the same labelled triples, isomorphic to the input."""
    triples = list(Graph().parse(path, format="nt"))
    first, said = _labelled(triples)
    assert said == []
    assert isomorphic(_graph(sorted(first)), _graph(triples))
    for seed in range(5):
        assert _labelled(_relabelled(triples, seed)) == (first, [])


def test_copies_of_one_structure_are_labelled_alike_and_quickly(glossary: Graph) -> None:
    """The issue's input: the glossary with its own blank structures given twice (our
    export fed back as --data) and reasoned. Canonical, no warning, within the bound."""
    from copro_kg import reason

    twice = Graph()
    for triple in glossary:
        twice.add(triple)
    for triple in _relabelled(list(glossary), 0):
        twice.add(triple)
    closure = list(reason(twice).closure)
    first, said = _labelled(closure)
    assert said == []
    assert _labelled(_relabelled(closure, 1)) == (first, [])


def test_past_the_bound_the_labels_follow_the_input_with_one_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The clique with almost no work allowed: the fallback breaks ties by input order,
    the same every time for the same input, and one warning says how many nodes."""
    monkeypatch.setattr(canonical, "WORK_BOUND", 10)
    triples = list(Graph().parse(POISON[-1], format="nt"))
    first, said = _labelled(triples)
    assert [str(w.message) for w in said] == [
        "10 blank nodes could not be told apart within the work bound"
    ]
    assert "labelled in input order" in said[0].action
    assert _labelled(list(triples))[0] == first
    assert isomorphic(_graph(sorted(first)), _graph(triples))


def test_the_cli_prints_the_fallback_as_one_warning_line(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(canonical, "WORK_BOUND", 10)
    data = tmp_path / "clique.nt"
    data.write_bytes(POISON[-1].read_bytes())
    out = tmp_path / "out.nt"
    result = run_cli("reason", "--no-cache", "--data", str(data), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    warned = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warned) == 1 and "could not be told apart" in warned[0]
    assert URIRef("http:/example.com/p") in {p for _, p, _ in Graph().parse(out)}
