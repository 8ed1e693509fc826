"""The query library: ``queries/*.rq``, one competency question per file.

Each file opens with a header of grlc-style ``#+`` comment lines (so it stays valid
SPARQL that any tool can run unchanged):

.. code-block:: sparql

    #+ summary: Which terms are synonyms of a given term?
    #+ passage: Community engagement -- "Community engagement (also referred to as ...)"
    #+ inference: no
    #+ param: term iri copro:community-engagement -- the term whose synonyms to list

``summary`` is the question in plain English, ``passage`` the glossary section and
sentence that answers it, ``inference`` says whether the answer needs the reasoner
(``yes`` + why, or ``no``), and each ``param`` line declares a parameter: its variable
name, its kind (``iri`` or ``literal``), an example value and what it means. Parameter
values are turned into RDF terms here (:func:`bind_parameters`) and bound by the query
engine, never pasted into the text.
"""

from __future__ import annotations

import difflib
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from copro_kg.errors import InputError, QueryError
from copro_kg.namespace import COPRO_OPEN, PREFIXES
from copro_kg.resources import (
    HISTORY_QUERIES_DIR,
    QUERIES_DIR,
    library_query_file,
    names_a_file,
    query_files,
)
from copro_kg.vocab.resolve import resolve_term

__all__ = [
    "LibraryQuery",
    "Parameter",
    "bind_parameters",
    "find_query",
    "history_library",
    "library",
    "parse_header",
    "read_query",
    "term_from_text",
]


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a library query."""

    name: str
    kind: str
    """``iri`` or ``literal``."""
    example: str
    description: str


@dataclass(frozen=True)
class LibraryQuery:
    """One ``queries/<name>.rq`` file and what its header says about it."""

    name: str
    path: Path
    text: str
    question: str
    passage: str
    inference: str
    """``no``, or ``yes`` followed by the reason."""
    parameters: tuple[Parameter, ...] = ()

    @property
    def needs_inference(self) -> bool:
        """True when the header says the answer relies on the reasoner."""
        return self.inference.lower().startswith("yes")

    @property
    def example_parameters(self) -> dict[str, str]:
        """The example value of every parameter, as ``--param`` would give them."""
        return {p.name: p.example for p in self.parameters}


_HEADER = re.compile(r"^#\+\s*(\w+)\s*:\s*(.*)$")
_PARAM = re.compile(r"^(\w+)\s+(iri|literal)\s+(\S+)\s*(?:--\s*(.*))?$")


def parse_header(text: str, *, name: str = "query") -> dict[str, list[str]]:
    """The ``#+ key: value`` lines at the top of a query, each key mapped to its values.

    >>> parse_header("#+ summary: Why?\\n#+ inference: no\\nASK {}")
    {'summary': ['Why?'], 'inference': ['no']}
    """
    header: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        match = _HEADER.match(stripped)
        if match:
            header.setdefault(match.group(1).lower(), []).append(match.group(2).strip())
        elif stripped.startswith("#+") and name:
            raise InputError(f"malformed header line {stripped!r}", location=name)
    return header


def _load(path: Path) -> LibraryQuery:
    text = path.read_text(encoding="utf-8")
    header = parse_header(text, name=str(path.name))
    params = []
    for spec in header.get("param", []):
        match = _PARAM.match(spec)
        if not match:
            raise InputError(
                f"malformed '#+ param:' line {spec!r}",
                location=path.name,
                hint="write: #+ param: NAME iri|literal EXAMPLE -- what it means",
            )
        params.append(Parameter(match[1], match[2], match[3], match[4] or ""))
    return LibraryQuery(
        name=path.stem,
        path=path,
        text=text,
        question=" ".join(header.get("summary", [""])),
        passage=" ".join(header.get("passage", [""])),
        inference=" ".join(header.get("inference", ["no"])),
        parameters=tuple(params),
    )


def library(folder: Path | None = None) -> list[LibraryQuery]:
    """Every query of the library (``queries/*.rq`` unless ``folder``), sorted by name."""
    paths = sorted(folder.glob("*.rq")) if folder else query_files()
    return [_load(p) for p in paths]


def history_library() -> list[LibraryQuery]:
    """The release-history queries (``queries/history/``): they read the store's release
    graphs (:mod:`copro_kg.history.graphs`), so only the store, the endpoint and the site's
    Ask page answer them."""
    return library(HISTORY_QUERIES_DIR)


def find_query(name: str, folder: Path | None = None) -> LibraryQuery:
    """The library query called ``name`` (the file stem).

    Raises:
        QueryError: there is no such query; the hint names the closest ones.
    """
    path = library_query_file(name, folder)
    if path is not None:
        return _load(path)
    bases = [folder] if folder is not None else [QUERIES_DIR, HISTORY_QUERIES_DIR]
    names = [p.stem for base in bases for p in sorted(base.glob("*.rq"))]
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    hint = (
        ("did you mean " + ", ".join(close) + "?") if close else "list them with copro-kg queries"
    )
    raise QueryError(f"no query file or library query named {name!r}", hint=hint)


def read_query(spec: str) -> tuple[str, str, LibraryQuery | None]:
    """Resolve ``copro-kg query SPEC``: a ``.rq`` file, ``-`` for stdin, or a library name.

    A file that declares parameters in a library-style header (``#+ param: term iri
    ...``, as ``copro-kg queries --show NAME`` prints it) comes with an entry too, so
    its parameters take labels as the library query's do.

    Returns:
        The query text, a name for error locations, and the library entry (or ``None``).
    """
    if spec == "-":
        return sys.stdin.read(), "<stdin>", None
    path = Path(spec)
    if names_a_file(spec):
        if not path.is_file():
            raise InputError("query file not found", location=spec)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read the query file: {err}", location=spec) from err
        declares = "param" in parse_header(text, name=spec)
        return text, spec, _load(path) if declares else None
    entry = find_query(spec)
    return entry.text, f"{entry.name}.rq", entry


def term_from_text(
    value: str, kind: str = "auto", graph: Graph | Callable[[], Graph] | None = None
) -> Node:
    """Turn a ``--param`` value into an RDF term.

    ``<iri>`` and ``prefix:local`` (predeclared prefixes) are IRIs; for kind ``iri`` a
    bare word names a term of ``graph`` the way every face names one
    (:func:`copro_kg.vocab.resolve.resolve_term`: any label in any case or language,
    ``Participation`` or ``cyfranogiad`` as well as the slug ``participation``; the
    glossary's concept, not the OWL class of the same name); for kind ``literal`` (and
    ``auto`` when it is not an IRI) the value is a plain string. ``graph`` may be a
    function that builds it: it is called only for a bare word.

    >>> term_from_text("copro:co-design")
    rdflib.term.URIRef('https://w3id.org/copro-kg/co-design')
    >>> term_from_text("hello", "literal")
    rdflib.term.Literal('hello')

    Raises:
        UnknownTermError: kind ``iri`` and no term has that name (the hint suggests
            close ones), or the name is ambiguous.
    """
    if kind == "literal":
        return Literal(value)
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return URIRef(str(PREFIXES[prefix]) + local)
    if re.match(r"^(https?|urn):", value):
        return URIRef(value)
    if kind == "auto":
        return Literal(value)
    return _term_by_name(value, graph)


def _term_by_name(value: str, graph: Graph | Callable[[], Graph] | None) -> URIRef:
    # Without a graph (a remote endpoint) the best we can do is the slug; with one, the
    # project's one term resolver decides, so a query parameter means what `explain`,
    # the graphs and the site mean by the same words.
    if graph is None:
        return COPRO_OPEN[value.strip().lower().replace(" ", "-")]
    return resolve_term(graph if isinstance(graph, Graph) else graph(), value)


def bind_parameters(
    values: Mapping[str, str],
    entry: LibraryQuery | None,
    graph: Graph | Callable[[], Graph] | None = None,
) -> dict[str, Node]:
    """``--param name=value`` pairs as RDF terms, checked against the query's declarations.

    ``graph`` resolves a term named by its label (:func:`term_from_text`); it may be a
    function that builds it, called only when a value is such a name. An IRI or CURIE
    (every example of the library) needs no graph, and building one of the store
    (:meth:`~copro_kg.sparql.store.GlossaryStore.graph`) costs minutes and gigabytes on a
    7-million-triple closure: pass ``store.graph``, not ``store.graph()``.

    Raises:
        QueryError: a declared parameter is missing or an unknown one is given.
        UnknownTermError: an IRI parameter names no term.
    """
    declared = {p.name: p for p in entry.parameters} if entry else {}
    if entry is not None:
        unknown = sorted(set(values) - set(declared))
        if unknown:
            raise QueryError(
                f"{entry.name} has no parameter {unknown[0]!r}",
                hint="its parameters: " + (", ".join(declared) or "none"),
            )
        for param in entry.parameters:
            if param.name not in values:
                raise QueryError(
                    f"{entry.name} needs --param {param.name}=VALUE ({param.description})",
                    hint=f"for example --param {param.name}={param.example}",
                )
    bound: dict[str, Node] = {}
    for name, value in values.items():
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"invalid parameter name {name!r}", hint="use --param NAME=VALUE")
        kind = declared[name].kind if name in declared else "auto"
        bound[name] = term_from_text(value, kind, graph)
    return bound
