"""Ill-typed means ill-typed: a literal's validity by its datatype's lexical space (XSD 1.1).

RDF 1.1 Concepts (3.3): a literal is *ill-typed* when its lexical form is not in the
lexical space of its datatype. rdflib's ``Literal.ill_typed`` answers another question --
could Python hold the value -- so it calls ``"P2147483647DT2147483647H..."^^xsd:dayTimeDuration``
(from W3C PROV's own examples) ill-typed because ``datetime.timedelta`` overflows, and
that used to give a false ``dt-not-type`` clash and a false warning (issue 29).

:func:`ill_typed` decides by the lexical spaces of XML Schema 1.1 Part 2 (Datatypes),
written here as the spec writes them (its regular expressions, section by section), plus
the value facets that restrict the derived integer types (``"300"^^xsd:byte``) and the
day-of-month rule of the date types (``"2023-02-30"^^xsd:date``). Whitespace is collapsed
first, as the non-string types' ``whiteSpace`` facet does: a stray space is not what
makes a value wrong. A datatype not listed here is left to rdflib (``rdf:XMLLiteral``,
``rdf:HTML``), or counted valid when rdflib has no opinion either: never an invented error.

>>> from rdflib import Literal
>>> from rdflib.namespace import XSD
>>> ill_typed(Literal("P2147483647DT2147483647H2147483647M123456789012345.123456789012345S",
...                   datatype=XSD.dayTimeDuration))
False
>>> ill_typed(Literal("abc", datatype=XSD.integer)), ill_typed(Literal("300", datatype=XSD.byte))
(True, True)
"""

from __future__ import annotations

import calendar
import re

from rdflib import Literal
from rdflib.namespace import XSD

__all__ = ["LEXICAL_SPACES", "ill_typed", "lexical_form"]

_TZ = r"(?:Z|[+-](?:(?:0[0-9]|1[0-3]):[0-5][0-9]|14:00))"
_YEAR = r"-?(?:[1-9][0-9]{3,}|0[0-9]{3})"
_MONTH = r"(?:0[1-9]|1[0-2])"
_DAY = r"(?:0[1-9]|[12][0-9]|3[01])"
_TIME = r"(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]+)?|24:00:00(?:\.0+)?)"
_DECIMAL = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_FLOAT = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[Ee][+-]?[0-9]+)?|[+-]?INF|NaN"
# §3.3.6.1 duration: the "durationLexicalRep" of the spec, its three fragments.
_SECONDS = r"[0-9]+(?:\.[0-9]+)?S"
_DU_TIME = rf"T(?:[0-9]+H(?:[0-9]+M)?(?:{_SECONDS})?|[0-9]+M(?:{_SECONDS})?|{_SECONDS})"
_DU_DAY_TIME = rf"(?:[0-9]+D(?:{_DU_TIME})?|{_DU_TIME})"
_DU_YEAR_MONTH = r"(?:[0-9]+Y(?:[0-9]+M)?|[0-9]+M)"
_DURATION = rf"-?P(?:{_DU_YEAR_MONTH}(?:{_DU_DAY_TIME})?|{_DU_DAY_TIME})"
_NAME_START = (  # XML 1.0 (5th ed.) NameStartChar
    r"[:A-Z_a-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF"
    r"\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD"
    r"\U00010000-\U000EFFFF]"
)
_OTHER_NAME_CHAR = r"[-.0-9\u00B7\u0300-\u036F\u203F-\u2040]"
_NAME_CHAR = rf"(?:{_NAME_START}|{_OTHER_NAME_CHAR})"
_NC_START = _NAME_START.replace(":", "", 1)  # Namespaces in XML: a Name without ':'
_NCNAME = rf"{_NC_START}(?:{_NC_START}|{_OTHER_NAME_CHAR})*"
_B64 = r"[A-Za-z0-9+/]"
_BASE64 = (
    rf"(?:(?:{_B64} ?){{4}})*(?:(?:{_B64} ?){{3}}{_B64}|(?:{_B64} ?){{2}}[AEIMQUYcgkosw048] ?="
    rf"|{_B64} ?[AQgw] ?= ?=)?"
)

_INTEGER = r"[+-]?[0-9]+"

_INTEGER_BOUNDS: dict[str, tuple[int | None, int | None]] = {
    "nonPositiveInteger": (None, 0),
    "negativeInteger": (None, -1),
    "long": (-(2**63), 2**63 - 1),
    "int": (-(2**31), 2**31 - 1),
    "short": (-(2**15), 2**15 - 1),
    "byte": (-(2**7), 2**7 - 1),
    "nonNegativeInteger": (0, None),
    "unsignedLong": (0, 2**64 - 1),
    "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1),
    "unsignedByte": (0, 2**8 - 1),
    "positiveInteger": (1, None),
}
"""minInclusive/maxInclusive of the derived integer types (§3.4.13 - §3.4.25): their
lexical space holds only the forms of values in range."""


