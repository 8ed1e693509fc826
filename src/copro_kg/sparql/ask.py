"""Ask the glossary a question from Python the way ``copro-kg query`` asks it.

:func:`ask` takes what the command line takes -- a library query's name
(``"criteria-for"``), a ``.rq`` file, or SPARQL text -- with parameters given as people
write them (``{"term": "consultation"}``: a label, slug, CURIE or IRI, resolved by the
project's one term resolver, :mod:`copro_kg.vocab.resolve`, with "did you mean" on a
miss), and answers from the same query store, through the same guards and time limit.
So a question asked in a notebook gets the CLI's answer, and
``ask(..., labels=True)`` is ``--labels``:

>>> import copro_kg
>>> answer = copro_kg.ask("criteria-for", {"term": "Consultation"}, labels=True)
>>> answer.variables
('criterion', 'criterion_label', 'text')
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from copro_kg import pipeline
from copro_kg.sparql import library
from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.pool import DEFAULT_TIMEOUT
from copro_kg.sparql.prepare import prepare
from copro_kg.sparql.run import run_query
from copro_kg.sparql.table import with_labels

__all__ = ["ask"]

_ONE_WORD = re.compile(r"\S+")


def ask(
    query: str | Path,
    params: Mapping[str, str] | None = None,
    *,
    labels: bool = False,
    data: Iterable[str | Path] = (),
    input_format: str | None = None,
    reasoned: bool = True,
    timeout: float | None = DEFAULT_TIMEOUT,
) -> QueryResult:
    """The answer to ``query`` over the glossary (reasoned unless ``reasoned=False``).

    Args:
        query: a library query's name (``copro-kg queries`` lists them), a path to a
            ``.rq`` file (a :class:`~pathlib.Path`, or a string ending in ``.rq``), or
            the SPARQL text itself; the prefixes ``copro:``, ``skos:`` ... are predeclared.
        params: values for the query's parameters, as ``--param`` takes them: a term's
            label or slug (``"consultation"``, ``"Community engagement"``), a CURIE, an
            IRI (a string, or an rdflib ``URIRef``).
        labels: add a label column beside each column of IRIs (``?x`` -> ``?x_label``),
            as ``copro-kg query --labels`` does.
        data: your own RDF files, reasoned over together with the glossary (``--data``).
        input_format: their format when the file name does not say it.
        reasoned: ``False`` asks the asserted triples only (``--no-reason``).
        timeout: stop the query after this many seconds (``None``: no limit).

    Returns:
        A :class:`~copro_kg.sparql.answer.QueryResult`; ``.to_dataframe()`` makes it a
        pandas DataFrame, :func:`~copro_kg.sparql.results.format_result` writes it.

    Raises:
        QueryError: no library query of that name (the hint says "did you mean"), a
            missing or unknown parameter, a syntax error or a refused operation.
        UnknownTermError: a parameter names no term (with "did you mean"), or several.
        LimitError: the query ran past ``timeout``.
    """
    spec = str(query)
    entry = None
    if isinstance(query, Path) or _ONE_WORD.fullmatch(spec):
        text, source, entry = library.read_query(spec)
    else:
        text, source = spec, "query"
    prepared = prepare(text, source=source)
    store = pipeline.store_for_queries(data, input_format=input_format, reasoned=reasoned)
    values = dict(params or {})
    # A term named by its label is resolved in the whole graph, built only then (as the CLI).
    bindings = library.bind_parameters(values, entry, store.graph if values else None)
    result = run_query(store, prepared, bindings, timeout=timeout or None)
    if labels:
        terms = (term for row in result.rows for term in row if term is not None)
        result = with_labels(result, store.label_graph(terms))
    return result
