"""Run ``copro-kg`` in a forked child under conditions a test cannot set in-process.

Used by the security tests for what must not leak into pytest's own process: dropping
root privileges (``uid``) and a file-size limit (``RLIMIT_FSIZE``) that makes every write
past ``max_file_bytes`` fail midway with ``EFBIG``, exactly like a full disk.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
from dataclasses import dataclass


@dataclass
class ForkedResult:
    """Exit code and standard error of one forked ``copro-kg`` run."""

    exit_code: int
    stderr: str


def run_forked(
    args: list[str],
    *,
    uid: int | None = None,
    max_file_bytes: int | None = None,
    env: dict[str, str] | None = None,
) -> ForkedResult:
    """Run ``copro-kg ARGS`` through ``cli.main`` in a forked child and wait for it."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 3
        try:
            os.close(read_end)
            os.environ.update(env or {})
            if uid is not None and os.geteuid() == 0:
                os.setgroups([])
                os.setgid(uid)
                os.setuid(uid)
            if max_file_bytes is not None:
                # Without this, exceeding the limit kills the process (SIGXFSZ); ignored,
                # the write fails with EFBIG -- the "disk full midway" case.
                signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                resource.setrlimit(resource.RLIMIT_FSIZE, (max_file_bytes, max_file_bytes))
            sys.stderr = os.fdopen(write_end, "w")
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 (the child exits right after)
            from copro_kg.cli import main

            main(args)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 3
        except BaseException as exc:  # report, never fall back into pytest
            print(f"child crashed: {exc!r}", file=sys.stderr)
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as fh:
        stderr = fh.read()
    _, status = os.waitpid(pid, 0)
    return ForkedResult(os.waitstatus_to_exitcode(status), stderr)
