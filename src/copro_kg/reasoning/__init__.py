"""OWL 2 RL reasoning over a merged graph: the closure, why each fact holds, what clashes.

* :mod:`.result` -- :class:`Reasoning` and :class:`Derivation`, what reasoning returns;
* :mod:`.run` -- :func:`reason` (a Graph) and the engines behind it;
* :mod:`.provenance` -- each derived triple's first derivation;
* :mod:`.cache` -- results on disk, derivations included;
* :mod:`.inconsistency`, :mod:`.explain`, :mod:`.owlrl`.

From files, go through :class:`copro_kg.pipeline.Workspace` (it parses each file once and
keys the cache on the files' bytes).

>>> from copro_kg.reasoning import reason
>>> callable(reason)
True
"""

from __future__ import annotations

import importlib
import warnings
from typing import Any

from copro_kg.reasoning.inconsistency import Inconsistency
from copro_kg.reasoning.result import ENGINES, Derivation, Reasoning
from copro_kg.reasoning.run import reason

__all__ = ["ENGINES", "Derivation", "Inconsistency", "Reasoning", "reason"]


def __getattr__(name: str) -> Any:
    # copro-kg 0.1 had reason_inputs() here. It reads files, which is the pipeline's job
    # (reasoning never loads files), so it moved; the old name works with a warning. The
    # module is found by name at call time: reasoning does not depend on the pipeline.
    if name == "reason_inputs":
        warnings.warn(
            "copro_kg.reasoning.reason_inputs moved to copro_kg.pipeline.reason_inputs "
            "in copro-kg 0.2 (or use copro_kg.reason_inputs)",
            DeprecationWarning,
            stacklevel=2,
        )
        return importlib.import_module("copro_kg.pipeline").reason_inputs
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
