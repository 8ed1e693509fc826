"""OWL 2 RL reasoning over a merged graph: the closure, why each fact holds, what clashes.

>>> from copro_kg.reasoning import reason
>>> callable(reason)
True
"""

from copro_kg.reasoning.result import (
    ENGINES,
    Derivation,
    Inconsistency,
    Reasoning,
    reason,
    reason_inputs,
)

__all__ = ["ENGINES", "Derivation", "Inconsistency", "Reasoning", "reason", "reason_inputs"]
