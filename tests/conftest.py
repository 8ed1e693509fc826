"""Shared fixtures: the CLI runner, the shipped graph, and the tool-availability rule.

Expensive graphs are session-scoped (built once per run). Every test writes only to
``tmp_path``; nothing depends on the working directory.
"""

from __future__ import annotations

import gc
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner
from rdflib import Graph

import copro_kg
from copro_kg.cli import GC_THRESHOLDS, main

DATA_DIR = Path(__file__).parent / "data"
REPO_ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = REPO_ROOT.parent / "shared" / "seed" / "000_8eebf658e99daeac.txt"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# The longest modules, longest first (`--durations` of a 2-worker run, issue 29). Under
# `make test` (xdist, --dist loadfile --no-loadscope-reorder) each module goes whole to the
# next free worker in collection order: starting with these lets the many short modules fill
# in at the end, so both workers finish together instead of one running a long module
# alone. Scheduling only: a module missing here just runs in its usual place.
LONGEST_MODULES = (
    "tests/test_site_browser.py",
    "tests/test_pipeline.py",
    "tests/test_reasoning_base.py",
    "tests/test_docs.py",
    "tests/engine/test_snapshot.py",
    "tests/test_site_pictures_browser.py",
    "tests/test_export_jena.py",
    "tests/test_site_citation.py",
    "tests/test_site_ask_browser.py",
    "tests/test_determinism.py",
    "tests/test_site_workshop_browser.py",
    "tests/test_ontology.py",
    "tests/test_export_tools.py",
)


def pytest_configure(config: pytest.Config) -> None:
    """The test processes collect garbage as the ``copro-kg`` command does
    (:data:`copro_kg.cli.GC_THRESHOLDS`): a test process holds every session and module
    fixture's graphs, and CPython's default thresholds walked that heap so often that the
    collector took about a seventh of the suite's CPU time."""
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist, run the longest modules first (see LONGEST_MODULES); each module's own
    order is kept. A one-process run keeps the plain collection order."""
    if not hasattr(config, "workerinput"):
        return
    rank = {name: i for i, name in enumerate(LONGEST_MODULES)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::")[0], len(rank)))


def shared_file(path: Path) -> str:
    """Text of a file from ``../shared`` (the glossary's source text, the domain notes).

    A user's fresh clone has no ``../shared`` beside it: there the test skips with one clear
    reason. CI provides it, so under ``CI=true`` its absence fails instead.
    """
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{path} is missing: CI must provide ../shared next to the clone")
        pytest.skip(f"needs the glossary's source text: {path} is not beside this clone")
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The glossary's source text (``../shared/seed``), the truth tests quote."""
    return shared_file(SEED_TEXT)


@pytest.fixture(scope="session")
def in_glossary(seed_text: str) -> Callable[[str], bool]:
    """Whether a sentence stands in the glossary, whitespace folded (the PDF broke lines)."""
    flat = " ".join(seed_text.split())
    return lambda sentence: " ".join(sentence.split()) in flat


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the reasoner's on-disk cache out of the real user cache folder.

    One folder for the whole run, so tests still share cached closures (as users do). Under
    pytest-xdist (``make test``) the workers share it too: their base folders sit in one
    folder of the run, and the cache is written for many processes (atomic entries, stores
    renamed into place), as several ``copro-kg`` commands of one user share theirs.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, one per `pytest -n` run
    cache = base / "copro-kg-cache"
    cache.mkdir(exist_ok=True)
    os.environ["COPRO_KG_CACHE_DIR"] = str(cache)


@dataclass
class CliResult:
    """What one in-process ``copro-kg`` run produced."""

    exit_code: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli() -> RunCli:
    """Run ``copro-kg ARGS`` in-process through ``cli.main`` (with its error mapping).

    For example, ``run_cli("reason", "--data", "missing.ttl")`` returns a result whose
    ``exit_code`` is 2 and whose ``stderr`` is one ``error: file not found ...`` line.
    """

    def invoke(*args: str, input: bytes | str | None = None) -> CliResult:
        runner = CliRunner()
        code = 0
        with runner.isolation(input=input) as streams:
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            out, err = streams[0].getvalue(), streams[1].getvalue()
        return CliResult(code, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), out)

    return invoke


@pytest.fixture(scope="session")
def glossary() -> Graph:
    """The shipped glossary graph, asserted triples only (do not modify)."""
    return copro_kg.load()


@pytest.fixture(scope="session")
def owlrl_glossary(glossary: Graph) -> Graph:
    """owlrl's OWL 2 RL closure of the shipped glossary, the reference our engine and the
    ontology's own tests are checked against (about 4 s: once per session; do not modify)."""
    from copro_kg.reasoning.owlrl import closure

    return closure(glossary)[0]


