"""Benchmarks of issue #10: our engine vs owlrl vs reasonable, process floors, warm query.

Every measurement runs in a fresh Python process (``benchmarks/probe.py``) that reports
its own wall time and peak memory (``ru_maxrss``); medians are over ``--runs`` runs.
Writes ``benchmarks/RESULTS.md``. Nothing here is asserted in tests.

Usage: ``python benchmarks/run.py [--runs 5] [--sizes 100,1000,10000,100000]``
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
PY = sys.executable
OWLRL_MAX = 100  # owlrl needs ~1 min per run at 1k concepts + glossary: keeps make bench < 15 min


def probe(*args: str, timeout: float = 900) -> dict[str, float]:
    out = subprocess.run(
        [PY, str(HERE / "probe.py"), *args], capture_output=True, text=True, timeout=timeout,
        check=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, capture_output=True, check=True)
    return time.perf_counter() - start


def median_of(runs: int, fn: object) -> tuple[float, float]:
    results = [fn() for _ in range(runs)]  # type: ignore[operator]
    return (
        statistics.median(r["seconds"] for r in results),
        max(r["peak_mb"] for r in results),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default="100,1000,10000")  # add 100000 by hand: ~10 min
    opts = parser.parse_args()
    sizes = [int(s) for s in opts.sizes.split(",")]
    rows: list[str] = []
    tmp = Path(tempfile.mkdtemp(prefix="copro-bench-"))
    lines = ["# Benchmarks (`make bench`)", ""]
    lines += [
        f"Machine: {platform.machine()}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; rdflib {version('rdflib')}, owlrl "
        f"{version('owlrl')}, reasonable {version('reasonable')}. Medians of {opts.runs} runs "
        "(each in a fresh process); peak = max RSS of the process. Times exclude "
        "interpreter start-up; ours and owlrl exclude the rdflib parse (column 'parse'); "
        "reasonable's time includes its own parse (Rust).",
        "",
        "## Cold reasoning",
        "",
        "| input | asserted | parse (rdflib) | copro (ours) | owlrl | reasonable | ours vs owlrl "
        "| ours vs reasonable | same visible closure as owlrl |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    inputs: list[tuple[str, str, int]] = [("glossary", "", 0)]
    for n in sizes:
        path = tmp / f"thesaurus-{n}.ttl"  # N-Triples is Turtle; reasonable reads .ttl
        # generated in a child process: a big parent would inflate every child's max RSS
        subprocess.run([PY, str(HERE / "generate.py"), str(n), str(path)], check=True)
        inputs.append((f"{n:,} concepts + glossary", str(path), n))
    for name, path, n in inputs:
        runs = opts.runs if n < 100_000 else 1
        ours = [probe("copro", path) for _ in range(runs)]
        t_ours = statistics.median(r["seconds"] for r in ours)
        parse = statistics.median(r["parse"] for r in ours)
        peak = max(r["peak_mb"] for r in ours)
        owl = "not run"
        ratio_owl = "-"
        same = "-"
        if n <= OWLRL_MAX:
            ref = [probe("owlrl", path) for _ in range(runs)]
            t_ref = statistics.median(r["seconds"] for r in ref)
            owl = f"{t_ref:.2f} s ({max(r['peak_mb'] for r in ref):.0f} MB)"
            ratio_owl = f"**{t_ref / t_ours:.0f}x** faster"
            same = "yes" if probe("compare", path)["same"] else "NO"
        rea = "not run"
        ratio_rea = "-"
        if path:
            rr = [probe("reasonable", path) for _ in range(runs)]
            t_rea = statistics.median(r["seconds"] for r in rr)
            rea = f"{t_rea:.2f} s ({max(r['peak_mb'] for r in rr):.0f} MB)"
            ratio_rea = f"{t_ours / t_rea:.1f}x its time"
        rows.append(
            f"| {name} | {int(ours[0]['asserted']):,} | {parse:.2f} s | {t_ours:.2f} s "
            f"({peak:.0f} MB) | {owl} | {rea} | {ratio_owl} | {ratio_rea} | {same} |"
        )
        print(rows[-1], flush=True)
    lines += rows
    lines += ["", "## Process floors and warm query", "", "| process | median wall |", "|---|---|"]
    floors = {
        "`python -c pass`": [PY, "-c", "pass"],
        "`import rdflib` + parse one triple + one SPARQL query": [PY, str(HERE / "floor.py")],
        "`copro-kg --help`": [PY, "-m", "copro_kg", "--help"],
        "`copro-kg query` on the glossary, warm cache": [
            PY, "-m", "copro_kg", "query", "-e",
            "SELECT ?t WHERE { ?t skos:broaderTransitive copro:engagement }",
        ],
    }  # fmt: skip
    wall(floors["`copro-kg query` on the glossary, warm cache"])  # warm the cache
    measured = {}
    for label, cmd in floors.items():
        measured[label] = statistics.median(wall(cmd) for _ in range(opts.runs))
        lines.append(f"| {label} | {measured[label] * 1000:.0f} ms |")
    floor = measured["`import rdflib` + parse one triple + one SPARQL query"]
    warm = measured["`copro-kg query` on the glossary, warm cache"]
    lines += ["", f"Warm query / rdflib floor: **{warm / floor:.2f}x** (goal: <= 1.2x)."]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
