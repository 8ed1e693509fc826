"""Issue 16: the warm ``copro-kg query`` against the pyoxigraph floor, side by side, and
every library query on the 100,000-concept thesaurus + glossary (goal 2).

The floor (``floor_oxigraph.py``) is a whole process that imports pyoxigraph, loads the
reasoned glossary's N-Triples and runs the same query. The warm query is a whole
``copro-kg query`` process on unchanged inputs (the store exists). Runs are interleaved
so that drift on a shared machine hits all alike; medians of ``--runs``. The imports the
warm query pays for are listed from ``python -X importtime``.

Goal 2 (:func:`big_case`): the thesaurus of ``generate.py`` is reasoned once as
``copro-kg reason --data`` does it, then each library query (``copro-kg queries``, with
its example parameters) runs as ``copro-kg query NAME --data FILE`` in a new process;
wall time and peak memory (max RSS of the process and its query worker, from ``wait4``)
per query, medians of ``--big-runs``.

Writes ``benchmarks/RESULTS-store.md``; nothing is asserted.

Run: ``.venv/bin/python benchmarks/bench_store.py [--runs 15] [--big 100000] [--big-runs 3]``
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
# What users run: the `copro-kg` script pip installs beside the interpreter (`python -m
# copro_kg` would add runpy's own import work, about 8 ms, to every measurement).
_SCRIPT = Path(PY).with_name("copro-kg")
KG = [str(_SCRIPT)] if _SCRIPT.exists() else [PY, "-m", "copro_kg"]
PREFIXES = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    "PREFIX copro: <https://w3id.org/copro-kg/> "
)
QUERY = "SELECT ?t WHERE { ?t skos:broaderTransitive copro:engagement } LIMIT 5"


def wall(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True, env=env)
    return time.perf_counter() - start


def top_imports(cmd: list[str], env: dict[str, str], count: int = 8) -> list[tuple[str, int]]:
    """The top-level packages a process imports, by cumulative import time (µs)."""
    # The script's own interpreter with -X importtime (a script path runs as it does bare).
    argv = [PY, "-X", "importtime", *cmd] if cmd[0] != PY else [PY, "-X", "importtime", *cmd[1:]]
    out = subprocess.run(argv, capture_output=True, text=True, env=env, check=True)
    totals: dict[str, int] = {}
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) == 1:  # top-level imports only
            name = match.group(3).split(".")[0]
            totals[name] = totals.get(name, 0) + int(match.group(1))
    return sorted(totals.items(), key=lambda kv: -kv[1])[:count]


# What `copro-kg reason --data FILE` does before it writes the closure: reason, then write
# the query store of a result too big for a cache entry (Workspace.keep_for_queries). The
# closure itself is not written: at 7.2 million triples the writer builds an rdflib Graph
# of it (~11 GB), which measures the writer, not what the queries need.
REASON = """
import sys
from copro_kg.pipeline import Workspace
workspace = Workspace([sys.argv[1]])
workspace.reasoning()
print(workspace.keep_for_queries())
"""

# The cache key of `query --data FILE`: the shipped files' and FILE's bytes, hashed.
HASH = """
import statistics, sys, time
from pathlib import Path
from copro_kg.io.cachekeys import key_for_files
from copro_kg.resources import ontology_files
files = [*ontology_files(), Path(sys.argv[1])]
times = []
for _ in range(5):
    start = time.perf_counter()
    key_for_files(files, input_format=None, engine="copro", keep_all=False)
    times.append(time.perf_counter() - start)
print(statistics.median(times))
"""


@dataclass
class Measured:
    """One whole process: wall seconds, peak memory (MB), exit code, standard output."""

    seconds: float
    peak_mb: float
    code: int
    stdout: str


def measured(cmd: list[str], env: dict[str, str], timeout: float = 900) -> Measured:
    """Run ``cmd``; its peak memory is the ``ru_maxrss`` that ``wait4`` reports, which
    covers the process and every child it waited for (the forked query worker). The
    child is reaped here, not by Popen (which would throw its resource usage away)."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, env=env)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                process.kill()
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read().decode("utf-8", "replace")
    return Measured(seconds, usage.ru_maxrss / 1024, code, text)


