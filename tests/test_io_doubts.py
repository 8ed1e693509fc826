"""Doubtful input in the library (``copro_kg.io.doubts``): issued as warnings, never printed.

The CLI side (one ``warning:`` line, ``--strict``) is in ``tests/test_bad_input.py``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

import copro_kg
from copro_kg.errors import DoubtfulInputWarning, InputError
from copro_kg.io.doubts import well_formed_language_tag
from copro_kg.pipeline import Workspace

from .conftest import DATA_DIR

BAD = DATA_DIR / "bad"

# RFC 5646 Appendix A, "Some Valid Tags" (each is well-formed), and tags copro-kg uses.
WELL_FORMED = [
    "de",
    "fr",
    "ja",
    "i-enochian",
    "zh-Hant",
    "zh-Hans",
    "sr-Cyrl",
    "sr-Latn",
    "zh-cmn-Hans-CN",
    "cmn-Hans-CN",
    "zh-yue-HK",
    "yue-HK",
    "zh-Hans-CN",
    "sr-Latn-RS",
    "sl-rozaj",
    "sl-rozaj-biske",
    "sl-nedis",
    "de-CH-1901",
    "sl-IT-nedis",
    "hy-Latn-IT-arevela",
    "de-DE",
    "en-US",
    "es-419",
    "de-CH-x-phonebk",
    "az-Arab-x-AZE-derbend",
    "x-whatever",
    "qaa-Qaaa-QM-x-southern",
    "de-Qaaa",
    "sr-Latn-QM",
    "sr-Qaaa-RS",
    "en-US-u-islamcal",
    "zh-CN-a-myext-x-private",
    "en-a-myext-b-another",
    "cy",
    "en",
    "cy-GB",
]
# RFC 5646 Appendix A, "Some Invalid Tags" that are not even well-formed, and subtags
# longer than 8 characters (section 2.1: "1*8alphanum").
NOT_WELL_FORMED = ["de-419-DE", "a-DE", "en-unitedkingdom", "welshlanguage", "en--GB", "en-"]


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed_tags(tag: str) -> None:
    assert well_formed_language_tag(tag)


@pytest.mark.parametrize("tag", NOT_WELL_FORMED)
def test_tags_that_are_not_well_formed(tag: str) -> None:
    assert not well_formed_language_tag(tag)


def test_loading_warns_and_keeps_the_literal_as_written() -> None:
    with pytest.warns(DoubtfulInputWarning, match=r'"abc" is not a valid xsd:integer') as seen:
        graph = copro_kg.load([BAD / "ill-typed-integer.ttl"])
    assert any(str(o) == "abc" for o in graph.objects())
    assert [w.message.location for w in seen] == [f"{BAD / 'ill-typed-integer.ttl'}:4"]  # type: ignore[union-attr]


def test_a_caller_can_make_doubts_errors() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DoubtfulInputWarning)
        with pytest.raises(InputError, match="en-unitedkingdom"):
            copro_kg.load([BAD / "odd-language-tag.ttl"])


def test_the_workspace_warns_on_a_cache_hit_too(tmp_path: Path) -> None:
    data = tmp_path / "date.rdf"
    data.write_bytes((BAD / "ill-typed-date.rdf").read_bytes())
    with pytest.warns(DoubtfulInputWarning):
        Workspace([data]).reasoning()
    hit = Workspace([data])
    with pytest.warns(DoubtfulInputWarning, match="2024-13-45"):
        hit.reasoning()
    assert hit.key is not None  # it was the cache


def test_the_shipped_glossary_has_no_doubts() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", DoubtfulInputWarning)
        copro_kg.load()
