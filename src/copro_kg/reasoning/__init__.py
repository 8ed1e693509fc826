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

from copro_kg.reasoning.inconsistency import Inconsistency
from copro_kg.reasoning.result import ENGINES, Derivation, Reasoning
from copro_kg.reasoning.run import reason

__all__ = ["ENGINES", "Derivation", "Inconsistency", "Reasoning", "reason"]