LEXICAL_SPACES: dict[str, str] = {
    "boolean": r"true|false|1|0",  # §3.3.2
    "decimal": _DECIMAL,  # §3.3.3
    "float": _FLOAT,  # §3.3.4
    "double": _FLOAT,  # §3.3.5
    "duration": _DURATION,  # §3.3.6
    "dayTimeDuration": rf"-?P{_DU_DAY_TIME}",  # §3.4.27: no Y or M before T
    "yearMonthDuration": rf"-?P{_DU_YEAR_MONTH}",  # §3.4.26: no D, no T
    "dateTime": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_TZ}?",  # §3.3.7
    "dateTimeStamp": rf"{_YEAR}-{_MONTH}-{_DAY}T{_TIME}{_TZ}",  # §3.4.28
    "time": rf"{_TIME}{_TZ}?",  # §3.3.8
    "date": rf"{_YEAR}-{_MONTH}-{_DAY}{_TZ}?",  # §3.3.9
    "gYearMonth": rf"{_YEAR}-{_MONTH}{_TZ}?",  # §3.3.10
    "gYear": rf"{_YEAR}{_TZ}?",  # §3.3.11
    "gMonthDay": rf"--{_MONTH}-{_DAY}{_TZ}?",  # §3.3.12
    "gDay": rf"---{_DAY}{_TZ}?",  # §3.3.13
    "gMonth": rf"--{_MONTH}{_TZ}?",  # §3.3.14
    "hexBinary": r"(?:[0-9a-fA-F]{2})*",  # §3.3.15
    "base64Binary": _BASE64,  # §3.3.16
    "language": r"[a-zA-Z]{1,8}(?:-[a-zA-Z0-9]{1,8})*",  # §3.4.3
    "Name": f"{_NAME_START}{_NAME_CHAR}*",  # §3.4.5 (XML 1.0 Name)
    "NCName": _NCNAME,  # §3.4.7 (Namespaces in XML: a Name without ':')
    "ID": _NCNAME,
    "IDREF": _NCNAME,
    "ENTITY": _NCNAME,
    "NMTOKEN": f"{_NAME_CHAR}+",  # §3.4.4
    **{name: _INTEGER for name in ["integer", *_INTEGER_BOUNDS]},
}
"""The lexical space of each XSD 1.1 datatype checked here, as a regular expression over
the whitespace-collapsed lexical form (XML Schema 1.1 Part 2, the sections noted)."""

_COMPILED = {name: re.compile(rf"(?:{pattern})\Z") for name, pattern in LEXICAL_SPACES.items()}
_STRINGS = {"string", "normalizedString", "token"}
_DATED = {"dateTime", "dateTimeStamp", "date"}


_PYTHON_SPELLINGS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}
"""rdflib normalises a parsed ``"INF"^^xsd:float`` to Python's spelling, ``"inf"``, which
is not in the lexical space: these are the XSD spellings of what it wrote."""
_FLOATS = (XSD.float, XSD.double)


def lexical_form(lit: Literal) -> str:
    """The lexical form to write for ``lit``: its own, except Python's ``inf``, ``-inf``
    and ``nan`` of an ``xsd:float`` or ``xsd:double`` (rdflib's spelling of ``INF``,
    ``-INF``, ``NaN`` once parsed), written as XSD spells them.

    >>> lexical_form(Literal("INF", datatype=XSD.double, normalize=True))
    'INF'
    """
    text = str(lit)
    if lit.datatype in _FLOATS:
        return _PYTHON_SPELLINGS.get(text, text)
    return text


def ill_typed(lit: Literal) -> bool:
    """Whether ``lit``'s lexical form is outside its datatype's lexical space.

    A literal without a datatype, or of a string type, is never ill-typed here (any text
    is a string; ``normalizedString`` and ``token`` normalise rather than refuse).
    """
    dt = lit.datatype
    if dt is None:
        return False
    name = str(dt)[len(str(XSD)) :] if str(dt).startswith(str(XSD)) else None
    if name in _STRINGS or name == "anyURI":  # §3.3.17: any string is an anyURI's form
        return False
    pattern = _COMPILED.get(name) if name else None
    if pattern is None:
        return bool(lit.ill_typed)  # rdf:XMLLiteral, rdf:HTML ...: rdflib parses them
    form = lexical_form(lit)
    form = " ".join(form.split()) if name != "base64Binary" else form.strip()
    if not pattern.match(form):
        return True
    assert name is not None
    if name in _INTEGER_BOUNDS:
        low, high = _INTEGER_BOUNDS[name]
        number = int(form)
        return (low is not None and number < low) or (high is not None and number > high)
    if name in _DATED or name == "gMonthDay":
        return not _day_exists(form, name)
    return False


def _day_exists(form: str, name: str) -> bool:
    """The day-of-month rule (§D.3.1 "dayInMonth"): the 30th of February does not exist;
    the 29th exists in leap years (any year for ``gMonthDay``, which names no year)."""
    if name == "gMonthDay":
        month, day = int(form[2:4]), int(form[5:7])
        return day <= (29 if month == 2 else calendar.monthrange(2001, month)[1])
    match = re.match(r"(-?[0-9]+)-([0-9]{2})-([0-9]{2})", form)
    if match is None:  # pragma: no cover - the lexical pattern matched already
        return False
    year, month, day = (int(g) for g in match.groups())
    # The proleptic Gregorian calendar; XSD 1.1 years may be 0 or negative (year 0 is
    # 1 BCE, a leap year); Python's % keeps the rule for them.
    leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0
    days = 29 if month == 2 and leap else calendar.monthrange(2001, month)[1]
    return day <= days
