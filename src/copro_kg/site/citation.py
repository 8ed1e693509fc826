"""How a term page is cited, and where a reader suggests a change to it.

A team cites a term in a project plan or a report: "the Network's glossary says ...".
The citation names the glossary as its publisher issued it (its creator, title, edition
and date: the ``dcterms:source`` of the concept scheme), this edition of copro-kg (the
package version, :mod:`copro_kg._version`, and the scheme's ``dcterms:modified``: the
date the data was last changed) and the term's IRI, which does not change between
editions. Everything is read from the graph, so a release that updates the scheme's
dates updates every citation.

A site built with a feedback address (``copro-kg site --feedback-url URL``) links each
term page to it with the term's IRI: in place of ``{iri}`` in the address, else as a
``term`` query parameter (for a ``mailto:`` address, in the message's subject and
body). Without one, no link: the site promises no channel nobody reads.

>>> from rdflib import Graph
>>> pub = publication(Graph(), version="0.2.0")
>>> pub.title, pub.version, pub.date
('Engagement and co-production glossary', '0.2.0', None)
>>> suggest_url("https://example.org/feedback", "https://w3id.org/copro-kg/co-design", "Co-design")
'https://example.org/feedback?term=https%3A%2F%2Fw3id.org%2Fcopro-kg%2Fco-design'
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode, urlsplit

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL

from copro_kg.errors import InputError
from copro_kg.namespace import COPRO
from copro_kg.vocab.labels import label_in

__all__ = ["SCHEME", "Publication", "check_feedback_url", "citation", "publication", "suggest_url"]

SCHEME = COPRO.glossary
"""The concept scheme whose ``dcterms:source`` is the Network's glossary."""

FEEDBACK_SCHEMES = ("https", "http", "mailto")


@dataclass(frozen=True)
class Publication:
    """What a citation names: the glossary as published, and this edition of ours."""

    title: str = "Engagement and co-production glossary"
    creator: str | None = None
    edition: str | None = None
    issued: str | None = None
    url: str | None = None
    version: str = ""
    date: str | None = None


def _text(graph: Graph, node: URIRef, prop: URIRef) -> str | None:
    values = sorted(str(v) for v in graph.objects(node, prop) if isinstance(v, Literal))
    return values[0] if values else None


def publication(graph: Graph, *, version: str) -> Publication:
    """The glossary's and this edition's particulars, read from the concept scheme.

    Args:
        graph: the asserted (or reasoned) graph the site is built from.
        version: copro-kg's version (:mod:`copro_kg._version`), the one version source.
    """
    source = next((s for s in graph.objects(SCHEME, DCTERMS.source) if isinstance(s, URIRef)), None)
    found = Publication(version=version, date=_date(graph))
    if source is None:
        return found
    creator = next(iter(sorted(graph.objects(source, DCTERMS.creator), key=str)), None)
    return Publication(
        title=_text(graph, source, DCTERMS.title) or found.title,
        creator=(label_in(graph, creator, "en") if creator is not None else None),
        edition=_text(graph, source, OWL.versionInfo),
        issued=_text(graph, source, DCTERMS.issued),
        url=str(source),
        version=version,
        date=found.date,
    )


def _date(graph: Graph) -> str | None:
    """The date this edition's data was last changed (else issued, else created)."""
    for prop in (DCTERMS.modified, DCTERMS.issued, DCTERMS.created):
        value = _text(graph, SCHEME, prop)
        if value:
            return value
    return None


def citation(pub: Publication, label: str, iri: str) -> str:
    """One line to paste into a report: the glossary, the term, our edition, the IRI.

    >>> pub = Publication(creator="Co-production Network for Wales", edition="1.5",
    ...     issued="2022-08", version="0.2.0", date="2026-12-07")
    >>> print(citation(pub, "Co-design", "urn:x"))  # doctest: +NORMALIZE_WHITESPACE
    Co-production Network for Wales (2022-08). Engagement and co-production glossary,
    version 1.5: “Co-design”. In copro-kg 0.2.0 (2026-12-07). urn:x
    """
    who = pub.creator or "Co-production Network for Wales"
    when = f" ({pub.issued})" if pub.issued else ""
    edition = f", version {pub.edition}" if pub.edition else ""
    ours = f"In copro-kg {pub.version}" + (f" ({pub.date})" if pub.date else "")
    return f"{who}{when}. {pub.title}{edition}: “{label}”. {ours}. {iri}"


def check_feedback_url(url: str) -> str:
    """``url`` if a reader's browser can follow it (https, http or mailto), else an error.

    >>> check_feedback_url("javascript:alert(1)")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    copro_kg.errors.InputError: the feedback address must start with https:, http: ...
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in FEEDBACK_SCHEMES or not (parts.path if scheme == "mailto" else parts.netloc):
        raise InputError(
            "the feedback address must start with https:, http: or mailto:",
            location="--feedback-url",
        )
    return url.strip()


def suggest_url(feedback: str, iri: str, label: str) -> str:
    """The feedback address carrying the term's IRI (see the module's docstring).

    >>> suggest_url("mailto:glossary@example.org", "urn:x", "Co-design")
    'mailto:glossary@example.org?subject=Glossary%3A%20a%20change%20to%20%E2%80%9CCo-design%E2%80%9D&body=urn%3Ax'
    >>> suggest_url("https://example.org/new?body={iri}", "urn:x", "X")
    'https://example.org/new?body=urn%3Ax'
    """
    if "{iri}" in feedback:
        return feedback.replace("{iri}", quote(iri, safe=""))
    joiner = "&" if urlsplit(feedback).query else "?"
    if feedback.lower().startswith("mailto:"):
        subject = f"Glossary: a change to “{label}”"
        return f"{feedback}{joiner}subject={quote(subject, safe='')}&body={quote(iri, safe='')}"
    return f"{feedback}{joiner}{urlencode({'term': iri})}"
