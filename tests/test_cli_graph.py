"""``copro-kg graph`` end to end on the shipped glossary (issue 6; issue 8 bad input)."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

from .conftest import DATA_DIR, RunCli


def test_spectrum_view_writes_one_offline_page(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "spectrum.html"
    result = run_cli("graph", "-o", str(out), "--view", "spectrum")
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    # Glossary figure: "doing to doing for doing with" and consultation's example.
    assert "Engagement as a spectrum" in html
    assert "FixMyStreet" in html
    assert "https://cdn" not in html


def test_unknown_focus_term_exits_2_with_suggestions(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "focus.html"
    result = run_cli("graph", "-o", str(out), "--focus", "co-desing")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "did you mean" in lines[0] and "co-design" in lines[0].lower()
    assert not out.exists()


def test_graphml_export_and_no_inferred(run_cli: RunCli, tmp_path: Path) -> None:
    full, asserted = tmp_path / "full.graphml", tmp_path / "asserted.graphml"
    assert run_cli("graph", "-o", str(full)).exit_code == 0
    assert run_cli("graph", "-o", str(asserted), "--no-inferred").exit_code == 0
    g = nx.read_graphml(full, force_multigraph=True)
    a = nx.read_graphml(asserted, force_multigraph=True)
    assert any(d["inferred"] for *_, d in g.edges(data=True))
    assert not any(d["inferred"] for *_, d in a.edges(data=True))
    assert g.number_of_nodes() == a.number_of_nodes()


def test_focus_draws_the_neighbourhood(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "co-design.gexf"
    result = run_cli("graph", "-o", str(out), "--focus", "co-design", "--depth", "1")
    assert result.exit_code == 0, result.stderr
    g = nx.read_gexf(out)
    labels = {d.get("label", "").lower() for _, d in g.nodes(data=True)}
    # Glossary: "Co-design is a component part of a co-production process".
    assert {"co-design", "co-production"} <= labels


def test_include_draws_hidden_parts_and_rejects_unknown_ones(
    run_cli: RunCli, tmp_path: Path
) -> None:
    default, more = tmp_path / "default.graphml", tmp_path / "more.graphml"
    result = run_cli("graph", "-o", str(default))
    assert result.exit_code == 0, result.stderr
    assert "not shown:" in result.stderr and "criteria" in result.stderr
    assert run_cli("graph", "-o", str(more), "--include", "criteria,classes").exit_code == 0
    kinds = {d["kind"] for _, d in nx.read_graphml(more, force_multigraph=True).nodes(data=True)}
    assert {"criterion", "class"} <= kinds
    default_kinds = {
        d["kind"] for _, d in nx.read_graphml(default, force_multigraph=True).nodes(data=True)
    }
    assert default_kinds.isdisjoint({"criterion", "class", "feature", "distinction"})
    bad = run_cli("graph", "-o", str(tmp_path / "x.html"), "--include", "colours")
    assert bad.exit_code == 2
    assert bad.stderr.strip().startswith("error: ") and "colours" in bad.stderr


@pytest.mark.parametrize("name", ["out.jpg", "out.pdf"])
def test_an_image_name_we_cannot_write_is_refused_not_filled_with_html(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    # Issue 15: "`graph -o FILE.png` / `FILE.svg` writes a real image of the view ... or
    # refuses with a clear error naming the formats it can write; never HTML under
    # another name." (Issue 30: .svg and .png are written.)
    out = tmp_path / name
    result = run_cli("graph", "-o", str(out), "--view", "spectrum")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert all(fmt in lines[0] for fmt in (".html", ".svg", ".png", ".graphml", ".gexf"))
    assert not out.exists()


def test_svg_and_png_pictures_are_written_without_a_browser(
    run_cli: RunCli, tmp_path: Path
) -> None:
    # Issue 30: "`copro-kg graph --view VIEW -o FILE.svg` and `.png` write a static
    # picture ... with a caption naming the source and the version; no browser needed."
    from copro_kg._version import __version__

    svg, png = tmp_path / "spectrum.svg", tmp_path / "spectrum.png"
    assert run_cli("graph", "-o", str(svg), "--view", "spectrum").exit_code == 0
    text = svg.read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert "Co-production Network for Wales" in text and f"copro-kg {__version__}" in text
    result = run_cli("graph", "-o", str(png), "--view", "cycle")
    assert result.exit_code == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_caption_says_who_states_the_solid_lines(run_cli: RunCli, tmp_path: Path) -> None:
    # Issue 25: the user's own links (tests/data/graph/activities.ttl) are stated in their
    # data, not in the glossary; the caption names each kind of line drawn, and no other.
    activities = DATA_DIR / "graph" / "activities.ttl"
    mine, glossary = tmp_path / "mine.svg", tmp_path / "glossary.svg"
    result = run_cli("graph", "-o", str(mine), "--view", "spectrum", "--data", str(activities))
    assert result.exit_code == 0, result.stderr
    assert "in your data" in mine.read_text(encoding="utf-8")
    assert run_cli("graph", "-o", str(glossary), "--view", "spectrum").exit_code == 0
    text = glossary.read_text(encoding="utf-8")
    assert "Solid: stated in the glossary" in text and "in your data" not in text
