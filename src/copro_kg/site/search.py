"""The site's search index: every term with the words the glossary gives for it.

Search has to find a term by whatever a practitioner types: its name or another name
("citizen engagement"), an example the glossary gives under it ("FixMyStreet" and
"surveys" sit under consultation, "focus groups" under participation, "bin collections"
under information, "safeguarding" under coercion and protection), a quote or a
definition. So each entry carries those fields separately, in the order search weighs
them, and ``static/search.js`` matches the typed words against them (folding case,
accents and hyphens, and plurals to singulars) and says which field matched.

The index is a script file that sets ``window.COPRO_SEARCH_INDEX``, not JSON fetched at
run time: browsers refuse ``fetch()`` of ``file://`` URLs, and the site must work opened
from disk.

>>> from copro_kg.site.records import Passage, Term
>>> term = Term("urn:x", "x", "Consultation", examples=["surveys"],
...             definition=Passage("A formal process."))
>>> entry = search_index([term])[0]
>>> entry["label"], entry["ex"], entry["def"]
('Consultation', ['surveys'], 'A formal process.')
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from copro_kg.site.pages import summary as page_summary
from copro_kg.site.records import Term

__all__ = ["FIELDS", "search_index", "search_index_script"]

_SPACES = re.compile(r"[ \t\r\n]+")

FIELDS = ("label", "alt", "ex", "q", "def", "notes")
"""The fields of an entry that search matches, most telling first: the name, other names
(English and Welsh), the glossary's examples, its quotes, the definition, and the rest of
the glossary's text on the term's page (criteria, distinctions, notes, passages)."""


def _flat(text: str) -> str:
    """``text`` on one line. Only ASCII whitespace is folded: a U+2028 in a label is
    data, kept (and escaped by :func:`search_index_script`)."""
    return _SPACES.sub(" ", text).strip()


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(_flat(t) for t in texts if t.strip()))


def search_index(terms: Iterable[Term]) -> list[dict[str, Any]]:
    """The prebuilt search index: one entry per term, with the fields of :data:`FIELDS`
    (empty ones left out), its Welsh label, its scheme (another model's term) and a
    summary to show under the result."""
    out = []
    for term in terms:
        entry: dict[str, Any] = {"slug": term.slug, "label": term.label}
        if term.scheme_label:
            entry["scheme"] = term.scheme_label
        if term.label_cy:
            entry["cy"] = term.label_cy
        fields = {
            "alt": _unique([*term.alt_labels, *term.alt_labels_cy]),
            "ex": _unique(term.examples),
            "q": _unique(q.text for q in term.quotes),
            "notes": _unique(
                [
                    *(p.text for p in term.how_we_know),
                    *(d.reason for d in term.distinctions),
                    *(p.text for p in term.passages),
                    *term.notes,
                ]
            ),
        }
        entry.update({key: value for key, value in fields.items() if value})
        summary = page_summary(term)
        if summary:
            entry["summary"] = summary
        if term.definition is not None:
            entry["def"] = _flat(term.definition.text)
            entry["text"] = entry["def"]  # the name older scripts read the definition by
        out.append(entry)
    return out


def search_index_script(terms: Iterable[Term]) -> str:
    """The index as a script that sets ``window.COPRO_SEARCH_INDEX``.

    ``json.dumps`` with ``ensure_ascii`` gives a valid JavaScript literal
    (U+2028/U+2029 escaped) that no label can break out of; ``<``, ``>`` and ``&`` are
    escaped as well, so the index stays inert even if pasted into an inline script.

    >>> search_index_script([]).strip()
    'window.COPRO_SEARCH_INDEX = [];'
    """
    data = json.dumps(search_index(terms), ensure_ascii=True, sort_keys=True, indent=0)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, escaped)
    return f"window.COPRO_SEARCH_INDEX = {data};\n"
