"""Looking up the glossary site's interface strings, in a language, with English behind.

The words themselves are the catalogue :mod:`copro_kg.site.catalogue` (one file for a
translator); this module is the rule for reading it: an entry in the language asked for
if the catalogue has a verified one, else English, with its ``{placeholders}`` filled.
Templates and page scripts reach the catalogue only through here.

Terms' labels are not here: they come from the graph (``skos:prefLabel@cy`` where the
ontology has a verified Welsh label).

>>> message("org_name")
'Co-production Network for Wales'
>>> message("org_name", "cy")
'Rhwydwaith Cydgynhyrchu Cymru'
>>> message("search_button", "cy")  # not verified in Welsh: English is used
'Search'
"""

from __future__ import annotations

from typing import Final

from copro_kg.site.catalogue import MESSAGES

__all__ = ["DEFAULT_LANGUAGE", "has_translation", "message", "questionnaire_messages"]

DEFAULT_LANGUAGE: Final = "en"
"""The language every entry has (the fallback)."""


def message(key: str, lang: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The interface string ``key`` in ``lang``, falling back to English.

    Args:
        key: a key of :data:`MESSAGES`.
        lang: a BCP 47 language tag; only ``en`` and (for some keys) ``cy`` exist.
        **values: placeholders to fill (``{label}`` ...); filled as plain text, the
            templates escape the result.

    Raises:
        KeyError: ``key`` is not in the catalogue (a bug in a template).
    """
    entry = MESSAGES[key]
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def has_translation(key: str, lang: str) -> bool:
    """Whether ``key`` has its own (verified) entry in ``lang``.

    >>> has_translation("org_name", "cy"), has_translation("site_title", "cy")
    (True, False)
    """
    return lang in MESSAGES[key]


def questionnaire_messages() -> dict[str, str]:
    """The questionnaire script's sentences, from the catalogue ({placeholders} kept)."""
    return {
        "level": message("q_result_level"),
        "test": message("q_result_test"),
        "ours": message("q_result_ours"),
        "group": message("q_result_group"),
        "why": message("q_result_why"),
        "from": message("q_result_from"),
        "answer": message("q_result_answer"),
        "read": message("q_result_read"),
        "none": message("q_result_none"),
        "candidates": message("q_result_candidates"),
        "conflict": message("q_result_conflict"),
        "conflict_with": message("q_result_conflict_with"),
        "conflict_but": message("q_result_conflict_but"),
        "phase": message("q_result_phase"),
        "caveat": message("q_result_caveat"),
        "elimination": message("q_result_elimination"),
        "question": message("q_result_question"),
        "if": message("q_result_if"),
        "follows": message("q_result_follows"),
        "planning": message("q_result_planning"),
        "status": message("q_result_status"),
    }
