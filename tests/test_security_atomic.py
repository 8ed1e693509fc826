"""Nothing lost: a write that fails midway leaves the previous output intact.

Issue 8, "Nothing lost": "Every file the tool writes is written atomically; an
interrupted or failed export/reason leaves the previous output intact (tested by making
the write fail midway). The cache can be deleted at any time without harm, and a
corrupted cache entry is detected (hash) and rebuilt, not used."

The write is made to fail for real: the command runs in a forked child whose file-size
limit (``RLIMIT_FSIZE``) is smaller than its output, so the kernel refuses the write
partway through (``EFBIG``), as a full disk would. A command that wrote its output in
place would leave a truncated file; an atomic one leaves the old file byte-for-byte.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from rdflib import Graph

from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic

from .conftest import lines
from .forked_cli import run_forked

PREVIOUS = b"previous output: must survive a failed write\n"
LIMIT = 4096  # bytes; every output below is far larger


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("reasoned.ttl", ["reason", "--no-cache"]),
        ("skos.ttl", ["export", "--profile", "skos"]),
        ("graph.html", ["graph", "--view", "all"]),
        ("answers.csv", ["query", "-e", "SELECT * WHERE { ?s ?p ?o }", "--no-reason"]),
    ],
    ids=["reason", "export", "graph", "query"],
)
def test_write_failing_midway_keeps_the_previous_output(
    tmp_path: Path, name: str, args: list[str]
) -> None:
    out = tmp_path / "out" / name
    out.parent.mkdir()
    out.write_bytes(PREVIOUS)
    result = run_forked(
        [*args, "-o", str(out)],
        max_file_bytes=LIMIT,
        env={"COPRO_KG_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert result.exit_code == 2, result.stderr
    errors = [line for line in lines(result.stderr) if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "cannot write" in errors[0] and str(out) in errors[0]
    assert "Traceback" not in result.stderr
    assert out.read_bytes() == PREVIOUS
    assert [p.name for p in out.parent.iterdir()] == [name]  # no temporary file left


def test_the_limit_really_fails_a_plain_write(tmp_path: Path) -> None:
    """Control: the same limit truncates a file written in place (what we guard against)."""
    target = tmp_path / "plain.txt"
    target.write_bytes(PREVIOUS)
    pid = os.fork()
    if pid == 0:
        import resource
        import signal

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))
        try:
            with open(target, "wb") as fh:
                fh.write(b"x" * (LIMIT * 4))
        except OSError:
            os._exit(0)
        os._exit(1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0  # the write failed midway ...
    assert target.read_bytes() != PREVIOUS  # ... and the old content is gone


def test_failing_writer_callback_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.ttl"
    target.write_bytes(PREVIOUS)

    def half_then_fail(fh: object) -> None:
        fh.write(b"half of the new file")  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    with pytest.raises(InputError, match="No space left on device"):
        write_atomic(target, half_then_fail)
    assert target.read_bytes() == PREVIOUS
    assert [p.name for p in tmp_path.iterdir()] == ["a.ttl"]


def test_new_files_are_readable_like_normal_files(tmp_path: Path) -> None:
    """mkstemp makes 0600 files; an atomic write must not make outputs private
    (a site or a graph page served by a web server would become unreadable)."""
    mask = os.umask(0o022)
    os.umask(mask)
    path = write_atomic(tmp_path / "new.html", "<p>hi</p>")
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
    path.chmod(0o640)
    write_atomic(path, "<p>again</p>")
    assert path.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode


# --- the reasoning cache (ENGINE's caching.py) ------------------------------------------


def _reason(run_cli: object, out: Path) -> bytes:
    result = run_cli("reason", "-o", str(out))  # type: ignore[operator]
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def test_cache_can_be_deleted_at_any_time(
    run_cli: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(cache))
    first = _reason(run_cli, tmp_path / "a.ttl")
    assert any(cache.rglob("*")), "the first run should have filled the cache"
    for entry in sorted(cache.rglob("*"), reverse=True):
        entry.unlink() if entry.is_file() else entry.rmdir()
    cache.rmdir()
    second = _reason(run_cli, tmp_path / "b.ttl")
    assert (
        Graph()
        .parse(data=first, format="turtle")
        .isomorphic(Graph().parse(data=second, format="turtle"))
    )


def test_corrupted_cache_entry_is_detected_and_rebuilt(
    run_cli: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Flip content inside a cache entry: the hash no longer matches, so the entry is
    not used (the output is still the right closure) and is written again, valid."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(cache))
    first = _reason(run_cli, tmp_path / "a.ttl")
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries
    for entry in entries:
        raw = entry.read_bytes()
        # Corrupt the body but keep it well-formed JSON-ish: swap two IRIs' characters.
        corrupted = raw.replace(b"co-design", b"co-desigX")
        assert corrupted != raw or len(raw) < 100
        entry.write_bytes(corrupted if corrupted != raw else raw[:-10])
    second = _reason(run_cli, tmp_path / "b.ttl")
    assert b"co-desigX" not in second
    assert (
        Graph()
        .parse(data=first, format="turtle")
        .isomorphic(Graph().parse(data=second, format="turtle"))
    )
    for entry in entries:
        raw = entry.read_bytes()
        header, _, body = raw.partition(b"\n")
        assert json.loads(header)["sha256"] == hashlib.sha256(body).hexdigest()
