"""Run the test suite several times in a row while other processes keep every core busy.

Issue 29: "the whole suite passes five times in a row while both cores are kept busy by
another process". A suite that passes on a quiet machine can still lean on timing luck
(a bare sleep, a deadline too tight); on a loaded one such tests fail. Run this before a
release (CONTRIBUTING.md, "Before a release"):

    .venv/bin/python scripts/test_under_load.py            # 5 runs, one busy loop per core
    .venv/bin/python scripts/test_under_load.py --runs 2 -- tests/sparql -x

Everything after ``--`` goes to pytest. The busy loops run at normal priority (as a
build or a browser would) and are stopped when the runs end, whatever happens. Each run's
result, wall time and pytest's summary line are printed, and written to ``--report`` if
given; the exit status is 0 only if every run passed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def burners(count: int) -> list[subprocess.Popen[bytes]]:
    """``count`` processes that each keep one core busy until killed."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def one_run(pytest_args: list[str]) -> tuple[int, float, str]:
    """Exit status, wall seconds and pytest's last summary line of one suite run."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--durations=10", *pytest_args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.monotonic() - start
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    summary = next((line for line in reversed(lines) if " in " in line), "(no summary)")
    if done.returncode:
        failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
        summary += "".join(f"\n    {line}" for line in failed[:20])
    return done.returncode, elapsed, summary.strip("= ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="suite runs in a row (5)")
    parser.add_argument(
        "--burners", type=int, default=os.cpu_count() or 2, help="busy loops (one per core)"
    )
    parser.add_argument("--report", type=Path, help="also write the report here")
    parser.add_argument("pytest_args", nargs="*", help="after --: arguments for pytest")
    args = parser.parse_args(argv)
    what = " ".join(args.pytest_args) or "(the whole suite)"
    lines = [f"# {args.runs} runs of pytest {what}, {args.burners} busy loops"]
    print(lines[0], flush=True)
    busy = burners(args.burners)
    failures = 0
    try:
        for number in range(1, args.runs + 1):
            status, elapsed, summary = one_run(args.pytest_args)
            failures += status != 0
            verdict = "passed" if status == 0 else f"FAILED (exit {status})"
            lines.append(f"run {number}: {verdict} in {elapsed / 60:.1f} min -- {summary}")
            print(lines[-1], flush=True)
    finally:
        for process in busy:
            process.kill()
        for process in busy:
            process.wait()
    lines.append(f"{args.runs - failures} of {args.runs} runs passed")
    print(lines[-1])
    if args.report:
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
