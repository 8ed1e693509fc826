"""Run the test suite several times in a row while other processes keep every core busy.

Issue 29: "the whole suite passes five times in a row while both cores are kept busy by
another process". A suite that passes on a quiet machine can still lean on timing luck
(a bare sleep, a deadline too tight); on a loaded one such tests fail. Run this before a
release (CONTRIBUTING.md, "Before a release"):

    .venv/bin/python scripts/test_under_load.py            # 5 runs, one busy loop per core
    .venv/bin/python scripts/test_under_load.py --runs 2 -- tests/sparql -x

Everything after ``--`` goes to pytest; with nothing there, the whole suite runs as
``make test`` runs it (:data:`AS_MAKE_TEST`, on every core). The busy loops run at normal
priority (as a build or a browser would) and are stopped when the runs end, whatever
happens. Each run's start, end, result, counts (passed, failed, skipped) and wall time are
printed and appended to a log as they happen (``--log``, ``build/test-under-load.log``
unless given), so a run that is interrupted -- Ctrl-C, a closed terminal, a crash -- leaves
its record up to that point. The exit status is 0 only if every run passed.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
LOG = ROOT / "build" / "test-under-load.log"
# The Makefile's test target: `pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder`.
AS_MAKE_TEST = ["-n", "auto", "--dist", "loadfile", "--no-loadscope-reorder"]
_COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed|deselected)")


def now() -> str:
    """The time of day in UTC, as the log writes it."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def say(log: TextIO, line: str) -> None:
    """Print ``line`` and append it to the log at once (an interruption keeps it)."""
    print(line, flush=True)
    log.write(line + "\n")
    log.flush()


def counts(summary: str) -> str:
    """pytest's counts from its summary line, e.g. ``1 failed, 1841 passed, 64 skipped``.

    >>> counts("1 failed, 1841 passed, 64 skipped in 704.1s (0:11:44)")
    '1 failed, 1841 passed, 64 skipped'
    """
    found = _COUNT.findall(summary.split("\n")[0])
    return ", ".join(f"{n} {what}" for n, what in found) or "no counts"


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
    parser.add_argument(
        "--log", type=Path, default=LOG, help=f"append the record here ({LOG.relative_to(ROOT)})"
    )
    parser.add_argument("pytest_args", nargs="*", help="after --: arguments for pytest")
    args = parser.parse_args(argv)
    args.pytest_args = args.pytest_args or AS_MAKE_TEST
    what = " ".join(args.pytest_args)
    args.log.parent.mkdir(parents=True, exist_ok=True)
    failures = done = 0
    with args.log.open("a", encoding="utf-8") as log:
        say(log, f"# {now()}: {args.runs} runs of pytest {what}, {args.burners} busy loops")
        busy = burners(args.burners)
        try:
            for number in range(1, args.runs + 1):
                say(log, f"run {number}: started {now()}")
                status, elapsed, summary = one_run(args.pytest_args)
                failures += status != 0
                done += 1
                verdict = "passed" if status == 0 else f"FAILED (exit {status})"
                minutes, seconds = divmod(round(elapsed), 60)
                say(
                    log,
                    f"run {number}: {verdict}, ended {now()}, wall {minutes}:{seconds:02d} -- "
                    + "\n".join([counts(summary), *summary.split("\n")[1:]]),
                )
        finally:
            for process in busy:
                process.kill()
            for process in busy:
                process.wait()
            ended = "" if done == args.runs else f" (interrupted after {done} of {args.runs})"
            say(log, f"{done - failures} of {done} runs passed{ended}; log: {args.log}")
    return 1 if failures or done < args.runs else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # Ctrl-C: the log already says how far it got
        sys.exit(130)
