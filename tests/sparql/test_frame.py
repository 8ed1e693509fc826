"""A query's answer as a pandas DataFrame: columns, dtypes and values (issue 31).

Expectations come from the glossary (the spectrum's figure, through the library's expected
answer written from it) and from the XSD datatypes the values carry (XML Schema Part 2:
``xsd:integer`` is a whole number, ``xsd:date`` a calendar date ...).
"""

from __future__ import annotations

import csv
import datetime
import sys

import pandas as pd
import pytest

import copro_kg
from copro_kg.resources import QUERIES_DIR


def _expected(name: str) -> list[dict[str, str]]:
    with (QUERIES_DIR / "expected" / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def spectrum() -> pd.DataFrame:
    return copro_kg.ask("spectrum-in-order", labels=True).to_dataframe()


def test_a_library_answer_has_its_variables_and_labels_as_columns(spectrum: pd.DataFrame) -> None:
    assert list(spectrum.columns) == ["position", "level", "level_label", "group", "group_label"]


def test_numbers_are_numbers_and_iris_strings(spectrum: pd.DataFrame) -> None:
    # The figure's columns, left to right: "coercion protection / education persuasion /
    # information consultation participation / co-production involvement".
    expected = _expected("spectrum-in-order")
    assert spectrum["position"].dtype == "int64"
    assert spectrum["position"].tolist() == [int(row["position"]) for row in expected]
    for column in ("level", "level_label", "group", "group_label"):
        assert pd.api.types.is_string_dtype(spectrum[column]), column
    assert spectrum["level"].tolist() == [row["level"] for row in expected]
    # The labels are the glossary's own words for the levels and groups.
    assert spectrum["level_label"].tolist()[4:7] == ["Information", "Consultation", "Participation"]
    assert set(spectrum["group_label"]) == {"Doing to", "Doing for", "Doing with"}


def test_iris_as_curies_by_choice() -> None:
    frame = copro_kg.ask("levels-doing-for").to_dataframe(iris="curie")
    assert frame["level"].tolist() == [
        "copro:information",
        "copro:consultation",
        "copro:participation",
    ]


TYPED = """
SELECT ?count ?share ?ratio ?issued ?at ?open ?note WHERE {
  VALUES (?count ?share ?ratio ?issued ?at ?open ?note) {
    (1 1.5 "2.5e0"^^xsd:double "2022-08-01"^^xsd:date
       "2022-08-01T10:30:00"^^xsd:dateTime true "v1.5"@en)
    (UNDEF 2.0 UNDEF "2022-09-01"^^xsd:date
       UNDEF false "August 2022")
  }
}
"""


def test_values_are_typed_by_their_xsd_datatype() -> None:
    frame = copro_kg.ask(TYPED, reasoned=False).to_dataframe()
    assert str(frame["count"].dtype) == "Int64" and frame["count"].tolist()[0] == 1
    assert frame["count"].isna().tolist() == [False, True]  # unbound is missing, not 0
    assert frame["share"].dtype == "float64" and frame["share"].tolist() == [1.5, 2.0]
    assert frame["ratio"].dtype == "float64" and frame["ratio"].isna().tolist() == [False, True]
    assert pd.api.types.is_datetime64_any_dtype(frame["issued"])
    assert frame["issued"].dt.date.tolist() == [
        datetime.date(2022, 8, 1),
        datetime.date(2022, 9, 1),
    ]
    assert pd.api.types.is_datetime64_any_dtype(frame["at"])
    assert frame["at"][0] == pd.Timestamp("2022-08-01T10:30:00")
    assert frame["open"].tolist() == [True, False]
    assert frame["note"].tolist() == ["v1.5", "August 2022"]


def test_an_ill_typed_number_stays_text() -> None:
    frame = copro_kg.ask(
        'SELECT ?n WHERE { VALUES ?n { "abc"^^xsd:integer 3 } }', reasoned=False
    ).to_dataframe()
    assert frame["n"].tolist() == ["abc", 3]  # not coerced: the bad value stays visible


def test_a_yes_no_answer_is_not_a_table() -> None:
    answer = copro_kg.ask("is-all-co-production-involvement")
    with pytest.raises(copro_kg.QueryError, match="not a table"):
        answer.to_dataframe()


def test_without_pandas_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    answer = copro_kg.ask("levels-doing-for")
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now fails
    with pytest.raises(copro_kg.MissingDependencyError) as caught:
        answer.to_dataframe()
    assert "pandas" in str(caught.value)
    assert caught.value.hint == "pip install 'copro-kg[pandas]'"
    assert isinstance(caught.value, ImportError)
