"""The ``table`` format for people, and labels beside IRIs (``query --labels``).

:func:`to_table` lays a SELECT answer out in aligned columns: CURIEs, each IRI's label
beside it, wrapped -- never cut -- to the terminal's width (issue 18: the old table cut
every cell at 70 characters whatever the width). :func:`with_labels` adds a ``?x_label``
column beside each column ``?x`` of IRIs, for every format: the answer stays a SELECT
answer, so the W3C formats (:mod:`copro_kg.sparql.results`) stay exact.

Labels come from the one label rule, :mod:`copro_kg.vocab.labels`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from copro_kg.sparql.run import QueryResult
from copro_kg.vocab import labels
from copro_kg.vocab.labels import label_or_none

__all__ = ["MIN_COLUMN", "curie", "label_term", "labels_for", "to_table", "with_labels"]


def curie(term: Node) -> str:
    """``prefix:local`` for an IRI under one of the project's prefixes, else ``<iri>``:
    the project's one rule, :func:`copro_kg.vocab.labels.curie`.

    >>> curie(URIRef("https://w3id.org/copro-kg/co-design"))
    'copro:co-design'
    """
    return labels.curie(term)


def labels_for(graph: Graph, terms: Iterable[Node]) -> dict[Node, str]:
    """A display label for each IRI in ``terms`` that has one in ``graph``.

    By the one label rule of :mod:`copro_kg.vocab.labels` (an English ``skos:prefLabel``
    first), so the table shows the glossary's own wording, as every face does.
    """
    labels: dict[Node, str] = {}
    for term in terms:
        if not isinstance(term, URIRef) or term in labels:
            continue
        found = label_or_none(graph, term)
        if found:
            labels[term] = found
    return labels


def label_term(graph: Graph, term: Node) -> Literal | None:
    """The label :func:`labels_for` shows for ``term``, as the literal the graph holds
    (language tag and all), or None for a term without a label (or not an IRI)."""
    if not isinstance(term, URIRef):
        return None
    text = label_or_none(graph, term)
    if text is None:
        return None
    found = [
        value
        for prop in (SKOS.prefLabel, RDFS.label)
        for value in graph.objects(term, prop)
        if isinstance(value, Literal) and str(value) == text
    ]
    # The same text may be held in several languages: the rule's pick is English first.
    found.sort(key=lambda v: (v.language != "en", v.language is not None, v.language or ""))
    return found[0] if found else Literal(text)


def with_labels(result: QueryResult, graph: Graph, suffix: str = "_label") -> QueryResult:
    """``result`` with a label column after each column that holds IRIs (``--labels``).

    ``?x`` gets ``?x_label``: the label literal of each row's IRI (language tag kept),
    unbound where the term has none. A SELECT answer stays a SELECT answer, so CSV, TSV,
    JSON and XML stay exactly the W3C formats, with more variables. A name already used
    by the query is not overwritten (that column gets no label column). ASK and graph
    answers are returned unchanged.

    >>> from rdflib import Graph, Literal, URIRef
    >>> from rdflib.namespace import SKOS
    >>> g = Graph()
    >>> x = URIRef("https://w3id.org/copro-kg/involvement")
    >>> _ = g.add((x, SKOS.prefLabel, Literal("Involvement", lang="en")))
    >>> r = with_labels(QueryResult("SELECT", ("level",), ((x,),)), g)
    >>> r.variables, r.rows[0][1]
    (('level', 'level_label'), rdflib.term.Literal('Involvement', lang='en'))
    """
    if result.form != "SELECT":
        return result
    taken = set(result.variables)
    columns: list[tuple[int, str | None]] = []
    for i, name in enumerate(result.variables):
        columns.append((i, None))
        has_iri = any(isinstance(row[i], URIRef) for row in result.rows)
        if has_iri and f"{name}{suffix}" not in taken:
            columns.append((i, f"{name}{suffix}"))
            taken.add(f"{name}{suffix}")
    cache: dict[Node, Literal | None] = {}

    def cell(row: tuple[Node | None, ...], i: int, labelled: bool) -> Node | None:
        term = row[i]
        if not labelled or term is None:
            return term
        if term not in cache:
            cache[term] = label_term(graph, term)
        return cache[term]

    variables = tuple(name or result.variables[i] for i, name in columns)
    rows = tuple(
        tuple(cell(row, i, name is not None) for i, name in columns) for row in result.rows
    )
    return QueryResult("SELECT", variables, rows)


def _cell_text(term: Node | None, labels: Mapping[Node, str]) -> str:
    if term is None:
        text = ""
    elif isinstance(term, URIRef):
        text = curie(term)
        label = labels.get(term)
        if label and label.lower() != text.split(":", 1)[-1].replace("-", " ").lower():
            text += f" ({label})"
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = str(term)
        if isinstance(term, Literal) and term.language and term.language != "en":
            text += f" @{term.language}"
    return " ".join(text.split())


MIN_COLUMN = 12
"""A column is never squeezed narrower than this (or its header): below it, words break."""


def _fit(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Column widths that fit ``room`` characters: the widest columns give way first.

    The answer is the natural widths capped at one limit, the largest that fits (as
    ``column -c`` and psql's wrapped format do): narrow columns keep their width.

    >>> _fit([5, 60, 40], [5, 12, 12], 60)
    [5, 28, 27]
    >>> _fit([5, 10], [5, 10], 80)
    [5, 10]
    """
    if sum(natural) <= room:
        return natural
    low, high = 0, max(natural)
    while low < high:  # the largest cap whose widths fit
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floors, strict=True)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for n, f in zip(natural, floors, strict=True)]
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: -natural[i]):  # hand out what is left
        if spare <= 0:
            break
        extra = min(spare, natural[i] - widths[i])
        widths[i] += extra
        spare -= extra
    return widths


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def to_table(
    result: QueryResult, *, labels: Mapping[Node, str] | None = None, width: int | None = None
) -> str:
    """Aligned columns for a terminal: CURIEs, labels beside IRIs, nothing cut.

    ``width`` is the terminal's width (``shutil.get_terminal_size``); when the table is
    wider, the widest columns are narrowed and their cells wrapped over several lines,
    at spaces where possible. ``None`` (a file, a pipe) lays every cell out in full.

    >>> print(to_table(QueryResult("ASK", boolean=True)), end="")
    yes
    """
    if result.form == "ASK":
        return ("yes" if result.boolean else "no") + "\n"
    names = list(result.variables)
    cells = [[_cell_text(term, labels or {}) for term in row] for row in result.rows]
    natural = [max([len(n), *(len(r[i]) for r in cells)]) for i, n in enumerate(names)]
    widths = natural
    if width is not None and names:
        floors = [
            min(n, max(len(name), MIN_COLUMN)) for n, name in zip(natural, names, strict=True)
        ]
        widths = _fit(natural, floors, width - 2 * (len(names) - 1))
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        wrapped = [_wrap(c, w) for c, w in zip(row, widths, strict=True)]
        for k in range(max((len(c) for c in wrapped), default=1)):
            parts = [(c[k] if k < len(c) else "") for c in wrapped]
            lines.append("  ".join(p.ljust(w) for p, w in zip(parts, widths, strict=True)).rstrip())
    count = len(cells)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"