HOSTILE_FILE = DATA_DIR / "site" / "hostile.ttl"
"""A user file whose labels and notes are markup and script (the site's escaping tests)."""


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped glossary plus :data:`HOSTILE_FILE`, every page and picture.

    Built once per run (once per worker under pytest-xdist) for the modules that read it
    (test_site_ask, test_site_graphs, test_site_browser); none of them changes it.
    """
    from copro_kg.site import build_site

    out = tmp_path_factory.mktemp("hostile-site") / "site"
    build_site(copro_kg.load([HOSTILE_FILE]), out)
    return out


@pytest.fixture(scope="session")
def hostile_site_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """:func:`hostile_site` without the graph pictures (test_site, test_site_ask_browser)."""
    from copro_kg.site import build_site

    out = tmp_path_factory.mktemp("hostile-pages") / "site"
    build_site(copro_kg.load([HOSTILE_FILE]), out, graphs=False)
    return out


FEEDBACK_URL = "https://feedback.example.org/glossary"
"""The address :func:`glossary_site`'s term pages link for suggesting a change."""


@pytest.fixture(scope="session")
def glossary_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the shipped glossary, every page and picture, with
    :data:`FEEDBACK_URL` as its feedback address (``copro-kg site --feedback-url``).

    Built once per run (once per worker under pytest-xdist) for the browser modules that
    open it (test_site_workshop_browser, test_site_pictures_browser,
    viz/test_legibility_browser); none of them changes it.
    """
    from copro_kg.site import build_site

    out = tmp_path_factory.mktemp("glossary-site") / "site"
    build_site(copro_kg.load(), out, feedback_url=FEEDBACK_URL)
    return out


def require_tool(name: str, path: str | None = None) -> str:
    """The path of an external tool; skip without it locally, fail without it in CI.

    CI installs every tool the suite needs (``make test``), so a missing one there is a
    broken setup, never a reason to skip silently.
    """
    found = path if path and Path(path).exists() else shutil.which(name)
    if found:
        return found
    message = f"{name} is not installed (make test installs it)"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


PIP = (sys.executable, "-m", "pip")


@pytest.fixture(scope="session")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """copro-kg's wheel, built once per run from this checkout (hatchling, no download)."""
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    return next(out.glob("copro_kg-*.whl"))


@pytest.fixture(scope="session")
def installed_python(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """The Python of a new virtual environment with copro-kg installed from :func:`wheel`,
    as ``pip install copro-kg`` leaves it: the ontology, queries and notebooks come from
    the installed package, never from this checkout.

    Its dependencies (rdflib, pandas, ipykernel ...) are this interpreter's, reached by one
    ``.pth`` line, so nothing is downloaded; the checkout's editable install is not on
    that path (its own ``.pth`` file is read only in its own environment).
    """
    venv = tmp_path_factory.mktemp("installed") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    installed = subprocess.run(
        [*PIP, "-q", "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    deps = sysconfig.get_paths()["purelib"]
    (Path(site) / "zz_copro_kg_test_dependencies.pth").write_text(deps + "\n", encoding="utf-8")
    where = subprocess.run(
        [str(python), "-c", "import copro_kg; print(copro_kg.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert where.startswith(site), f"copro_kg imported from {where}, not the installed wheel"
    return python


CHROMIUM = "/usr/bin/chromium-headless-shell"
"""The browser the browser tests drive: Debian's ``chromium-headless-shell``, Chromium's
own headless browser (the same Blink and V8 as ``chromium``, of the same Debian version,
without the desktop browser around them). It is what Playwright runs for a headless
Chromium and what Puppeteer calls "more performant for automation tasks"
(pptr.dev/guides/headless-modes): here the browser tests take about 30 % less CPU with it
(193 -> 133 s for the six browser modules, the machine's busy time, issue 29)."""

FULL_CHROMIUM = "/usr/bin/chromium"
"""Debian's desktop Chromium, which a reader of the site opens: the journeys through the
site run in it too (``full_browser``), so a difference between the two browsers cannot
hide a fault a reader would meet."""

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
"""The flags that keep either browser from reaching out on a closed network."""


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium (:data:`CHROMIUM`) for the whole run, driven by Playwright.

    Playwright's sync API allows one running instance per process, so every browser test
    shares this one (each test opens its own context or page).
    """
    executable = require_tool("chromium-headless-shell", CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def full_browser(browser: Any) -> Iterator[Any]:
    """Debian's desktop Chromium (:data:`FULL_CHROMIUM`), headless, for the journeys a
    reader takes; started from the same Playwright instance as :func:`browser`."""
    executable = require_tool("chromium", FULL_CHROMIUM)
    launched = browser.browser_type.launch(executable_path=executable, args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()


def load_script(relative: str) -> ModuleType:
    """Import a file of the repository that is not in the package (``scripts/x.py``,
    ``benchmarks/x.py``) as a module, so tests use its functions directly."""
    path = REPO_ROOT / relative
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses in the module look themselves up here
    spec.loader.exec_module(module)
    return module


def lines(text: str) -> Sequence[str]:
    """Non-empty lines of ``text``."""
    return [line for line in text.splitlines() if line.strip()]


def established_connections(port: int) -> int:
    """Established TCP connections to 127.0.0.1:``port`` (the server's side, from Linux's
    /proc/net/tcp): a test waits for its requests to be in, not for a fixed time."""
    wanted = f"0100007F:{port:04X}"
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        count += fields[1] == wanted and fields[3] == "01"
    return count
