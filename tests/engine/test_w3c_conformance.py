"""The W3C OWL 2 conformance test cases that concern OWL 2 RL/RDF, run on copro-kg's engine.

151 approved cases with RDF/XML premises (87 ``rdfbased-*``, 64 of the RL profile;
``tests/data/w3c-owl2/README.md``). OWL 2 Profiles, Section 4.3 (Theorem PR1) promises
the RL/RDF rules entail the *atomic* conclusions of an RL ontology; the cases below are
the ones whose conclusion no RL/RDF rule can produce, each with the reason. Every other
case must pass; a listed case that starts passing fails the test, so the list stays true.
``benchmarks/w3c.py`` prints the same count for owlrl.
"""

from __future__ import annotations

import pytest

from . import w3c

_COMPLEMENT = "complex class conclusion: an owl:complementOf class no rule builds"
_DIFFERENT = "owl:differentFrom conclusion: no OWL 2 RL/RDF rule derives owl:differentFrom"
LEFT_OUT: dict[str, str] = {
    "DisjointClasses-001": _COMPLEMENT,
    "DisjointClasses-003": _COMPLEMENT,
    "New-Feature-ObjectQCR-002": _COMPLEMENT,
    "WebOnt-I5.5-005": "complex class conclusion: a new owl:unionOf class",
    "New-Feature-ReflexiveProperty-001": "reflexive properties are outside OWL 2 RL",
    "chain2trans1": "a property characteristic as conclusion: no rule derives "
    "owl:TransitiveProperty from a property chain",
    "New-Feature-DisjointObjectProperties-001": _DIFFERENT,
    "New-Feature-DisjointObjectProperties-002": _DIFFERENT + " (an owl:AllDifferent)",
    "New-Feature-DisjointDataProperties-002": _DIFFERENT + " (an owl:AllDifferent)",
    "WebOnt-differentFrom-001": _DIFFERENT + " (its symmetry)",
    "owl2-rl-rules-fp-differentFrom": _DIFFERENT,
    "owl2-rl-rules-ifp-differentFrom": _DIFFERENT,
    "WebOnt-I5.8-008": "needs the intersection of two datatypes' value spaces "
    "(xsd:short and xsd:unsignedInt), which no rule computes",
    "WebOnt-I5.8-009": "needs the intersection of two datatypes' value spaces "
    "(xsd:nonNegativeInteger and xsd:nonPositiveInteger), which no rule computes",
    "WebOnt-imports-011": "imports are not followed offline",
}

CASES = w3c.cases()


def test_the_vendored_manifest_holds_the_151_applicable_cases() -> None:
    assert len(CASES) == 151
    assert sum(c.id.startswith("rdfbased-") for c in CASES) == 87
    assert sum(c.rl for c in CASES) == 64
    assert set(LEFT_OUT) <= {c.id for c in CASES}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_w3c_case(case: w3c.Case) -> None:
    passed = w3c.judge(case, w3c.copro(w3c.parse(case.premise)))
    if case.id in LEFT_OUT:
        assert not passed, f"{case.id} passes now: take it off LEFT_OUT ({LEFT_OUT[case.id]})"
    else:
        assert passed, sorted(case.types)


def test_pass_count_line(capsys: pytest.CaptureFixture[str]) -> None:
    """The report line ``make test`` prints with ``-rA``: passes out of applicable cases."""
    passed = sum(w3c.judge(c, w3c.copro(w3c.parse(c.premise))) for c in CASES)
    assert passed == len(CASES) - len(LEFT_OUT)
    with capsys.disabled():
        print(f"\nW3C OWL 2 RL/RDF conformance: copro-kg passes {passed} of {len(CASES)}")
