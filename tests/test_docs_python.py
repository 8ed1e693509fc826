"""Every Python example in README.md and docs/*.md runs, warning-free, after ``pip install``.

Issue 31: the README, the analyst guide and docs/querying.md printed DeprecationWarnings and
used three import paths. Here each ```` ```python ```` block is run as a script by the Python
of a fresh environment holding copro-kg's wheel (``tests.conftest.installed_python``), with
``-W error`` (any warning fails it), in a temporary folder holding the files the docs define
(``<!-- file: NAME -->``, as tests/test_docs.py reads them). A block followed by a
```` ```text ```` block shows its output: what the script prints must be exactly that.

Examples that talk to ``copro-kg serve`` at ``127.0.0.1:8000`` (SPARQLWrapper) get a real
server of the installed package on a free loopback port instead.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import REPO_ROOT
from .public_api import strays_from_the_public_api
from .test_docs import DOCS, FILES, _free_port, _stop, _wait_for

SERVE_SHOWN = "127.0.0.1:8000"  # the address the docs show for `copro-kg serve`


@dataclass(frozen=True)
class Snippet:
    doc: str
    line: int
    source: str
    output: str | None

    @property
    def id(self) -> str:
        return f"{self.doc}:{self.line}"


def snippets(path: Path) -> list[Snippet]:
    """The ```python blocks of ``path``, each with the ```text block after it, if any."""
    doc = path.relative_to(REPO_ROOT).as_posix()
    text = path.read_text(encoding="utf-8")
    blocks = list(re.finditer(r"^```(\w*)\n(.*?)^```\n", text, re.M | re.S))
    found = []
    for i, block in enumerate(blocks):
        if block.group(1) != "python":
            continue
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        shows = (
            after is not None
            and after.group(1) == "text"
            and not text[block.end() : after.start()].strip()
        )
        line = text.count("\n", 0, block.start()) + 2
        found.append(Snippet(doc, line, block.group(2), after.group(2) if shows else None))
    return found


SNIPPETS = [s for path in DOCS for s in snippets(path)]


def test_the_docs_show_python() -> None:
    """The README and the two query guides each show Python (so this file tests something)."""
    assert {"README.md", "docs/guide-analyst.md", "docs/querying.md"} <= {s.doc for s in SNIPPETS}


@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_python_example_uses_the_one_import_path(snippet: Snippet) -> None:
    assert strays_from_the_public_api(snippet.source) == []


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The examples' working folder, with the files the docs define."""
    where = tmp_path_factory.mktemp("docs-python")
    for name, content in FILES.items():
        (where / name).write_text(content, encoding="utf-8")
    return where


@pytest.fixture(scope="module")
def endpoint(installed_python: Path, folder: Path) -> Iterator[str]:
    """``host:port`` of the installed ``copro-kg serve`` on a free loopback port."""
    port = _free_port()
    process = subprocess.Popen(
        [str(installed_python.parent / "copro-kg"), "serve", "--port", str(port)],
        cwd=folder,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/sparql?query=ASK%7B%7D", process)
        yield f"127.0.0.1:{port}"
    finally:
        _stop(process)


@pytest.mark.slow
@pytest.mark.parametrize("snippet", SNIPPETS, ids=lambda s: s.id)
def test_python_example_runs_without_a_warning(
    snippet: Snippet, installed_python: Path, folder: Path, request: pytest.FixtureRequest
) -> None:
    source = snippet.source
    if SERVE_SHOWN in source:
        source = source.replace(SERVE_SHOWN, request.getfixturevalue("endpoint"))
    env = {**os.environ, "MPLBACKEND": "Agg", "PYTHONWARNINGS": "error"}
    ran = subprocess.run(
        [str(installed_python), "-W", "error", "-c", source],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert ran.returncode == 0, f"{snippet.id}:\n{ran.stderr[-3000:]}"
    assert ran.stderr == "", f"{snippet.id} wrote to stderr:\n{ran.stderr[-3000:]}"
    if snippet.output is not None:
        shown = [line.rstrip() for line in snippet.output.rstrip("\n").splitlines()]
        printed = [line.rstrip() for line in ran.stdout.rstrip("\n").splitlines()]
        assert printed == shown, f"{snippet.id}: the docs show other output:\n{ran.stdout}"
