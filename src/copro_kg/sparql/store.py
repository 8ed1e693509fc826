"""The reasoned glossary in an Oxigraph store: written once, then queried in place.

After reasoning, the closure is written once into an on-disk `Oxigraph
<https://github.com/oxigraph/oxigraph>`_ store (pyoxigraph, RocksDB) next to the
content-addressed cache entry (:func:`copro_kg.reasoning.cache.store_dir`). ``query``,
``serve``, ``publish`` and the Python API then answer SPARQL from it without parsing or
reasoning anything, and Oxigraph (Rust) evaluates the query.

Layout of a store folder (it appears whole or not at all: it is filled under a temporary
name and renamed)::

    <key>.store/
      oxigraph/     the Oxigraph database: `oxigraph serve-read-only --location` takes it
      store.json    format tag, triple counts, the prefixes of the inputs

The triples are kept apart in two named graphs, so a query can tell what the glossary
says from what the reasoner added (``GRAPH copro-graph:inferred { ... }``):

* :data:`ASSERTED_GRAPH` -- the input triples (the glossary plus ``--data`` files);
* :data:`INFERRED_GRAPH` -- what the reasoner added and shows (never an asserted triple);
* with the shipped glossary, the release history (:mod:`copro_kg.history.graphs`): each
  release's SKOS export and the deltas between them, reached with ``GRAPH`` only.

The default graph of a query is their union (the reasoned graph) or the asserted graph
alone (``--no-reason``). Derivations stay in the cache entry beside the store.

Every guard of :mod:`copro_kg.sparql.prepare` still applies: callers prepare the query
first (``SERVICE``, ``FROM``, updates refused before evaluation). Oxigraph's own HTTP
client is out of reach of the Python audit hook, so :meth:`GlossaryStore.query` keeps a
second wall of its own: a text with the ``SERVICE`` keyword is never evaluated here.

>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import SKOS
>>> term = URIRef("https://w3id.org/copro-kg/co-design")
>>> store = GlossaryStore.in_memory([(term, SKOS.prefLabel, Literal("co-design", lang="en"))])
>>> store.query("SELECT ?l WHERE { copro:co-design skos:prefLabel ?l }").rows
((rdflib.term.Literal('co-design', lang='en'),),)
>>> len(store)
1
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from copro_kg.errors import CoproError, LimitError, QueryError
from copro_kg.namespace import PREFIXES, bind_prefixes
from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.oxigraph import from_oxigraph, mentions_service, to_oxigraph, with_parameters
from copro_kg.sparql.storefiles import (
    ASSERTED_GRAPH,
    DATA_FOLDER,
    INFERRED_GRAPH,
    META_FILE,
    STORE_FORMAT,
    default_graphs,
    read_meta,
)

__all__ = [
    "ASSERTED_GRAPH",
    "DATA_FOLDER",
    "INFERRED_GRAPH",
    "STORE_FORMAT",
    "GlossaryStore",
    "from_oxigraph",
    "to_oxigraph",
    "with_parameters",
    "write_store",
]


Triple = tuple[Node, Node, Node]


def _quads(triples: Iterable[Triple], graph: str) -> Iterable[Any]:
    name = ox.NamedNode(graph)
    cache: dict[Node, Any] = {}

    def term(node: Node) -> Any:
        found = cache.get(node)
        if found is None:
            found = cache[node] = to_oxigraph(node)
        return found

    for s, p, o in triples:
        yield ox.Quad(term(s), term(p), term(o), name)


# ---------------------------------------------------------------- the store
class GlossaryStore:
    """The glossary's triples in Oxigraph, asserted and inferred in two named graphs.

    Made by :func:`write_store` (on disk) or :meth:`in_memory`; opened again with
    :meth:`open`. Picklable-free and fork-safe: an on-disk store is opened lazily, read-only
    and once per process, so a forked query worker opens its own handle.

    Args:
        folder: the store folder, or None for an in-memory store.
        reasoned: query the asserted plus inferred triples (True) or the asserted only.
    """

    def __init__(
        self,
        folder: Path | None,
        *,
        reasoned: bool = True,
        meta: Mapping[str, Any] | None = None,
        memory: Any = None,
    ) -> None:
        self.folder = folder
        self.reasoned = reasoned
        self._meta: dict[str, Any] = dict(meta or {})
        self._memory = memory
        self._handle: Any = None
        self._pid = -1
        self._graph: Graph | None = None

    # -------------------------------------------------------------- making and opening
    @classmethod
    def open(cls, folder: Path, *, reasoned: bool = True) -> GlossaryStore | None:
        """The store in ``folder``, or None when it is absent or not of this format."""
        meta = read_meta(folder)
        return None if meta is None else cls(folder, reasoned=reasoned, meta=meta)

    @classmethod
    def in_memory(
        cls,
        asserted: Iterable[Triple],
        inferred: Iterable[Triple] = (),
        *,
        prefixes: Iterable[tuple[str, str]] = (),
        reasoned: bool = True,
        extra: Iterable[Any] = (),
    ) -> GlossaryStore:
        """A store held in this process (inputs that are not cached: standard input,
        ``--no-cache``); forked query workers inherit it. ``extra``: quads of further
        named graphs (the release history), outside the default graph."""
        memory = ox.Store()
        meta = _fill(memory, asserted, inferred, prefixes, extra)
        return cls(None, reasoned=reasoned, meta=meta, memory=memory)

    def with_reasoning(self, reasoned: bool) -> GlossaryStore:
        """The same store, answering from the reasoned or the asserted graph."""
        return GlossaryStore(self.folder, reasoned=reasoned, meta=self._meta, memory=self._memory)

    @property
    def data_folder(self) -> Path | None:
        """The Oxigraph database folder (what the ``oxigraph`` server's ``--location``
        takes), or None for an in-memory store."""
        return self.folder / DATA_FOLDER if self.folder is not None else None

    @property
    def prefixes(self) -> list[tuple[str, str]]:
        """The prefixes bound in the inputs, as the reasoning result lists them."""
        return [(str(p), str(ns)) for p, ns in self._meta.get("prefixes", [])]

    def __len__(self) -> int:
        """How many triples the queries see (asserted, plus inferred when reasoned)."""
        count = int(self._meta.get("asserted", 0))
        return count + int(self._meta.get("inferred", 0)) if self.reasoned else count

    def _store(self) -> Any:
        if self._memory is not None:
            return self._memory
        if self._handle is None or self._pid != os.getpid():
            assert self.data_folder is not None
            try:
                self._handle = ox.Store.read_only(str(self.data_folder))
            except OSError as err:
                raise CoproError(
                    f"cannot open the query store: {err}",
                    hint="remove the cache folder (copro-kg reason --no-cache rebuilds it)",
                ) from None
            self._pid = os.getpid()
        return self._handle

    def _default_graph(self) -> list[Any]:
        return [ox.NamedNode(g) for g in default_graphs(self.reasoned)]

    # -------------------------------------------------------------- answering
    def query(
        self,
        text: str,
        bindings: Mapping[str, Node] | None = None,
        *,
        form: str | None = None,
    ) -> QueryResult:
        """Evaluate ``text`` (already checked by :func:`~copro_kg.sparql.prepare.prepare`).

        ``bindings`` are bound before the WHERE group is evaluated, as rdflib's
        ``initBindings`` binds them (:func:`with_parameters`); ``form`` is the query form
        from :func:`~copro_kg.sparql.prepare.prepare`. The predeclared prefixes apply.

        Raises:
            QueryError: the query uses ``SERVICE``, or Oxigraph cannot evaluate it.
            LimitError: it ran out of memory.
        """
        if mentions_service(text):
            raise QueryError(
                "SERVICE is refused: copro-kg queries its own graph offline",
                hint="pass --allow-network to copro-kg query to allow federated queries",
            )
        bound = with_parameters(text, form or "SELECT", bindings or {})
        if bound is None:
            raise QueryError(
                "cannot bind parameters in this query: it has no WHERE group",
                hint="write the parameter into the query, or add WHERE { ... }",
            )
        try:
            answer = self._store().query(
                bound, prefixes=dict(PREFIXES), default_graph=self._default_graph()
            )
            return _result(answer, form)
        except CoproError:
            raise
        except MemoryError as err:
            raise LimitError("the query needed more memory than its limit") from err
        except Exception as err:  # SyntaxError, OSError, ValueError from Oxigraph
            message = " ".join(str(err).split()) or type(err).__name__
            raise QueryError(f"the query failed while running: {message}") from err

    # -------------------------------------------------------------- rdflib faces
    def triples(self) -> Iterable[Triple]:
        """The triples the queries see, as rdflib terms."""
        store = self._store()
        for graph in self._default_graph():
            for quad in store.quads_for_pattern(None, None, None, graph):
                yield (
                    from_oxigraph(quad.subject),
                    from_oxigraph(quad.predicate),
                    from_oxigraph(quad.object),
                )

    def graph(self) -> Graph:
        """The queried triples as an rdflib Graph with the inputs' and our prefixes bound
        (built once, on first use: resolving a ``--param`` by label needs it)."""
        if self._graph is None:
            graph = Graph()
            for prefix, ns in self.prefixes:
                graph.bind(prefix, ns)
            bind_prefixes(graph)
            add = graph.store.add
            for triple in self.triples():
                add(triple, graph)
            self._graph = graph
        return self._graph

    def label_graph(self, terms: Iterable[Node]) -> Graph:
        """An rdflib Graph of the ``skos:prefLabel`` and ``rdfs:label`` triples of ``terms``:
        what :func:`copro_kg.vocab.labels.label` reads, without building the whole graph."""
        if self._graph is not None:
            return self._graph
        store = self._store()
        graph = bind_prefixes(Graph())
        properties = [
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
        ]
        for term in {t for t in terms if isinstance(t, URIRef)}:
            for prop in properties:
                for graph_name in self._default_graph():
                    for quad in store.quads_for_pattern(
                        ox.NamedNode(str(term)), prop, None, graph_name
                    ):
                        graph.add((term, from_oxigraph(prop), from_oxigraph(quad.object)))
        return graph

    def ntriples(self) -> bytes:
        """The queried triples as N-Triples (what ``publish`` sends)."""
        store = self._store()
        return b"".join(
            store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
            for graph in self._default_graph()
        )


def _result(answer: Any, form: str | None) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(form="ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = tuple(
            tuple(None if (t := s[name]) is None else from_oxigraph(t) for name in variables)
            for s in answer
        )
        return QueryResult(form="SELECT", variables=tuple(variables), rows=rows)
    triples = tuple(
        (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
        for t in answer
    )
    return QueryResult(form="DESCRIBE" if form == "DESCRIBE" else "CONSTRUCT", triples=triples)


def _fill(
    store: Any,
    asserted: Iterable[Triple],
    inferred: Iterable[Triple],
    prefixes: Iterable[tuple[str, str]],
    extra: Iterable[Any] = (),
) -> dict[str, Any]:
    """Write the triples (and the ``extra`` quads) into ``store``; return the metadata of
    ``store.json``."""
    seen = set(asserted)
    # Inferred triples are kept disjoint from the asserted ones: Oxigraph's union of two
    # graphs keeps a triple held by both twice, and a query would count it twice.
    named = list(extra)
    extra = [t for t in dict.fromkeys(inferred) if t not in seen]
    # The bulk loader, not one transaction: at 7.2 million triples a transaction held them
    # all in memory (past 14 GB); atomicity comes from write_store's staging folder instead.
    store.bulk_extend(_quads(seen, ASSERTED_GRAPH))
    store.bulk_extend(_quads(extra, INFERRED_GRAPH))
    store.bulk_extend(named)
    return {
        "format": STORE_FORMAT,
        "asserted": len(seen),
        "inferred": len(extra),
        "prefixes": [[str(p), str(ns)] for p, ns in prefixes],
    }


def write_store(
    folder: Path,
    asserted: Iterable[Triple],
    inferred: Iterable[Triple] = (),
    *,
    prefixes: Iterable[tuple[str, str]] = (),
    extra: Iterable[Any] = (),
) -> GlossaryStore | None:
    """Write the triples (and ``extra``, quads of further named graphs) into a new store at
    ``folder``; None when it cannot be written.

    The store is filled under a temporary name beside ``folder`` and renamed into place,
    so a reader never sees half a store; when another process got there first, its store
    is used. A folder that cannot be written (read-only cache, full disk) is not an
    error: the caller queries an in-memory store instead.
    """
    staging = folder.with_name(f"{folder.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    try:
        staging.mkdir(parents=True)
        store = ox.Store(str(staging / DATA_FOLDER))
        meta = _fill(store, asserted, inferred, prefixes, extra)
        store.flush()
        del store  # closes the database before it is moved
        (staging / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        if folder.exists() and GlossaryStore.open(folder) is None:
            shutil.rmtree(folder, ignore_errors=True)  # a store of an older format
        try:
            os.rename(staging, folder)
        except OSError:
            if GlossaryStore.open(folder) is None:  # another process got there first
                raise
    except OSError:
        return None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return GlossaryStore.open(folder)
