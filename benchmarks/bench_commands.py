"""Issue 28: every command at the speed of the store, measured against the pyoxigraph floor.

Whole processes, wall time, the installed ``copro-kg`` script, interleaved with the floor
(``floor_oxigraph.py``: import pyoxigraph, load the reasoned glossary's N-Triples, one
query) so that drift on a shared machine hits all alike; medians of ``--runs``.

* Goal 1, warm (the cache holds the glossary's result): ``query``, ``explain``,
  ``classify``, ``stats`` against 3x the floor; ``reason -o``, ``export``, ``check``,
  ``graph`` against 5x.
* Goal 2, a user's new small file (never seen: a fresh copy, one comment line different,
  for every run): ``classify --data FILE`` and ``reason --data FILE -o OUT`` against 5x,
  with the shipped ontology's saved state in the cache (``reasoning/base.py``).

For each command over its goal, the top-level imports (``python -X importtime``) and the
functions that take the time (``cProfile``, cumulative) are listed: where the rest goes.
Writes ``benchmarks/RESULTS-commands.md``; nothing is asserted.

Run: ``.venv/bin/python benchmarks/bench_commands.py [--runs 7]``
"""

from __future__ import annotations

import argparse
import io
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_store import KG, PREFIXES, PY, QUERY, top_imports, wall

HERE = Path(__file__).resolve().parent
ACTIVITIES = HERE.parent / "tests" / "data" / "activities" / "described.ttl"


def new_file(folder: Path) -> Path:
    """A copy of the activities file no run has seen: its bytes, and so its key, are new."""
    path = folder / f"mine-{time.perf_counter_ns()}.ttl"
    path.write_bytes(ACTIVITIES.read_bytes() + f"# {path.name}\n".encode())
    return path


def commands(tmp: Path) -> dict[str, tuple[int, list[str]]]:
    """label -> (goal as a multiple of the floor, command); ``NEW`` is a new file each run."""
    out = str(tmp / "out")
    return {
        "`query kinds-of-involvement`": (3, [*KG, "query", "kinds-of-involvement"]),
        "`explain co-design broaderTransitive involvement`": (
            3, [*KG, "explain", "co-design", "broaderTransitive", "involvement"]),
        "`classify`": (3, [*KG, "classify"]),
        "`stats`": (3, [*KG, "stats"]),
        "`reason -o r.ttl`": (5, [*KG, "reason", "-o", out + ".ttl"]),
        "`export -o x.ttl`": (5, [*KG, "export", "-o", out + "-x.ttl"]),
        "`check`": (5, [*KG, "check"]),
        "`graph --view spectrum -o x.html`": (
            5, [*KG, "graph", "--view", "spectrum", "-o", out + ".html"]),
        "`classify --data NEW` (a new file each run)": (5, [*KG, "classify", "--data", "NEW"]),
        "`reason --data NEW -o out.ttl` (a new file each run)": (
            5, [*KG, "reason", "--data", "NEW", "-o", out + "-data.ttl"]),
    }  # fmt: skip


def run_once(cmd: list[str], env: dict[str, str], tmp: Path) -> float:
    """Wall seconds of ``cmd``, a new file in place of ``NEW``; exit codes 0 and 1 (an
    inconsistency found, a check failing) are answers."""
    cmd = [str(new_file(tmp)) if arg == "NEW" else arg for arg in cmd]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=env)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{cmd} failed: {done.stderr.decode()[-2000:]}")
    return seconds