def big_case(size: int, runs: int) -> list[str]:
    """Goal 2: reason the ``size``-concept thesaurus + glossary once, then run each library
    query in a new process, ``runs`` times; the lines of RESULTS-store.md that say so."""
    from copro_kg.sparql.library import library

    tmp = Path(tempfile.mkdtemp(prefix="copro-store-big-"))
    env = dict(os.environ, COPRO_KG_CACHE_DIR=str(tmp / "cache"))
    data = tmp / f"thesaurus-{size}.ttl"  # N-Triples is Turtle
    subprocess.run([PY, str(HERE / "generate.py"), str(size), str(data)], check=True)
    reason = measured([PY, "-c", REASON, str(data)], env)
    print(f"reasoned {size:,} concepts: {reason.seconds:.1f} s, {reason.peak_mb:.0f} MB")
    if reason.code != 0:
        return [f"Reasoning the {size:,}-concept case failed (exit {reason.code}).", ""]
    hashing = float(subprocess.run(
        [PY, "-c", HASH, str(data)], check=True, capture_output=True, text=True
    ).stdout)  # fmt: skip
    entries = library()
    commands = {
        e.name: [*KG, "query", e.name, "--data", str(data)]
        + [arg for k, v in e.example_parameters.items() for arg in ("--param", f"{k}={v}")]
        for e in entries
    }
    results: dict[str, list[Measured]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved: drift on a shared machine hits every query alike
        for name, cmd in commands.items():
            if results[name] and results[name][-1].code != 0:
                continue  # failed (or ran past 120 s) once: not run again
            results[name].append(done := measured(cmd, env, timeout=120))
            print(f"{name}: {done.seconds:.2f} s, {done.peak_mb:.0f} MB, exit {done.code}")
    rows, worst, peak, failed = [], 0.0, 0.0, []
    for name, done in results.items():
        wall = statistics.median(m.seconds for m in done)
        top = max(m.peak_mb for m in done)
        codes = {m.code for m in done}
        answer = done[-1].stdout.strip().splitlines()
        worst, peak = max(worst, wall), max(peak, top)
        if codes != {0}:
            failed.append(name)
        rows.append(
            f"| `{name}` | {1000 * wall:.0f} ms ({1000 * min(m.seconds for m in done):.0f}-"
            f"{1000 * max(m.seconds for m in done):.0f}) | {top:.0f} MB "
            f"| {len(answer) if codes == {0} else 'exit ' + str(sorted(codes))} |"
        )
    met = worst < 1.0 and peak < 2048 and not failed
    slow = [name for name, done in results.items() if statistics.median(
        m.seconds for m in done) >= 1.0]  # fmt: skip
    megabytes = data.stat().st_size / 1e6
    shutil.rmtree(tmp, ignore_errors=True)
    return [
        f"## Goal 2: library queries on the {size:,}-concept thesaurus + glossary",
        "",
        f"Reasoned once as `copro-kg reason --data` does it (the engine, then the query "
        f"store: `Workspace.keep_for_queries`), without writing the closure: "
        f"{reason.seconds:.1f} s, {reason.peak_mb:.0f} MB peak"
        + (
            " (the result fit in a cache entry: the first query wrote the store)"
            if reason.stdout.strip() == "None"
            else ""
        )
        + ". Then each library query "
        f"as `copro-kg query NAME --data FILE` with its example parameters, a new process "
        f"each time, medians (min-max) of {runs} interleaved runs, load average "
        f"{os.getloadavg()[0]:.2f} at the end. Finding the store hashes the "
        f"{megabytes:.0f} MB file (and the glossary's) on every query: "
        f"{1000 * hashing:.0f} ms of each.",
        "",
        "| library query | wall | peak (process + query worker) | output lines |",
        "|---|---|---|---|",
        *rows,
        "",
        f"**Goal 2 (each < 1 s, peak < 2 GB): {'met' if met else 'missed'}.** Slowest "
        f"{worst:.2f} s, highest peak {peak:.0f} MB"
        + (f"; failed: {', '.join(failed)}" if failed else "")
        + (f"; over 1 s: {', '.join(slow)}" if slow else "")
        + ".",
        "",
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", default=str(HERE / "RESULTS-store.md"))
    parser.add_argument("--big", type=int, default=100_000, help="concepts; 0 skips goal 2")
    parser.add_argument("--big-runs", type=int, default=3)
    parser.add_argument("--big-only", action="store_true", help="skip the warm-query part")
    opts = parser.parse_args()
    big = big_case(opts.big, opts.big_runs) if opts.big else []
    if opts.big_only:
        print("\n".join(big))
        return
    env = dict(os.environ, COPRO_KG_CACHE_DIR=tempfile.mkdtemp(prefix="copro-store-bench-"))
    nt = Path(env["COPRO_KG_CACHE_DIR"]) / "closure.nt"
    subprocess.run(
        [PY, "-c", "import sys; from copro_kg import pipeline; "
         "open(sys.argv[1], 'wb').write(pipeline.store_for_queries().ntriples())", str(nt)],
        check=True, env=env,
    )  # fmt: skip
    commands = {
        "`python -c pass`": [PY, "-c", "pass"],
        "pyoxigraph floor: import, load the reasoned glossary's N-Triples, same query": [
            PY, str(HERE / "floor_oxigraph.py"), str(nt), PREFIXES + QUERY],
        "`copro-kg query -e ...` (5 rows), warm store": [
            *KG, "query", "-e", QUERY],
        "`copro-kg query kinds-of-involvement` (library query), warm store": [
            *KG, "query", "kinds-of-involvement"],
    }  # fmt: skip
    for cmd in commands.values():
        wall(cmd, env)  # the store is written once here; the OS file cache warms
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(opts.runs):
        for label, cmd in commands.items():
            times[label].append(wall(cmd, env))
    median = {label: statistics.median(values) for label, values in times.items()}
    labels = list(commands)
    floor, warm, library = median[labels[1]], median[labels[2]], median[labels[3]]
    imports = top_imports(commands[labels[2]], env)
    load = os.getloadavg()[0]
    lines = [
        "# The query store (issue 16): warm `copro-kg query` vs the pyoxigraph floor",
        "",
        f"Written by `benchmarks/bench_store.py`; medians of {opts.runs} interleaved runs, "
        f"whole processes, load average {load:.2f} at the end.",
        "",
        "| process | median wall |",
        "|---|---|",
        *(f"| {label} | {1000 * median[label]:.0f} ms |" for label in labels),
        "",
        f"**Goal 1 (warm query <= 2x the floor): {'met' if warm <= 2 * floor else 'missed'}.** "
        f"{warm / floor:.1f}x the floor ({library / floor:.1f}x for a library query).",
        "",
        "Top-level imports of the warm query (`python -X importtime`, cumulative):",
        "",
        *(f"- `{name}`: {us / 1000:.0f} ms" for name, us in imports),
        "",
        *big,
    ]
    Path(opts.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
