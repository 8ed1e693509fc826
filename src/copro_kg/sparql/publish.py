"""Publishing the reasoned graph to a triple store (SPARQL 1.1 Graph Store HTTP Protocol).

``PUT`` replaces the whole target graph (https://www.w3.org/TR/sparql11-http-rdf-update/
section 5.3), so publishing twice leaves one copy, never two. The target is a named
graph (``?graph=IRI``) or the store's default graph (``?default``). The body is
N-Triples, which every Graph Store server reads (Oxigraph, Fuseki, GraphDB, Virtuoso).

This is one of the two places copro-kg talks to the network, only to the URL the user
named, inside :func:`copro_kg.io.netguard.allow_network`.
"""

from __future__ import annotations

import urllib.parse
import urllib.request
from dataclasses import dataclass

from rdflib import Graph

from copro_kg import formats
from copro_kg.errors import CoproError, InputError
from copro_kg.io.netguard import allow_network
from copro_kg.sparql.store import GlossaryStore

__all__ = ["Publication", "graph_store_url", "publish"]


@dataclass(frozen=True)
class Publication:
    """What :func:`publish` did: where, how many triples, and the server's status code."""

    url: str
    triples: int
    status: int


def graph_store_url(endpoint: str, graph_iri: str | None = None) -> str:
    """The Graph Store request URL for ``graph_iri`` (or the default graph).

    >>> graph_store_url("http://127.0.0.1:7878/store", "https://w3id.org/copro-kg/graph")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fcopro-kg%2Fgraph'
    >>> graph_store_url("http://127.0.0.1:7878/store")
    'http://127.0.0.1:7878/store?default'
    """
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise InputError(
            f"not an http(s) URL: {endpoint!r}",
            hint="give the store's Graph Store endpoint, e.g. http://127.0.0.1:7878/store",
        )
    query = urllib.parse.urlencode({"graph": graph_iri}) if graph_iri else "default"
    joined = f"{parts.query}&{query}" if parts.query else query
    return urllib.parse.urlunsplit(parts._replace(query=joined))


def publish(
    graph: Graph | GlossaryStore,
    endpoint: str,
    graph_iri: str | None = None,
    *,
    timeout: float = 60,
) -> Publication:
    """Replace ``graph_iri`` (or the default graph) on ``endpoint`` with ``graph``.

    ``graph`` is the query store (``copro-kg publish`` sends its N-Triples as Oxigraph
    writes them) or an rdflib Graph.

    Raises:
        InputError: the URL is not http(s), or the server cannot be reached.
        CoproError: the server refused the upload (its status and first line are given).
    """
    from copro_kg.sparql.remote import endpoint_error

    url = graph_store_url(endpoint, graph_iri)
    if isinstance(graph, GlossaryStore):
        body = graph.ntriples()
    else:
        body = graph.serialize(format="nt", encoding="utf-8")
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": formats.get("nt").media_type}
    )
    try:
        with allow_network(), urllib.request.urlopen(request, timeout=timeout) as response:
            status = int(response.status)
    except CoproError:
        raise
    except Exception as err:
        raise endpoint_error(endpoint, err) from err
    return Publication(url=url, triples=len(graph), status=status)
