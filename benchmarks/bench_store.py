"""Issue 16: the warm ``copro-kg query`` against the pyoxigraph floor, side by side.

The floor (``floor_oxigraph.py``) is a whole process that imports pyoxigraph, loads the
reasoned glossary's N-Triples and runs the same query. The warm query is a whole
``copro-kg query`` process on unchanged inputs (the store exists). Runs are interleaved
so that drift on a shared machine hits all alike; medians of ``--runs``. The imports the
warm query pays for are listed from ``python -X importtime``. Writes
``benchmarks/RESULTS-store.md``; nothing is asserted.

Run: ``.venv/bin/python benchmarks/bench_store.py [--runs 15]``
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
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
    out = subprocess.run(
        [PY, "-X", "importtime", *cmd[1:]], capture_output=True, text=True, env=env, check=True
    )
    totals: dict[str, int] = {}
    for line in out.stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \|( *)(\S+)", line)
        if match and len(match.group(2)) == 1:  # top-level imports only
            name = match.group(3).split(".")[0]
            totals[name] = totals.get(name, 0) + int(match.group(1))
    return sorted(totals.items(), key=lambda kv: -kv[1])[:count]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--out", default=str(HERE / "RESULTS-store.md"))
    opts = parser.parse_args()
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
            PY, "-m", "copro_kg", "query", "-e", QUERY],
        "`copro-kg query kinds-of-involvement` (library query), warm store": [
            PY, "-m", "copro_kg", "query", "kinds-of-involvement"],
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
    ]
    Path(opts.out).write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
