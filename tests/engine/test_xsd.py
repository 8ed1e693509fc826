"""Ill-typed means ill-typed (issue 29): a literal's validity is its datatype's lexical
space (XML Schema 1.1 Part 2), not whether Python can hold its value.

Before, rdflib's ``ill_typed`` (a failed conversion to a Python value) decided: W3C PROV's
own example ``"P2147483647DT2147483647H2147483647M123456789012345.123456789012345S"^^
xsd:dayTimeDuration`` overflowed ``timedelta``, got a warning "is not a valid
xsd:dayTimeDuration" and a ``dt-not-type`` clash -- and dayTimeDuration is not even a
datatype OWL 2 RL supports (Profiles §4.2), so the rule does not apply to it at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from copro_kg.engine.xsd import ill_typed, lexical_form
from tests.conftest import DATA_DIR, RunCli

EXTREME = DATA_DIR / "xsd" / "extreme-valid.ttl"
VALID = sorted(
    (o for _, _, o in Graph().parse(EXTREME) if isinstance(o, Literal)),
    key=lambda o: (str(o.datatype), str(o)),
)

INVALID = [
    # (lexical form, datatype, the rule of XML Schema 1.1 Part 2 it breaks)
    ("abc", "integer", "3.4.13: [\\-+]?[0-9]+"),
    ("1.5", "integer", "3.4.13: no fraction"),
    ("128", "byte", "3.4.19: maxInclusive 127"),
    ("-1", "unsignedInt", "3.4.22: minInclusive 0"),
    ("0", "positiveInteger", "3.4.25: minInclusive 1"),
    ("1", "negativeInteger", "3.4.15: maxInclusive -1"),
    ("18446744073709551616", "unsignedLong", "3.4.21: maxInclusive 2^64-1"),
    ("1.2.3", "decimal", "3.3.3"),
    ("INFINITY", "double", "3.3.5: INF, not INFINITY"),
    ("yes", "boolean", "3.3.2: true, false, 1, 0"),
    ("TRUE", "boolean", "3.3.2: lower case"),
    ("P", "duration", "3.3.6: at least one field"),
    ("PT", "duration", "3.3.6: T needs a field after it"),
    ("P1Y", "dayTimeDuration", "3.4.27: no years or months"),
    ("P1D", "yearMonthDuration", "3.4.26: no days or time"),
    ("2023-02-30", "date", "D.3.1: February has no 30th"),
    ("1900-02-29", "date", "D.3.1: 1900 was no leap year"),
    ("2023-13-01", "date", "3.3.9: month 01-12"),
    ("99-01-01", "date", "3.3.9: at least four year digits"),
    ("2000-01-01T00:00:00", "dateTimeStamp", "3.4.28: the time zone is required"),
    ("2000-01-01T25:00:00", "dateTime", "3.3.7: hour 00-23 (or 24:00:00)"),
    ("2000-01-01T00:00:00+15:00", "dateTime", "3.3.7: time zone within 14:00"),
    ("24:00:01", "time", "3.3.8: only 24:00:00"),
    ("--02-30", "gMonthDay", "3.3.12: February has no 30th"),
    ("0FB", "hexBinary", "3.3.15: pairs of hex digits"),
    ("YQ=", "base64Binary", "3.3.16: padding"),
    ("en_GB", "language", "3.4.3: subtags joined by '-'"),
    ("a:b", "NCName", "3.4.7: no colon"),
    ("1a", "NCName", "3.4.7: starts with a letter or '_'"),
]


def test_there_is_an_extreme_value_for_every_datatype_we_read() -> None:
    from copro_kg.engine.xsd import LEXICAL_SPACES

    typed = {str(o.datatype).removeprefix(str(XSD)) for o in VALID}
    others = {"string", "anyURI"}  # every text is in their lexical space
    assert set(LEXICAL_SPACES) - {"ID", "IDREF", "ENTITY"} | others <= typed


@pytest.mark.parametrize("lit", VALID, ids=lambda o: f"{str(o.datatype).split('#')[1]}:{o}")
def test_extreme_but_valid_literals_are_not_ill_typed(lit: Literal) -> None:
    assert not ill_typed(lit)


@pytest.mark.parametrize(
    ("form", "datatype", "rule"), INVALID, ids=[f"{d}:{f}" for f, d, _ in INVALID]
)
def test_forms_outside_the_lexical_space_are_ill_typed(form: str, datatype: str, rule: str) -> None:
    # normalize=False: the form as written (rdflib would rewrite "INFINITY" as "inf").
    assert ill_typed(Literal(form, datatype=XSD[datatype], normalize=False)), rule


def test_rdflibs_spelling_of_infinity_is_written_as_xsd_spells_it() -> None:
    """rdflib reads ``"INF"^^xsd:float`` as Python's ``inf``; written back, it must be
    ``INF`` again (3.3.4: INF, -INF, NaN), or the file is not valid for any reader."""
    parsed = Graph().parse(
        data='<urn:a> <urn:p> "-INF"^^<http://www.w3.org/2001/XMLSchema#float> .', format="nt"
    )
    [(_, _, lit)] = list(parsed)
    assert isinstance(lit, Literal) and not ill_typed(lit)
    assert lexical_form(lit) == "-INF"


def test_extreme_values_reason_and_write_with_no_warning_and_no_clash(
    run_cli: RunCli, tmp_path: Path
) -> None:
    for ext in ("ttl", "nt", "jsonld", "rdf"):
        out = tmp_path / f"extreme.{ext}"
        result = run_cli("reason", "--no-cache", "--data", str(EXTREME), "-o", str(out))
        assert result.exit_code == 0, result.stderr
        assert [line for line in result.stderr.splitlines() if not line.startswith("wrote ")] == []
        text = out.read_text(encoding="utf-8")
        assert "2147483647DT2147483647H" in text and '"inf"' not in text


def test_ill_typed_literals_of_datatypes_outside_owl2rl_are_warned_but_never_a_clash(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """dt-not-type is for "each datatype dt supported in OWL 2 RL" (Profiles §4.3, Table 8);
    xsd:date is not one (§4.2). An ill-typed xsd:date is doubtful input: one warning."""
    data = tmp_path / "dates.ttl"
    data.write_text(
        '<http://example.org/a> <http://example.org/on> "2023-02-30"^^'
        "<http://www.w3.org/2001/XMLSchema#date> .\n",
        encoding="utf-8",
    )
    result = run_cli("reason", "--no-cache", "--data", str(data), "-o", str(tmp_path / "o.ttl"))
    assert result.exit_code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert '"2023-02-30" is not a valid xsd:date' in warning
    assert "inconsistency" not in result.stderr
