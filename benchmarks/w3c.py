"""W3C OWL 2 RL/RDF conformance: copro-kg's pass count against owlrl's, on the same cases.

The 151 vendored cases of ``tests/data/w3c-owl2`` (see its README), judged as
``tests/engine/w3c.py`` does. Usage: ``python benchmarks/w3c.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.engine import w3c


def main() -> None:
    cases = w3c.cases()
    for name, reasoner in (("copro-kg", w3c.copro), ("owlrl", w3c.owlrl)):
        start = time.perf_counter()
        passed = [c for c in cases if w3c.judge(c, reasoner(w3c.parse(c.premise)))]
        rdfbased = sum(c.id.startswith("rdfbased-") for c in passed)
        rl = sum(c.rl for c in passed)
        print(
            f"{name}: {len(passed)} of {len(cases)} W3C OWL 2 RL/RDF cases "
            f"({rdfbased} of 87 rdfbased-*, {rl} of 64 RL profile), "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
