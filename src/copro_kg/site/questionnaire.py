"""placeholder, replaced below"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph


@dataclass
class Questionnaire:
    questions: list[Any] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def build_questionnaire(graph: Graph, result: Any, *, reasoner: Any) -> Questionnaire:
    return Questionnaire()
