"""copro-kg's own OWL 2 RL engine: semi-naive forward chaining with provenance.

* :mod:`.vocab` -- the vocabulary the rules mention, as fixed integer ids;
* :mod:`.store` -- integer-encoded triples with per-predicate indexes;
* :mod:`.rules` -- the rule table (ids, glosses, body/head patterns), shared with
  the explanations;
* :mod:`.chainer` -- the fixpoint computation, recording each triple's first derivation;
* :mod:`.state` -- the working state the rule families share;
* :mod:`.rules_schema`, :mod:`.rules_class`, :mod:`.rules_property`,
  :mod:`.rules_equality`, :mod:`.rules_datatype` -- the rule families (scm-*, cls-/cax-*,
  prp-*, eq-*, dt-*);
* :mod:`.datatypes` -- literals' data values, for the dt-* rules;
* :mod:`.visibility` -- which inferred triples are shown to users;
* :mod:`.snapshot` -- a closed state as plain data, continued with a user's triples;
* :mod:`.gcpause` -- the garbage-collector pause around bulk work.

>>> from rdflib import Graph
>>> chainer = run(Graph())
>>> len(chainer.asserted)
0
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rdflib import Node
from rdflib.namespace import OWL, RDFS

if TYPE_CHECKING:
    from copro_kg.engine.chainer import Chainer, Clash, IntTriple
    from copro_kg.engine.store import TermTable

__all__ = [
    "ANNOTATION_PROPERTIES", "Chainer", "Clash", "IntTriple", "TermTable", "prepare", "run",
]  # fmt: skip

ANNOTATION_PROPERTIES = (
    RDFS.label, RDFS.comment, RDFS.seeAlso, RDFS.isDefinedBy, OWL.deprecated,
    OWL.versionInfo, OWL.priorVersion, OWL.backwardCompatibleWith, OWL.incompatibleWith,
)  # fmt: skip
"""The annotation properties OWL 2 RL rule ``prp-ap`` declares (Table 5)."""


def __getattr__(name: str) -> Any:
    # The chainer loads on first use: the warm-query path imports the rule table
    # (explanations, inconsistency messages) but never runs the engine.
    if name in {"Chainer", "Clash", "IntTriple"}:
        from copro_kg.engine import chainer

        return getattr(chainer, name)
    if name == "TermTable":
        from copro_kg.engine.store import TermTable

        return TermTable
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def prepare(triples: Iterable[tuple[Node, Node, Node]]) -> Chainer:
    """The chainer of ``triples`` closed up to its second phase: a state to save
    (:mod:`.snapshot`) and to continue from with more triples (:func:`run`'s ``base``).

    The axiomatic rules (``cls-thing``, ``cls-nothing1``, ``prp-ap``, ``dt-type1``, and
    ``xsd-sub`` for the XML Schema datatypes the input mentions) are added first, so
    both engines start from the same place.
    """
    from copro_kg.engine import vocab
    from copro_kg.engine.chainer import Chainer

    chainer = Chainer()
    chainer.assert_all(triples)
    enc = chainer.terms.encode
    chainer.add_axiom((vocab.THING, vocab.TYPE, vocab.CLASS), "cls-thing")
    chainer.add_axiom((vocab.NOTHING, vocab.TYPE, vocab.CLASS), "cls-nothing1")
    for prop in ANNOTATION_PROPERTIES:
        chainer.add_axiom((enc(prop), vocab.TYPE, vocab.ANNOTATIONPROP), "prp-ap")
    chainer.add_datatype_axioms()
    chainer.close()
    return chainer


def run(triples: Iterable[tuple[Node, Node, Node]], *, base: Chainer | None = None) -> Chainer:
    """Compute the OWL 2 RL closure of ``triples`` and return the finished chainer.

    ``base``: a chainer from :func:`prepare` (or thawed from its snapshot) whose closure
    is continued with ``triples`` as the only new input, instead of closing everything
    again; the result is the closure of the base's input plus ``triples``. ``base`` is
    used up (it becomes the result).
    """
    if base is None:
        chainer = prepare(triples)
    else:
        chainer = base
        chainer.extend(triples)
    chainer.run()
    return chainer
