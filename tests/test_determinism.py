"""Same input, same bytes: what copro-kg writes does not depend on the process's hash seed.

rdflib's store order follows Python's string hashing, which changes with ``PYTHONHASHSEED``
in every new process. Comparing one process's output with itself cannot catch that, so each
case here runs the command in two processes with different seeds (and separate caches, so
the second run cannot just read the first one's result) and compares the files byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

CASES = {
    "reasoned turtle": (["reason", "-o", "{out}/reasoned.ttl"], "reasoned.ttl"),
    "reasoned n-triples, all": (["reason", "--all", "-o", "{out}/all.nt"], "all.nt"),
    "every export": (["export", "--all-formats", "{out}/export"], "export"),
    "query library answers": (["queries", "--run-all", "{out}/queries"], "queries"),
    "graph page": (["graph", "--view", "hierarchy", "-o", "{out}/h.html"], "h.html"),
    # the cycle's page once listed its links in the order of a Python set (networkx's
    # subgraph of a set iterates the set), so it differed from one process to the next
    "cycle page": (["graph", "--view", "cycle", "-o", "{out}/cycle.html"], "cycle.html"),
    "picture": (["graph", "--view", "cycle", "-o", "{out}/cycle.svg"], "cycle.svg"),
    "classification": (["classify", "-o", "{out}/classify.txt"], "classify.txt"),
}


def _digest(path: Path) -> dict[str, str]:
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    return {
        p.relative_to(path).as_posix() if path.is_dir() else p.name: hashlib.sha256(
            p.read_bytes()
        ).hexdigest()
        for p in files
    }


def _run(args: list[str], out: Path, seed: str) -> None:
    out.mkdir(parents=True)
    env = {
        **os.environ,
        "PYTHONHASHSEED": seed,
        "COPRO_KG_CACHE_DIR": str(out / ".cache"),
    }
    cmd = [sys.executable, "-m", "copro_kg", *(a.format(out=out) for a in args)]
    subprocess.run(cmd, env=env, check=True, capture_output=True, timeout=240)


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_output_is_the_same_under_two_hash_seeds(case: str, tmp_path: Path) -> None:
    args, name = CASES[case]
    _run(args, tmp_path / "one", "1")
    _run(args, tmp_path / "two", "4242")
    first = _digest(tmp_path / "one" / name)
    second = _digest(tmp_path / "two" / name)
    assert first, f"{case} wrote nothing"
    assert first == second
