"""How a check is declared, and the one context every check of a run reads from.

A check is a :class:`Check`: its :class:`~copro_kg.checks.model.CheckInfo` (id, title,
where the name comes from) and a function from a :class:`CheckContext` to findings. Each
family module (:mod:`copro_kg.checks.owl`, :mod:`~copro_kg.checks.shacl`, the
:mod:`~copro_kg.checks.skos` modules) lists its checks in a ``CHECKS`` tuple, and
:mod:`copro_kg.checks` names those modules in one explicit tuple: nothing registers
itself by being imported, so what runs, and in which order, is read in one place.

>>> from rdflib import Graph
>>> @as_check(CheckInfo("empty", "Empty graph", "skos", "ours", "asserted", "No triples."))
... def empty(context):
...     return [] if len(context.graph) else [Finding("empty", "error", "No triples.")]
>>> [f.message for f in empty(CheckContext(Graph()))]
['No triples.']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from copro_kg.checks.model import CheckInfo, Finding

if TYPE_CHECKING:
    from copro_kg.reasoning.result import Reasoning

__all__ = ["PROFILES", "Check", "CheckContext", "CheckFunction", "as_check"]

PROFILES: tuple[str, ...] = ("all", "skos", "owl", "shacl")
"""The values of ``check(profile=...)`` and ``copro-kg check --profile``."""


@dataclass
class CheckContext:
    """The graph under check and its reasoning result, shared by every check of a run.

    Pass ``reasoning`` when it is at hand (``copro-kg check`` passes the pipeline's cached
    result, so a warm run never starts the engine); otherwise it is made on first use by
    ``reasoner`` (default :func:`copro_kg.reasoning.reason`) and kept.

    Attributes:
        graph: the asserted triples under check.
        reasoner: makes the reasoning result when ``reasoning`` is not given.
        shapes: the SHACL shapes (default ``ontology/shapes.ttl``).
        profile: the profile of the run (``all`` lets the SKOS checks report SKOS clashes).
        memo: results shared between checks of one run (the SKOS view, the OWL findings).
        reasoning: the reasoning result of ``graph``, given or made once.
    """

    graph: Graph
    reasoner: Callable[[Graph], Reasoning] | None = None
    shapes: Graph | None = None
    profile: str = "all"
    memo: dict[str, Any] = field(default_factory=dict)
    reasoning: Reasoning | None = None

    @property
    def reasoned(self) -> Reasoning:
        """The reasoning result (the one given, else computed on first use, then kept)."""
        if self.reasoning is None:
            reasoner = self.reasoner
            if reasoner is None:
                # Lazy: the engine loads only when a check needs the closure.
                from copro_kg.reasoning import reason

                reasoner = reason
            self.reasoning = reasoner(self.graph)
        return self.reasoning


CheckFunction = Callable[[CheckContext], Iterable[Finding]]


@dataclass(frozen=True)
class Check:
    """One check: what it is (``info``) and the function that runs it."""

    info: CheckInfo
    run: CheckFunction

    def __call__(self, context: CheckContext) -> list[Finding]:
        """Run the check over ``context``."""
        return list(self.run(context))


def as_check(info: CheckInfo) -> Callable[[CheckFunction], Check]:
    """Decorator: make a check function a :class:`Check` described by ``info``."""

    def make(run: CheckFunction) -> Check:
        return Check(info, run)

    return make
