"""The wheel carries the ontology, the query library and the notebooks, and works from any
folder (the wheel is built once per run: ``tests.conftest.wheel``)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from rdflib import Graph

from .conftest import REPO_ROOT


def test_wheel_contains_the_ontology_and_queries(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for ttl in sorted((REPO_ROOT / "ontology").glob("*.ttl")):
        assert f"copro_kg/_data/ontology/{ttl.name}" in names
    for rq in sorted((REPO_ROOT / "queries").glob("*.rq")):
        assert f"copro_kg/_data/queries/{rq.name}" in names
    # `copro-kg notebooks` copies these out of the installed package (issue 31).
    for notebook in sorted((REPO_ROOT / "notebooks").glob("*.ipynb")):
        assert f"copro_kg/_data/notebooks/{notebook.name}" in names
    assert "copro_kg/py.typed" in names
    # Releases ship too, so `copro-kg diff 0.1.0` works from an installed package.
    releases = REPO_ROOT / "releases"
    for path in [releases / "releases.json", *sorted(releases.glob("*/*.ttl"))]:
        assert f"copro_kg/_data/releases/{path.relative_to(releases).as_posix()}" in names
    # `copro-kg site` renders these from the installed package (importlib.resources).
    site_pkg = REPO_ROOT / "src" / "copro_kg"
    shipped = [*site_pkg.glob("site/templates/*.j2"), *site_pkg.glob("site/static/*")]
    shipped += [*site_pkg.glob("viz/templates/graph.*"), site_pkg / "checks" / "checks.toml"]
    assert len(shipped) > 10
    for path in shipped:
        assert f"copro_kg/{path.relative_to(site_pkg).as_posix()}" in names


def test_installed_wheel_reasons_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    code = (
        "import copro_kg, sys; print(copro_kg.__file__); "
        "sys.argv = ['copro-kg', 'reason', '-o', 'out.ttl']; "
        "from copro_kg.cli import main; main()"
    )
    diff = (
        "import sys; sys.argv = ['copro-kg', 'diff', '0.1.0', '0.1.0']; "
        "from copro_kg.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", diff], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and "No changes." in done.stdout, done.stderr
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(str(target))  # the wheel's copy, not the checkout
    assert len(Graph().parse(work / "out.ttl")) > 0


def test_make_demo_shows_progress_while_it_installs(tmp_path: Path) -> None:
    """Issue 18: "`make demo` is silent for about a minute while it installs: show progress".

    A dry run (``make -n``) against a venv that does not exist yet lists what a first run
    does: it must announce the install and let pip print one line per package (no ``-q``
    on the install of copro-kg itself).
    """
    venv = tmp_path / "venv"
    out = subprocess.run(
        ["make", "-n", "-C", str(REPO_ROOT), f"VENV={venv}", f"BUILD={tmp_path / 'b'}", "demo"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "==> creating" in out and "(about a minute)" in out
    install = [
        line
        for line in out.splitlines()
        if line.startswith(f"{venv}/bin/python -m pip install") and " -e '" in line
    ]
    assert install, out
    assert all(" -q " not in line for line in install)
    assert all("Collecting" in line for line in install)  # pip's per-package lines are shown
