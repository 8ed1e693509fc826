"""``copro-kg notebooks`` copies the shipped notebooks out, and never over a user's edits."""

from __future__ import annotations

from pathlib import Path

from copro_kg.resources import NOTEBOOKS_DIR

from .conftest import RunCli


def test_the_notebooks_are_copied_into_the_folder(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    result = run_cli("notebooks", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    shipped = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))
    assert [p.name for p in sorted(target.iterdir())] == [p.name for p in shipped]
    for source in shipped:
        assert (target / source.name).read_bytes() == source.read_bytes()
    assert result.stderr.strip() == f"copied {len(shipped)} notebooks to {target}"
    again = run_cli("notebooks", "-o", str(target))  # the same files: nothing to protect
    assert again.exit_code == 0, again.stderr


def test_an_edited_notebook_is_not_overwritten(run_cli: RunCli, tmp_path: Path) -> None:
    edited = tmp_path / "01-tour.ipynb"
    edited.write_text("{}", encoding="utf-8")
    result = run_cli("notebooks", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "not overwritten" in result.stderr
    assert edited.read_text(encoding="utf-8") == "{}"
    assert not (tmp_path / "02-reasoning.ipynb").exists()  # refused before writing any
