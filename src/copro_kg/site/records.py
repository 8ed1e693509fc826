"""The records the site's pages show: a term and its links, passages and mappings.

Plain dataclasses (no rdflib), filled by :func:`copro_kg.site.model.read_terms` and read
by the templates; plus the site's naming rules: :func:`slug_for` (a term's page name),
:func:`fold` (sorting and searching) and :func:`in_sentence` (a label mid-sentence).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from rdflib.term import Node

from copro_kg.namespace import BASE
from copro_kg.prefixes import MAPPED_BASE

__all__ = [
    "Distinction",
    "Explain",
    "Link",
    "Mapping",
    "Passage",
    "Term",
    "Triple",
    "Why",
    "fold",
    "in_sentence",
    "sentence_case",
    "slug_for",
]

Triple = tuple[Node, Node, Node]


@dataclass(frozen=True)
class Why:
    """Why a link copro-kg worked out holds, as a term page shows it.

    ``stated``: the links stated in the data that it rests on, in words (what everyone
    reads); ``technical``: the derivation, each step with its rule code, in RDF's terms
    (behind the page's "technical detail" switch).
    """

    stated: tuple[str, ...]
    technical: str


Explain = Callable[[Triple], Why | None]
"""Explains an inferred triple (:func:`copro_kg.site.explaining.default_explainer`), or
returns None."""

_SAFE_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


@dataclass(frozen=True)
class Link:
    """A link from one term to another, for a list on a term page."""

    slug: str
    label: str
    inferred: bool = False
    explanation: Why | None = None
    label_cy: str | None = None
    order: int | None = None
    """The target's ``copro:listPosition``: its place in a list the glossary gives."""
    ours: str = ""
    """Why an asserted link is ours, not the glossary's ("" when the glossary says it):
    :class:`copro_kg.vocab.evidence.LinkEvidence` decides, as for the graphs' dotted lines."""
    ours_kind: bool = False
    """Ours by its kind (copro-kg's model or bookkeeping), not a reading of the glossary."""
    stated: tuple[str, str, str] | None = None
    """The asserted triple (subject, predicate, object IRIs) the link shows; None when
    inferred."""

    @property
    def sort_key(self) -> tuple[bool, int, str]:
        """The glossary's order where it gives one (``order``), else A to Z."""
        return (self.order is None, self.order or 0, fold(self.label))


@dataclass(frozen=True)
class Passage:
    """A sentence or paragraph from the glossary (or ours), with where it comes from.

    ``items`` is the list the sentence introduces, in the glossary's order ("underpinned
    by the following 5 values": the 5 values), shown in full under it; ``links`` are the
    other terms a passage is shown with (a glossary ``copro:Passage``).
    """

    text: str
    source: str | None = None
    source_url: str | None = None
    section: str | None = None
    items: tuple[Link, ...] = ()
    links: tuple[Link, ...] = ()
    ours: str = ""
    """Why the text is ours, not the glossary's ("" when it is the glossary's)."""


@dataclass(frozen=True)
class Distinction:
    """ "It's not OTHER because REASON" -- a distinction the glossary draws."""

    other: Link
    reason: str
    because: bool = True
    """True when the glossary words it "It's not OTHER because: REASON"."""


@dataclass(frozen=True)
class Mapping:
    """A link to a term of another model (Arnstein, TLAP, IAP2 ...); always ours."""

    relation_key: str
    target_label: str
    scheme_label: str | None
    target_iri: str
    note: str | None = None
    source_url: str | None = None
    slug: str | None = None
    """The target's page on this site, when it has one."""


@dataclass
class Term:
    """Everything one term page shows."""

    iri: str
    slug: str
    label: str
    label_cy: str | None = None
    alt_labels: list[str] = field(default_factory=list)
    alt_labels_cy: list[str] = field(default_factory=list)
    welsh_note: str | None = None
    definition: Passage | None = None
    how_we_know: list[Passage] = field(default_factory=list)
    distinctions: list[Distinction] = field(default_factory=list)
    quotes: list[Passage] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ours: dict[str, str] = field(default_factory=dict)
    """Texts on the page that are ours (a note, a definition from another source), each
    with the reason: the page marks them, so the glossary's words stand apart."""
    criteria: list[Passage] = field(default_factory=list)
    """Criteria that are not the glossary's own "How we know it's ..." sentence (the
    figure's statements for a group; our readings, marked)."""
    broader_generic: list[Link] = field(default_factory=list)
    narrower_generic: list[Link] = field(default_factory=list)
    broader_partitive: list[Link] = field(default_factory=list)
    narrower_partitive: list[Link] = field(default_factory=list)
    broader_other: list[Link] = field(default_factory=list)
    narrower_other: list[Link] = field(default_factory=list)
    related: list[Link] = field(default_factory=list)
    mappings: list[Mapping] = field(default_factory=list)
    group: Link | None = None
    position: int | None = None
    next_phase: Link | None = None
    next_phases: list[Link] = field(default_factory=list)
    previous_phases: list[Link] = field(default_factory=list)
    """The phases the data says lead to this one (stated ``copro:nextPhase`` links)."""
    more_power_than: list[Link] = field(default_factory=list)
    less_power_than: list[Link] = field(default_factory=list)
    """The spectrum's neighbours the data states (``copro:sharesMorePowerThan``)."""
    levels: list[Link] = field(default_factory=list)
    """A group's levels (stated ``copro:inGroup`` links to it)."""
    """Every phase that follows, in the glossary's order (co-planning: co-design and
    co-decision making); ``next_phase`` is the first of them."""
    passages: list[Passage] = field(default_factory=list)
    """The glossary's paragraphs of advice shown on this page (``copro:Passage``)."""
    phase_number: int | None = None
    list_position: int | None = None
    """``copro:listPosition``: the term's place in a list the glossary gives (the cycle's
    sentence names co-design before co-decision making, which share phase 2)."""
    statements: list[str] = field(default_factory=list)
    in_glossary: bool = True
    scheme_label: str | None = None
    """For a concept of another scheme (Arnstein, TLAP, IAP2): that scheme's name."""
    deprecated: bool = False
    """``owl:deprecated true``: the page stays, out of the A-Z, search and hierarchy."""
    replaced_by: list[Link] = field(default_factory=list)
    history_notes: list[str] = field(default_factory=list)
    new_in: str | None = None
    """The first release that holds the term (:mod:`copro_kg.site.changes`)."""
    changed_in: list[str] = field(default_factory=list)
    unreleased: str | None = None
    """``new`` or ``changed`` when the working glossary differs from the last release."""

    @property
    def sort_key(self) -> str:
        """Alphabetical order that ignores case, accents and a leading "co-"'s hyphen."""
        return fold(self.label)

    @property
    def inferred_count(self) -> int:
        """How many links on the page the reasoner added."""
        return sum(link.inferred for link in self.all_links())

    def all_links(self) -> list[Link]:
        """Every term-to-term link on the page, in display order."""
        return [
            *self.broader_generic,
            *self.narrower_generic,
            *self.broader_partitive,
            *self.narrower_partitive,
            *self.broader_other,
            *self.narrower_other,
            *self.related,
        ]

    def shown_links(self) -> list[Link]:
        """Every term-to-term link the page shows: the related terms, the spectrum box's
        group and neighbours, the cycle box's phases (each marked ours where it is)."""
        return [
            *self.all_links(),
            *([self.group] if self.group else []),
            *self.levels,
            *self.more_power_than,
            *self.less_power_than,
            *self.next_phases,
            *self.previous_phases,
        ]


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents, for sorting and searching.

    >>> fold("Cydgynhyrchu Ŵ")
    'cydgynhyrchu w'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def in_sentence(label: str) -> str:
    """A label as it reads mid-sentence: "How we know it's participation", not
    "... it's Participation" (the glossary's own wording). Only a capital followed by
    lower case is lowered, so acronyms (IAP2, TLAP) and names in capitals stay.

    >>> in_sentence("Participation"), in_sentence("IAP2 Consult")
    ('participation', 'IAP2 Consult')
    """
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def sentence_case(text: str) -> str:
    """``text`` with a capital first letter (a sentence cut out of a longer one).

    >>> sentence_case("the organisation engages")
    'The organisation engages'
    """
    return text[:1].upper() + text[1:]


def slug_for(iri: str, label: str | None = None) -> str:
    """A stable, file-system-safe page name for a term.

    Terms in the copro namespace use their own kebab-case local name
    (``copro:co-design`` -> ``co-design``), so URLs stay stable as long as IRIs do; terms
    of the models we map to, in their own spaces under ``mapped/``, their path with ``-``
    for ``/`` (``arnstein:citizen-power`` -> ``mapped-arnstein-citizen-power``: the page of
    its old, deprecated IRI ``copro:arnstein-citizen-power`` keeps its own address).
    Anything else (a user's own concept) gets a readable part from its local name plus
    a short hash of the full IRI, so two IRIs never share a page and a hostile IRI
    can never name a path outside the site.

    >>> slug_for("https://w3id.org/copro-kg/co-design")
    'co-design'
    >>> slug_for("https://w3id.org/copro-kg/mapped/arnstein/citizen-power")
    'mapped-arnstein-citizen-power'
    >>> import re
    >>> slug = slug_for("https://example.org/My Thing/../x")  # local name "x" + 8 hex digits
    >>> bool(re.fullmatch(r"x-[0-9a-f]{8}", slug)), slug == slug_for("https://example.org/x")
    (True, False)
    """
    if iri.startswith(BASE):
        local = iri[len(BASE) :]
        if iri.startswith(MAPPED_BASE):
            local = local.replace("/", "-")
        if _SAFE_SLUG.match(local):
            return local
    local = re.split(r"[#/:]", iri.rstrip("/#"))[-1]
    readable = re.sub(r"[^a-z0-9]+", "-", fold(local)).strip("-")[:40] or "term"
    digest = hashlib.sha256(iri.encode("utf-8")).hexdigest()[:8]
    return f"{readable}-{digest}"
