"""Pause Python's cyclic garbage collector around bulk work on millions of tuples.

The engine, the visibility filter and the fast reader allocate millions of small
tuples that never form reference cycles. With the collector on, every full collection
walks all of them again: on a 30,000-concept thesaurus that was a third of the time.
Reference counting still frees everything as usual; only cycle detection waits.

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable the cyclic collector inside the block; restore its previous state after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
