"""Progress on stderr for long work, only when stderr is a terminal."""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from collections.abc import Iterator

__all__ = ["progress"]

_DELAY_SECONDS = 2.0


@contextlib.contextmanager
def progress(message: str) -> Iterator[None]:
    """Say ``message`` on stderr if the block takes more than ~2 s and stderr is a tty.

    Quiet in pipes, files and CI logs, so output stays clean for machines.
    """
    if not sys.stderr.isatty():
        yield
        return
    done = threading.Event()
    start = time.perf_counter()

    def tick() -> None:
        if not done.wait(_DELAY_SECONDS):
            sys.stderr.write(f"copro-kg: {message}...\n")
            sys.stderr.flush()

    thread = threading.Thread(target=tick, daemon=True)
    thread.start()
    try:
        yield
    finally:
        done.set()
        elapsed = time.perf_counter() - start
        if elapsed >= _DELAY_SECONDS:
            sys.stderr.write(f"copro-kg: {message}: done in {elapsed:.1f} s\n")
