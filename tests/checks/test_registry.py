"""``copro_kg.checks.registry`` and the explicit list of check families."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Graph

import copro_kg
from copro_kg import checks
from copro_kg.checks.model import CheckInfo, Finding
from copro_kg.checks.registry import CheckContext
from copro_kg.reasoning import Reasoning, reason


def test_every_check_comes_from_one_listed_family() -> None:
    listed = [c.info.id for module in checks.CHECK_MODULES for c in module.CHECKS]
    assert len(listed) == len(set(listed))
    assert [i for i in checks.CHECKS if i in listed] == listed
    for module in checks.CHECK_MODULES:
        family = module.__name__.rsplit(".", 1)[-1]
        assert {c.info.profile for c in module.CHECKS} == {family}


def test_a_given_reasoning_is_used_not_made_again() -> None:
    """A warm `copro-kg check` passes the cached result: the engine must not run again."""
    graph = copro_kg.load()
    done = reason(graph)

    def never(_: Graph) -> Reasoning:
        raise AssertionError("the checks reasoned again")

    report = checks.check(graph, profile="owl", reasoning=done, reasoner=never)
    assert report.ok


def test_reasoning_is_made_once_per_run() -> None:
    graph = copro_kg.load()
    calls: list[int] = []

    def counting(g: Graph) -> Reasoning:
        calls.append(1)
        return reason(g)

    context = CheckContext(graph, reasoner=counting)
    assert context.reasoned is context.reasoned
    assert calls == [1]


def test_register_adds_a_project_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "CHECKS", dict(checks.CHECKS))
    info = CheckInfo("no-triples", "Empty graph", "skos", "ours", "asserted", "No triples.")

    @checks.register(info)
    def empty(context: CheckContext) -> Iterator[Finding]:
        if not len(context.graph):
            yield Finding("no-triples", "error", "The graph has no triples.")

    report = checks.check(Graph(), profile="skos", exceptions=[])
    assert [f.check for f in report.failures] == ["no-triples"]
