"""How wide text is on paper, and wrapping it to a width: for the static pictures.

A static picture (:mod:`copro_kg.viz.picture`) is laid out before any viewer opens it,
so it measures its own text. The widths are Liberation Sans's (the advance widths of its
``hmtx`` table in thousandths of an em): it is metric-compatible with Arial -- the
picture's first font, on every office computer -- and so with Helvetica, which Arial's
widths follow; Linux systems without Arial draw Liberation Sans. Characters outside
printable ASCII are measured by their base letter (``é`` as ``e``), the typographic
quotes and dashes by their own width, anything else as a full em (too wide rather than
too narrow).

>>> round(text_width("co-design", 10), 1)
43.4
>>> wrap("Council website info on bin collections", 70, 9)
['Council website', 'info on bin', 'collections']
"""

from __future__ import annotations

import unicodedata

__all__ = ["LINE_HEIGHT", "text_width", "wrap"]

LINE_HEIGHT = 1.25
"""Distance between two baselines, in ems."""

_REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
)  # fmt: skip
_BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
)  # fmt: skip
"""Liberation Sans and Liberation Sans Bold, characters 32 (space) to 126 (``~``)."""

_PUNCTUATION = {
    "\u2018": (222, 278),
    "\u2019": (222, 278),
    "\u201c": (333, 500),
    "\u201d": (333, 500),
    "\u2013": (556, 556),
    "\u2014": (1000, 1000),
    "\u2026": (1000, 1000),
    "\u00a0": (278, 278),
}
"""Typographic quotes, dashes, the ellipsis and the no-break space (regular, bold)."""


def _char_width(char: str, bold: bool) -> int:
    code = ord(char)
    if 32 <= code <= 126:
        return (_BOLD if bold else _REGULAR)[code - 32]
    if char in _PUNCTUATION:
        return _PUNCTUATION[char][bold]
    base = unicodedata.normalize("NFKD", char)[:1]
    if base and 32 <= ord(base) <= 126:
        return (_BOLD if bold else _REGULAR)[ord(base) - 32]
    return 1000


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` set in ``size``-point DejaVu Sans (bold if asked), in points."""
    return sum(_char_width(c, bold) for c in text) * size / 1000


def _pieces(word: str, width: float, size: float, bold: bool) -> list[str]:
    """``word`` broken after its hyphens where it is wider than ``width`` ("co-" "design")."""
    if text_width(word, size, bold) <= width or "-" not in word.strip("-"):
        return [word]
    parts = word.split("-")
    out: list[str] = []
    current = ""
    for i, part in enumerate(parts):
        piece = part + ("-" if i < len(parts) - 1 else "")
        if current and text_width(current + piece, size, bold) > width:
            out.append(current)
            current = piece
        else:
            current += piece
    return [*out, current] if current else out


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` as lines no wider than ``width`` points, broken between words (and after
    a hyphen inside a word too long for a line); a newline starts a new line and an empty
    line stays. A single word wider than ``width`` keeps its own, wider line: text is
    never cut.
    """
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current = ""
        for word in paragraph.split():
            for i, piece in enumerate(_pieces(word, width, size, bold)):
                glue = "" if not current or i else " "  # a word's later pieces join on
                candidate = current + glue + piece
                if current and text_width(candidate, size, bold) > width:
                    lines.append(current)
                    current = piece
                else:
                    current = candidate
        lines.append(current)
    return lines
