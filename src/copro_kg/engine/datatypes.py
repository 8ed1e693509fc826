"""Data values of literals, for the OWL 2 RL datatype rules (dt-eq, dt-diff, dt-not-type).

OWL 2 RL (Profiles, Section 4.3, Table 8) compares literals by their *data value*,
not their spelling: ``"1"^^xsd:integer``, ``"01"^^xsd:int`` and ``"1.0"^^xsd:decimal``
are one value (``dt-eq``), ``"Peter"`` and ``"Kichwa-Tembo"`` are two (``dt-diff``).
:func:`value_key` maps a literal to a hashable key that is equal exactly when the data
values are identical, within the value spaces OWL 2 defines (Structural Specification,
Section 4): the decimal-derived types share ``owl:real``'s numbers; ``xsd:float`` and
``xsd:double`` are separate spaces in which ``+0`` and ``-0`` are distinct and NaN is
not equal to itself; strings and their XML Schema subtypes share one space; a
language-tagged string is a pair (text, lower-cased tag).

:func:`outside` says whether a value certainly lies outside a datatype's value space
(rule ``dt-not-type``); it answers False when unsure, so no inconsistency is invented.

>>> from rdflib import Literal
>>> from rdflib.namespace import XSD
>>> value_key(Literal("01", datatype=XSD.int)) == value_key(Literal("1.0", datatype=XSD.decimal))
True
>>> outside(Literal("300", datatype=XSD.integer), XSD.byte)
True
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from copro_kg.engine.xsd import ill_typed

__all__ = ["INTEGER_BOUNDS", "STRING_TYPES", "outside", "value_key"]

_REAL = frozenset(
    XSD[n]
    for n in [
        "decimal",
        "integer",
        "nonNegativeInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "positiveInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    ]
)
STRING_TYPES: frozenset[URIRef] = frozenset(
    XSD[n] for n in ["string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN"]
)
"""``xsd:string`` and the types derived from it: one value space (strings)."""

INTEGER_BOUNDS: dict[URIRef, tuple[int | None, int | None]] = {
    XSD.integer: (None, None),
    XSD.nonNegativeInteger: (0, None),
    XSD.positiveInteger: (1, None),
    XSD.nonPositiveInteger: (None, 0),
    XSD.negativeInteger: (None, -1),
    XSD.long: (-(2**63), 2**63 - 1),
    XSD.int: (-(2**31), 2**31 - 1),
    XSD.short: (-(2**15), 2**15 - 1),
    XSD.byte: (-(2**7), 2**7 - 1),
    XSD.unsignedLong: (0, 2**64 - 1),
    XSD.unsignedInt: (0, 2**32 - 1),
    XSD.unsignedShort: (0, 2**16 - 1),
    XSD.unsignedByte: (0, 2**8 - 1),
}
"""XML Schema Part 2 bounds of the integer types (inclusive; None: unbounded)."""

_SIMPLE = {
    XSD.boolean: "boolean",
    XSD.anyURI: "anyURI",
    XSD.hexBinary: "hexBinary",
    XSD.base64Binary: "base64Binary",
    XSD.dateTime: "dateTime",
    XSD.dateTimeStamp: "dateTime",
}


def value_key(lit: Literal) -> tuple[Any, ...] | None:
    """A key equal for two literals exactly when their data values are identical.

    None for an ill-typed literal, NaN, or a datatype outside the ones compared here
    (the literal then takes part in neither dt-eq nor dt-diff).
    """
    dt = lit.datatype
    if ill_typed(lit):
        return None
    if dt is None:
        if lit.language is not None:
            return ("lang", str(lit), lit.language.lower())
        return ("string", str(lit))
    if dt in STRING_TYPES:
        return ("string", str(lit))
    value = lit.toPython()
    if dt in _REAL:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            return None
        return ("real", value)  # int 1 == Decimal("1.0"), and they hash alike
    if dt in (XSD.float, XSD.double):
        if not isinstance(value, float) or math.isnan(value):
            return None
        return (str(dt), value, math.copysign(1.0, value))
    space = _SIMPLE.get(URIRef(dt))
    if space is None or isinstance(value, Literal):
        return None
    return (space, value)


def outside(lit: Literal, dt: URIRef) -> bool:
    """Whether ``lit``'s value is certainly not in the value space of datatype ``dt``."""
    if dt == RDFS.Literal:
        return False
    key = value_key(lit)
    if key is None:
        return False
    space: str = key[0]
    if dt in INTEGER_BOUNDS or dt == XSD.decimal:
        if space != "real":
            return True
        number = key[1]
        if dt == XSD.decimal:
            return False
        if number != int(number):
            return True
        low, high = INTEGER_BOUNDS[dt]
        return (low is not None and number < low) or (high is not None and number > high)
    if dt in (XSD.float, XSD.double):
        return space != str(dt)
    if dt == RDF.PlainLiteral:
        return space not in ("string", "lang")
    if dt == XSD.string:
        return space != "string"
    if dt in STRING_TYPES:  # subtypes: only a value of another space is certainly out
        return space != "string"
    simple = _SIMPLE.get(dt)
    if simple is not None:
        return space != simple
    return False
