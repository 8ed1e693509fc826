"""Graphs shared by the viz tests: the mini spectrum, the shipped glossary, hostile text."""

from __future__ import annotations

import networkx as nx
import pytest
from rdflib import Graph

from copro_kg import reasoning
from copro_kg.io import sources as loading
from copro_kg.viz import convert
from tests.conftest import DATA_DIR

GRAPH_DATA = DATA_DIR / "graph"
C = "https://w3id.org/copro-kg/"
EX = "https://example.org/activities/"


def merged(sources: list[loading.Source]) -> Graph:
    graph = Graph()
    for source in sources:
        graph += source.graph
    return graph


@pytest.fixture(scope="session")
def mini_sources() -> list[loading.Source]:
    return loading.load_sources(
        [GRAPH_DATA / "mini-spectrum.ttl", GRAPH_DATA / "activities.ttl"], ontology=False
    )


@pytest.fixture(scope="session")
def mini(mini_sources: list[loading.Source]) -> nx.MultiDiGraph:
    """tests/data/graph: a few terms of the glossary's spectrum and cycle, two activities."""
    return convert.to_networkx(
        reasoning.reason(merged(mini_sources)), origin=convert.origin_from(mini_sources)
    )


@pytest.fixture(scope="session")
def shipped() -> nx.MultiDiGraph:
    """The shipped glossary plus the user's activities of tests/data/graph/activities.ttl."""
    sources = loading.load_sources([GRAPH_DATA / "activities.ttl"])
    return convert.to_networkx(
        reasoning.reason(merged(sources)),
        origin=convert.origin_from(sources),
        shipped=convert.shipped_from(sources),
    )


@pytest.fixture(scope="session")
def hostile_graph() -> nx.MultiDiGraph:
    files = [GRAPH_DATA / n for n in ("mini-spectrum.ttl", "activities.ttl", "hostile.ttl")]
    return convert.to_networkx(reasoning.reason(loading.load(files, ontology=False)))
