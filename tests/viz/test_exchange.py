"""Writing a drawn graph: HTML, GraphML, GEXF, and refusing image names (issues 6, 8, 15)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from copro_kg.errors import InputError
from copro_kg.viz import exchange, html

HOSTILE_LABEL = "<img src=x onerror=alert(1)>"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_exchange_formats_keep_nodes_edges_and_attributes(
    hostile_graph: nx.MultiDiGraph, tmp_path: Path, fmt: str
) -> None:
    path = exchange.write_graph(hostile_graph, tmp_path / f"g.{fmt}", fmt)
    back = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert back.number_of_nodes() == hostile_graph.number_of_nodes()
    assert back.number_of_edges() == hostile_graph.number_of_edges()
    iri = "https://example.org/activities/hostile"
    assert back.nodes[iri]["label"] == HOSTILE_LABEL
    assert back.nodes[iri]["kind"] == "activity"


def test_unknown_format_writes_nothing(hostile_graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    target = tmp_path / "g.dot"
    with pytest.raises(InputError):
        exchange.write_graph(hostile_graph, target, "dot")
    assert not target.exists()


def test_failed_render_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "g.html"
    target.write_text("previous")

    def boom(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(html, "render_html", boom)
    with pytest.raises(RuntimeError):
        exchange.write_graph(nx.MultiDiGraph(), target)
    assert target.read_text() == "previous"
    assert list(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("name", ["out.jpg", "out.GIF", "out.pdf"])
def test_an_image_name_is_refused_naming_the_formats_we_write(name: str) -> None:
    # Issue 15: "`graph -o FILE.png` / `FILE.svg` writes a real image of the view ...
    # or refuses with a clear error naming the formats it can write; never HTML under
    # another name." (Issue 30: .svg and .png are written, tests/viz/test_svg.py.)
    for fmt in (None, "html"):
        with pytest.raises(InputError) as err:
            exchange.graph_format(name, fmt)
        assert all(s in str(err.value) for s in (".html", ".svg", ".png", ".graphml", ".gexf"))


def test_the_format_follows_the_name_or_must_agree_with_it() -> None:
    assert exchange.graph_format("g.graphml") == "graphml"
    assert exchange.graph_format("g.gexf") == "gexf"
    assert exchange.graph_format("page.htm") == "html"
    assert exchange.graph_format("export.xml", "graphml") == "graphml"
    with pytest.raises(InputError):
        exchange.graph_format("g.graphml", "html")  # a GraphML name with an HTML page
    with pytest.raises(InputError):
        exchange.graph_format("g.txt")  # no format named, none given
    with pytest.raises(InputError):
        exchange.graph_format("g.html", "dot")
