"""The command frame: help, version, exit codes and the one-line error convention."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

import copro_kg
import copro_kg.cli
from copro_kg.cli import COMMANDS

from .conftest import RunCli, lines

# The subcommands the foundation issue (#2) names; later issues fill them in.
PLANNED = [
    "reason",
    "check",
    "explain",
    "classify",
    "query",
    "serve",
    "publish",
    "graph",
    "export",
    "docs",
]


def test_help_lists_every_subcommand_with_a_description(run_cli: RunCli) -> None:
    result = run_cli("--help")
    assert result.exit_code == 0
    for name in PLANNED:
        line = next(row for row in result.stdout.splitlines() if row.strip().startswith(name + " "))
        assert len(line.split(None, 1)[1]) > 10, line


def test_version(run_cli: RunCli) -> None:
    result = run_cli("--version")
    assert result.exit_code == 0
    assert copro_kg.__version__ in result.stdout


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(run_cli: RunCli, name: str) -> None:
    result = run_cli(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert "Example" in result.stdout, f"{name} --help has no Example block"


def test_unknown_option_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("reason", "--no-such-option")
    assert result.exit_code == 2
    assert len(lines(result.stderr)) == 1
    assert result.stderr.startswith("error: No such option")


def test_unknown_command_is_a_usage_error(run_cli: RunCli) -> None:
    result = run_cli("frobnicate")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: No such command")


def test_reason_writes_a_parseable_file(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = run_cli("reason", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    written = Graph().parse(out, format="turtle")
    assert len(written) >= len(copro_kg.load())


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    args = [
        sys.executable,
        "-m",
        "copro_kg",
        "--debug",
        "reason",
        "--data",
        str(tmp_path / "x.ttl"),
    ]
    result = subprocess.run(args, capture_output=True, text=True, cwd=tmp_path, check=False)
    assert result.returncode != 0
    assert "Traceback" in result.stderr


def test_help_imports_neither_owlrl_nor_pyvis() -> None:
    code = (
        "import sys; from copro_kg.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('owlrl', 'pyvis', 'pyshacl') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_command_collects_garbage_with_its_own_thresholds() -> None:
    """``copro-kg`` sets :data:`copro_kg.cli.GC_THRESHOLDS` for its process."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # CPython's default
    try:
        with pytest.raises(SystemExit) as exit_:
            copro_kg.cli.main(["--version"])
        assert exit_.value.code == 0
        assert gc.get_threshold() == copro_kg.cli.GC_THRESHOLDS != (700, 10, 10)
    finally:
        gc.set_threshold(*before)


def test_the_library_leaves_the_host_applications_collector_alone() -> None:
    code = "import gc, copro_kg, copro_kg.cli, copro_kg.pipeline; print(gc.get_threshold())"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert shown.stdout.strip() == "(700, 10, 10)", shown.stderr  # CPython's default
