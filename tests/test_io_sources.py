"""io.sources: files a user cannot read are input errors that name them (issue 14).

A clone in a folder other users cannot enter (``mktemp -d`` makes it 0700) left the
shipped ontology unreadable for them: listing ``ontology/`` raised ``PermissionError``
and the CLI said "internal error" (exit 3). Root is not stopped by file modes, so the
checks run in a forked child that drops to the unprivileged user ``nobody`` when root.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from rdflib import Graph

from copro_kg.errors import CoproError, InputError
from copro_kg.io.sources import load, load_sources, merge

NOBODY = 65534


def outcome_as_nobody(action: Callable[[], object]) -> str:
    """Run ``action`` in a forked child (as ``nobody`` when root); its error or "ok"."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read_end)
        message = "ok"
        try:
            if os.geteuid() == 0:
                os.setgroups([])
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            action()
        except CoproError as err:
            message = f"{type(err).__name__}: {err}"
        except BaseException as err:
            message = f"crash: {err!r}"
        finally:
            os.write(write_end, message.encode("utf-8"))
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        text = fh.read().decode("utf-8")
    os.waitpid(pid, 0)
    return text


@pytest.fixture
def locked_ontology(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An ``ontology/`` folder inside a folder no one but root may enter (as mktemp -d)."""
    outer = Path(tempfile.mkdtemp(prefix="copro-kg-locked-"))
    folder = outer / "ontology"
    folder.mkdir()
    (folder / "copro.ttl").write_text("<http://example.org/a> <http://example.org/b> 1 .\n")
    outer.chmod(0)
    monkeypatch.setattr("copro_kg.resources.ONTOLOGY_DIR", folder)
    try:
        yield folder
    finally:
        outer.chmod(stat.S_IRWXU)
        shutil.rmtree(outer)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and fork")
def test_unreadable_ontology_folder_is_an_input_error_naming_it(locked_ontology: Path) -> None:
    assert outcome_as_nobody(load) == (
        f"InputError: cannot read the shipped ontology: permission denied ({locked_ontology})"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions and fork")
def test_the_users_unreadable_file_is_reported_before_the_shipped_ontology(
    locked_ontology: Path,
) -> None:
    """The user can fix their own file; that error must not hide behind ours."""
    folder = Path(tempfile.mkdtemp(prefix="copro-kg-perm-"))
    folder.chmod(0o755)
    mine = folder / "mine.ttl"
    mine.write_text("<http://example.org/a> <http://example.org/b> 2 .\n")
    mine.chmod(0)
    try:
        assert outcome_as_nobody(lambda: load([mine])) == (
            f"InputError: cannot read the file: permission denied ({mine})"
        )
    finally:
        shutil.rmtree(folder)


def test_sources_keep_the_shipped_files_first(tmp_path: Path) -> None:
    mine = tmp_path / "mine.nt"
    mine.write_text('<http://example.org/a> <http://example.org/b> "c" .\n', encoding="utf-8")
    sources = load_sources([mine])
    assert [s.shipped for s in sources] == [True] * (len(sources) - 1) + [False]
    assert sources[-1].path == mine


def test_merge_keeps_our_prefixes_and_adds_the_users(tmp_path: Path) -> None:
    mine = tmp_path / "mine.ttl"
    mine.write_text(
        "@prefix my: <http://example.org/my#> .\n"
        "@prefix skos: <http://example.org/not-skos#> .\n"
        "my:a my:b my:c .\n",
        encoding="utf-8",
    )
    merged = merge(load_sources([mine]))
    prefixes = {p: str(ns) for p, ns in merged.namespaces()}
    assert prefixes["my"] == "http://example.org/my#"
    assert prefixes["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert isinstance(merged, Graph)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        load([tmp_path / "nope.ttl"], ontology=False)
