"""A SELECT answer as a pandas DataFrame: one column per variable, values typed.

An analyst's first step with an answer is a DataFrame; this is the one conversion, so every
notebook and script gets the same types:

* numbers as numbers: ``xsd:integer`` and its kinds as integers (``Int64`` when a value is
  missing, as pandas does for integers with gaps), ``xsd:decimal``/``float``/``double`` as
  floats;
* ``xsd:date`` and ``xsd:dateTime`` as datetimes, ``xsd:boolean`` as booleans;
* IRIs as strings: the full IRI (``iris="iri"``, the default) or a CURIE
  (``iris="curie"``: ``copro:co-design``, by the project's one CURIE rule; an IRI under no
  known prefix stays whole); blank nodes as ``_:id``;
* every other literal as its text (a language tag is dropped: ask for
  ``lang(?x)`` in the query to keep it); an ill-typed literal (``"abc"^^xsd:integer``) as
  its text, so the column stays text rather than hiding a bad value;
* an unbound variable as missing (``<NA>``, ``NaN`` or ``NaT`` by the column's type).

Labels are columns like any other: ask with ``labels=True``
(:func:`copro_kg.sparql.ask.ask`, ``copro-kg query --labels``) and each column of IRIs
``x`` has an ``x_label`` column beside it.

pandas is an optional dependency (``pip install 'copro-kg[pandas]'``): it is imported
here, on first use, and its absence is one clear error.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol
from typing import Literal as Choice

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from copro_kg.errors import MissingDependencyError, QueryError
from copro_kg.vocab.labels import curie

__all__ = ["IriStyle", "Table", "cell_value", "to_dataframe"]

IriStyle = Choice["iri", "curie"]
"""How IRIs are written in a DataFrame: the whole IRI, or a CURIE."""


class Table(Protocol):
    """What a DataFrame is made of: a query answer's form, column names and rows
    (:class:`copro_kg.sparql.answer.QueryResult`, which imports this module lazily: a
    structural type keeps the two modules free of an import cycle)."""

    @property
    def form(self) -> str: ...
    @property
    def variables(self) -> tuple[str, ...]: ...
    @property
    def rows(self) -> tuple[tuple[Node | None, ...], ...]: ...


_INSTALL = "pip install 'copro-kg[pandas]'"


def _pandas() -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError as err:
        raise MissingDependencyError(
            "a DataFrame needs pandas, which is not installed", hint=_INSTALL
        ) from err


def cell_value(term: Node | None, iris: IriStyle = "iri") -> object:
    """The Python value of one answer cell (``None`` when the variable is unbound).

    >>> from rdflib.namespace import XSD
    >>> cell_value(Literal("6", datatype=XSD.integer))
    6
    >>> cell_value(URIRef("https://w3id.org/copro-kg/co-design"), "curie")
    'copro:co-design'
    >>> cell_value(Literal("abc", datatype=XSD.integer))
    'abc'
    """
    if term is None:
        return None
    if isinstance(term, URIRef):
        if iris == "curie":
            short = curie(term)
            return str(term) if short.startswith("<") else short
        return str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        value = term.value if term.ill_typed is not True else None
        if isinstance(value, bool | int | float | datetime.date):
            return value
        if isinstance(value, Decimal):
            return float(value)
        return str(term)
    return str(term)


def _column(pd: Any, values: Sequence[object]) -> Any:
    """A Series of ``values`` with the dtype their kind calls for (see the module doc)."""
    present = [v for v in values if v is not None]
    kinds = {type(v) for v in present}
    missing = len(present) < len(values)
    if present and kinds <= {bool}:
        return pd.Series(values, dtype="boolean" if missing else bool)
    if present and kinds <= {int}:
        return pd.Series(values, dtype="Int64" if missing else "int64")
    if present and kinds <= {int, float}:
        return pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
    if present and all(isinstance(v, datetime.date) for v in present):
        return pd.to_datetime(pd.Series(values, dtype=object))
    if not present:
        return pd.Series(values, dtype=object)
    # Text, or a mix of kinds: strings (a mixed column keeps each value as it came).
    return pd.Series(values, dtype=object if kinds - {str} else None)


def to_dataframe(result: Table, *, iris: IriStyle = "iri") -> Any:
    """``result`` (a SELECT answer) as a :class:`pandas.DataFrame`, in the answer's order.

    Raises:
        QueryError: the answer is not a table (ASK, CONSTRUCT, DESCRIBE) or ``iris`` is
            neither ``"iri"`` nor ``"curie"``.
        MissingDependencyError: pandas is not installed.
    """
    if result.form != "SELECT":
        raise QueryError(
            f"a {result.form} answer is not a table, so it has no DataFrame",
            hint="use a SELECT query",
        )
    if iris not in ("iri", "curie"):
        raise QueryError(f"iris must be 'iri' or 'curie', not {iris!r}")
    pd = _pandas()
    columns = {
        name: _column(pd, [cell_value(row[i], iris) for row in result.rows])
        for i, name in enumerate(result.variables)
    }
    return pd.DataFrame(columns, columns=list(result.variables))