def profile(cmd: list[str], env: dict[str, str], tmp: Path, count: int = 8) -> list[str]:
    """The functions of copro_kg and rdflib that take most of ``cmd``'s time (cProfile in
    a child process, cumulative)."""
    args = [str(new_file(tmp)) if arg == "NEW" else arg for arg in cmd[len(KG) :]]
    stats = tmp / "profile.out"
    code = (
        "import sys; sys.argv = ['copro-kg', *sys.argv[1:]]\n"
        "import cProfile\n"
        "from copro_kg.cli import main\n"
        f"cProfile.run('main()', {str(stats)!r})\n"
    )
    subprocess.run([PY, "-c", code, *args], capture_output=True, env=env)
    out = io.StringIO()
    pstats.Stats(str(stats), stream=out).sort_stats("cumulative").print_stats(60)
    rows = []
    for line in out.getvalue().splitlines():
        parts = line.split(None, 5)
        if len(parts) == 6 and ("copro_kg" in parts[5] or "rdflib" in parts[5]):
            where = parts[5].split("site-packages/")[-1].split("src/")[-1]
            if "cli/" in where or "__main__" in where:
                continue
            rows.append(f"{float(parts[3]) * 1000:.0f} ms {where}")
        if len(rows) == count:
            break
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--out", default=str(HERE / "RESULTS-commands.md"))
    opts = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="copro-commands-"))
    env = dict(os.environ, COPRO_KG_CACHE_DIR=str(tmp / "cache"))
    nt = tmp / "closure.nt"
    subprocess.run(
        [PY, "-c", "import sys; from copro_kg import pipeline; "
         "open(sys.argv[1], 'wb').write(pipeline.store_for_queries().ntriples())", str(nt)],
        check=True, env=env,
    )  # fmt: skip
    floor_label = "pyoxigraph floor: import, load the reasoned glossary's N-Triples, one query"
    floor_cmd = [PY, str(HERE / "floor_oxigraph.py"), str(nt), PREFIXES + QUERY]
    measured = commands(tmp)
    for _goal, cmd in measured.values():  # warm the cache, the saved state, the OS cache
        run_once(cmd, env, tmp)
    times: dict[str, list[float]] = {label: [] for label in [floor_label, *measured]}
    for _ in range(opts.runs):
        times[floor_label].append(wall(floor_cmd, env))
        for label, (_goal, cmd) in measured.items():
            times[label].append(run_once(cmd, env, tmp))
    median = {label: statistics.median(ts) for label, ts in times.items()}
    floor = median[floor_label]
    rows, missed = [], []
    for label, (goal, cmd) in measured.items():
        ratio = median[label] / floor
        ok = ratio <= goal
        if not ok:
            missed.append((label, cmd))
        ts = times[label]
        rows.append(
            f"| {label} | {1000 * median[label]:.0f} ms ({1000 * min(ts):.0f}-"
            f"{1000 * max(ts):.0f}) | **{ratio:.1f}x** | <= {goal}x | {'met' if ok else 'missed'} |"
        )
    lines = [
        "# Every command against the pyoxigraph floor (issue 28, goals 1 and 2)",
        "",
        f"Written by `benchmarks/bench_commands.py`: whole processes (the installed "
        f"`copro-kg` script), medians (min-max) of {opts.runs} runs interleaved with the "
        f"floor, load average {os.getloadavg()[0]:.2f} at the end. Warm: the cache holds the "
        "glossary's result. NEW: a copy of `tests/data/activities/described.ttl` with one "
        "comment line different for every run (a file never seen; the shipped ontology's "
        "saved state is in the cache).",
        "",
        "| process | median wall | vs floor | goal | |",
        "|---|---|---|---|---|",
        f"| {floor_label} | {1000 * floor:.0f} ms | 1x | | |",
        *rows,
        "",
    ]
    if missed:
        lines += ["## Where the rest of the time goes", ""]
    for label, cmd in missed:
        imports = top_imports([str(ACTIVITIES) if a == "NEW" else a for a in cmd], env, 6)
        lines += [
            f"{label}: imports (`-X importtime`, cumulative) "
            + ", ".join(f"`{name}` {us / 1000:.0f} ms" for name, us in imports)
            + "; slowest calls (cProfile, cumulative, profiler overhead included): "
            + "; ".join(profile(cmd, env, tmp, 6))
            + ".",
            "",
        ]
    Path(opts.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
