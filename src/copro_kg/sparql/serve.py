"""A read-only SPARQL 1.1 Protocol endpoint over the (reasoned) glossary graph.

Built on Starlette (routing, requests, CORS middleware) served by uvicorn; the SPARQL
parts are ours because they carry the safety rules: every query is prepared and checked
in the server process (updates, ``LOAD``, ``SERVICE``, ``FROM`` refused with a 4xx), then
answered by a :class:`~copro_kg.sparql.pool.QueryPool` worker process with a deadline. A
query past the deadline is killed with its worker and answered ``503``; the server and
the other workers carry on. ``copro-kg serve`` hands the workers the Oxigraph query store
(:mod:`copro_kg.sparql.store`): each opens it read-only, Oxigraph evaluates and writes
the answer in the negotiated W3C format (:mod:`copro_kg.sparql.wire`), and the server's
one event-loop thread awaits the worker and copies its bytes to the client (no thread
per request). A checked query text is remembered (:func:`~copro_kg.sparql.pool.prepared`;
the library's are checked at start), so the queries a client repeats are parsed by
rdflib once. A runaway query's worker yields the CPU and a spare takes its place
(:mod:`copro_kg.sparql.pool`), so the other clients keep being answered. A user who
outgrows one process
serves the same store folder with the Oxigraph server (``docs/querying.md``).
rdflib-endpoint was considered and not used: it evaluates
queries inside the async request handler (one slow query stalls every client and
cannot be stopped), passes ``SERVICE`` through by design (federation is its purpose),
and echoes raw exception text.

Routes:

* ``GET /sparql?query=...``, ``POST /sparql`` with ``application/sparql-query`` or a
  form (``query=...``), per https://www.w3.org/TR/sparql11-protocol/#query-operation.
  The answer format follows the ``Accept`` header: SPARQL JSON (default), XML, CSV,
  TSV; Turtle (default), N-Triples, JSON-LD or RDF/XML for CONSTRUCT and DESCRIBE.
* ``GET /``: a small page listing the query library (every text HTML-escaped).

Errors are one line of plain text and never contain a local file path.
"""

from __future__ import annotations

import contextlib
import errno
import re
import socket
import threading
import time
import urllib.parse
from collections.abc import AsyncIterator, Iterable, Iterator
from typing import Any

from copro_kg import formats
from copro_kg.errors import CoproError, InputError, LimitError, QueryError
from copro_kg.sparql.answer import QueryResult
from copro_kg.sparql.evaluate import Target
from copro_kg.sparql.landing import landing_page
from copro_kg.sparql.library import library
from copro_kg.sparql.pool import DEFAULT_TIMEOUT, QueryPool, prepared
from copro_kg.sparql.results import format_result

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PORT",
    "MAX_QUERY_BYTES",
    "SHUTDOWN_GRACE",
    "create_app",
    "listen",
    "negotiate",
    "running_server",
    "serve",
]

DEFAULT_HOST = "127.0.0.1"
"""Loopback only unless the user says otherwise: a shared machine sees nothing."""
DEFAULT_PORT = 8000
MAX_QUERY_BYTES = 1024 * 1024
"""Largest request body accepted (1 MiB); longer queries are refused with 413."""

_TABLE_TYPES: dict[str, str] = formats.media_types("table")
_GRAPH_TYPES: dict[str, str] = formats.media_types("graph", written=True)
# The Content-Type of each answer format, looked up once (the registry scans its table).
_TABLE_CONTENT = {fmt: formats.get(fmt, "table").content_type for fmt in _TABLE_TYPES.values()}
_GRAPH_CONTENT = {fmt: formats.get(fmt, "graph").content_type for fmt in _GRAPH_TYPES.values()}


def negotiate(accept: str | None, form: str) -> str | None:
    """The output format for an ``Accept`` header and a query form; ``None`` if none fits.

    Honours q-values; ``*/*``, a missing header or a wildcard pick SPARQL JSON for
    tables and Turtle for graphs.

    >>> negotiate("application/sparql-results+xml", "SELECT")
    'xml'
    >>> negotiate("text/html,application/xhtml+xml,*/*;q=0.8", "CONSTRUCT")
    'ttl'
    >>> negotiate("image/png", "ASK") is None
    True
    """
    table = form in {"SELECT", "ASK"}
    known = _TABLE_TYPES if table else _GRAPH_TYPES
    default = "json" if table else "ttl"
    if not accept:
        return default
    choices: list[tuple[float, int, str]] = []
    for index, part in enumerate(accept.split(",")):
        media, *options = (p.strip() for p in part.split(";"))
        quality = 1.0
        for option in options:
            if option.startswith("q="):
                with contextlib.suppress(ValueError):
                    quality = float(option[2:])
        if quality <= 0:
            continue
        media = media.lower()
        if media in known:
            choices.append((-quality, index, known[media]))
        elif media in {"*/*", "application/*", "text/*"}:
            choices.append((-quality, index + 1000, default))
    if form == "ASK":
        # The CSV/TSV results formats do not define ASK; JSON answers it instead.
        choices = [c if c[2] not in {"csv", "tsv"} else (c[0], c[1], "json") for c in choices]
    return min(choices)[2] if choices else None


_PATH = re.compile(r"(?<![\w:/.])(?:/[\w.@+-]+){2,}/?")


def _redact(message: str) -> str:
    """Drop absolute file paths (and file: IRIs) from a message sent over HTTP."""
    message = re.sub(r"file:/+\S*", "<file>", message)
    return _PATH.sub("<path>", message)


def create_app(
    pool: QueryPool, *, title: str = "copro-kg SPARQL endpoint", own_pool: bool = False
) -> Any:
    """A Starlette app answering SPARQL queries with ``pool`` (which holds the graph).

    With ``own_pool`` the app stops the pool's workers when the server shuts down, before
    the server process ends (uvicorn ends it by raising the signal it caught again).

    >>> from rdflib import Graph
    >>> with QueryPool(Graph(), workers=1) as pool:
    ...     app = create_app(pool)
    >>> sorted(route.path for route in app.routes)
    ['/', '/sparql']
    """
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    def error(status: int, message: str, **headers: str) -> Response:
        return PlainTextResponse(
            f"error: {_redact(' '.join(message.split()))}\n", status_code=status, headers=headers
        )

    async def read_operation(request: Request) -> tuple[str | None, str | None]:
        """The query (or the update that was attempted) in a protocol request.

        One operation per request (W3C protocol test ``bad_multiple_queries``), and one
        graph: ``default-graph-uri``/``named-graph-uri`` are refused wherever they come
        (URL or form), since this endpoint serves one graph.
        """
        _refuse_dataset(request.query_params.keys())
        if request.method in {"GET", "HEAD"}:
            params = request.query_params
            return _one(params.getlist("query")), _one(params.getlist("update"))
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES:
            raise _ProtocolError(413, f"the request is larger than {MAX_QUERY_BYTES} bytes")
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        text = body.decode("utf-8", "replace")
        if ctype == "application/sparql-query":
            return text, None
        if ctype == "application/sparql-update":
            return None, text
        if ctype == "application/x-www-form-urlencoded":
            form = urllib.parse.parse_qs(text)
            _refuse_dataset(form)
            return _one(form.get("query", [])), _one(form.get("update", []))
        raise _ProtocolError(
            415,
            f"unsupported content type {ctype or '(none)'}: send application/sparql-query "
            "or a form with query=",
        )

    async def sparql(request: Request) -> Response:
        response = await answer(request)
        # The body depends on Accept: caches must key on it (RFC 9110 §12.5.5).
        response.headers["Vary"] = "Accept"
        if request.method == "HEAD":
            response.body = b""  # the headers (Content-Length too) are those of GET
        return response

    async def answer(request: Request) -> Response:
        try:
            query_text, update_text = await read_operation(request)
        except _ProtocolError as problem:
            return error(problem.status, problem.message)
        if update_text is not None:
            return error(403, "SPARQL Update is refused: this endpoint is read-only")
        if not query_text:
            return error(400, "no query: send ?query=... (GET) or a POST body")
        try:
            checked = prepared(query_text)
        except QueryError as err:
            refused = "refused" in err.message
            return error(403 if refused else 400, str(err))
        except LimitError as err:
            return error(400, str(err))
        fmt = negotiate(request.headers.get("accept"), checked.form)
        if fmt is None:
            return error(406, "none of the accepted media types fits this query's answer")
        # A query without BASE resolves its relative IRIs against this endpoint's address
        # (SPARQL 1.1 Query §4.1.1.1 leaves the base to the environment, RFC 3986 §5.1;
        # W3C protocol test query_content_type_construct). A BASE of the query's own
        # comes later in the prologue and wins; errors were located above, on the text sent.
        query_text = f"BASE <{_base_iri(request.scope.get('server'))}>\n{query_text}"
        try:
            # Awaited on this event loop, no thread per request. The worker writes the
            # answer (Oxigraph's W3C writers) and sends its bytes; where it cannot (an
            # rdflib Graph, the text table), it sends the result, written here.
            reply: bytes | QueryResult = await pool.written(query_text, fmt, checked.form)
        except LimitError as err:
            return error(503, str(err), **{"Retry-After": "5"})
        except CoproError as err:
            return error(400, str(err))
        graph = checked.form in {"CONSTRUCT", "DESCRIBE"}
        body = reply if isinstance(reply, bytes) else format_result(reply, fmt).encode()
        media = (_GRAPH_CONTENT if graph else _TABLE_CONTENT)[fmt]
        return Response(body, media_type=media, headers={"X-Content-Type-Options": "nosniff"})

    page = landing_page(title)
    for entry in library():
        # The queries the landing page links are checked now, not by the first client
        # to ask each: a check parses with rdflib (milliseconds) on the event loop.
        with contextlib.suppress(CoproError):
            prepared(entry.text)

    async def landing(request: Request) -> Response:
        return HTMLResponse(
            page,
            headers={
                "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
                "form-action 'self'",
                "X-Content-Type-Options": "nosniff",
            },
        )

    @contextlib.asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        try:
            yield
        finally:
            if own_pool:
                pool.close()

    return Starlette(
        lifespan=lifespan,
        routes=[
            Route("/", landing, methods=["GET"]),
            Route("/sparql", sparql, methods=["GET", "HEAD", "POST"]),
        ],
        middleware=[
            # YASGUI and other browser tools call the endpoint from their own origin.
            Middleware(
                CORSMiddleware,
                allow_origins=["*"],
                allow_methods=["GET", "POST"],
                allow_headers=["Accept", "Content-Type"],
                max_age=600,
            )
        ],
    )


class _ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _one(values: list[str]) -> str | None:
    """The one value of a protocol parameter; two or more are a client error."""
    if len(values) > 1:
        raise _ProtocolError(400, "send one query (or update) per request, not several")
    return values[0] if values else None


def _base_iri(server: tuple[str, int | None] | None) -> str:
    """The endpoint's IRI from the listening socket's address: never from the client's
    ``Host`` header, so no text a client sends is pasted into a query."""
    host, port = server or (DEFAULT_HOST, None)
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}{'' if port is None else f':{port}'}/sparql"


def _refuse_dataset(names: Iterable[str]) -> None:
    if {"default-graph-uri", "named-graph-uri"} & set(names):
        raise _ProtocolError(
            400, "this endpoint serves one graph: drop default-graph-uri/named-graph-uri"
        )


SHUTDOWN_GRACE = 2.0
"""Seconds a stopping server waits for requests in flight before it stops the workers."""


def listen(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT) -> socket.socket:
    """A socket listening on ``host:port``, so a busy port is reported before anything
    starts.

    Raises:
        InputError: the address is in use, or cannot be used on this machine.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as err:
        sock.close()
        reason = "the address is already in use" if err.errno == errno.EADDRINUSE else err.strerror
        raise InputError(
            f"cannot listen on {host}:{port}: {reason}",
            hint="stop the other server, or choose another --port",
        ) from None
    # Listening now, not when uvicorn starts: a client that connects while the app is
    # still being set up (the library's queries checked, workers forked) waits in the
    # backlog instead of being refused after "serving ..." was printed.
    sock.listen(128)
    return sock


def serve(
    graph: Target,
    *,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = 2,
    sock: socket.socket | None = None,
) -> None:
    """Serve ``graph`` (the query store, or an rdflib Graph) at ``http://host:port/sparql``
    until interrupted or terminated.

    ``sock`` is a socket from :func:`listen` (the CLI binds first, so a busy port is an
    error before "serving ..." is printed). The worker processes are forked before the web
    server starts, while this process has a single thread. ``SIGTERM`` (``kill``, systemd,
    ``docker stop``) and Ctrl-C stop the server, wait :data:`SHUTDOWN_GRACE` seconds for
    requests in flight, then stop every worker, busy or not.

    Raises:
        InputError: the address is in use.
    """
    import uvicorn

    sock = sock or listen(host, port)
    with sock, QueryPool(graph, workers=workers, timeout=timeout) as pool:
        config = uvicorn.Config(
            create_app(pool, own_pool=True),
            log_level="warning",
            access_log=False,  # a line per request is work on the one server thread
            timeout_graceful_shutdown=max(1, round(SHUTDOWN_GRACE)),
        )
        _server(config, pool).run(sockets=[sock])


def _server(config: Any, pool: QueryPool) -> Any:
    """A uvicorn server that, once asked to stop, gives the requests in flight half of
    :data:`SHUTDOWN_GRACE` to finish, then closes ``pool``: a query still running or
    waiting for a worker is answered ``503`` with the pool's "stopped" error, instead of
    its connection being cut when uvicorn cancels it at the end of the grace."""
    import asyncio

    import uvicorn

    class StoppingServer(uvicorn.Server):  # type: ignore[misc]
        async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
            loop = asyncio.get_running_loop()
            closing = loop.call_later(
                SHUTDOWN_GRACE / 2, lambda: loop.run_in_executor(None, pool.close)
            )
            try:
                await super().shutdown(sockets)
            finally:
                closing.cancel()

    return StoppingServer(config)


@contextlib.contextmanager
def running_server(
    graph: Target,
    *,
    host: str = DEFAULT_HOST,
    port: int = 0,
    timeout: float = DEFAULT_TIMEOUT,
    workers: int = 2,
) -> Iterator[str]:
    """Run the endpoint in a background thread; yield its ``/sparql`` URL; always stop it.

    For notebooks and tests. ``port=0`` picks a free port.

    >>> from rdflib import Graph
    >>> with running_server(Graph(), workers=1) as url:
    ...     url.endswith("/sparql")
    True
    """
    import uvicorn

    with QueryPool(graph, workers=workers, timeout=timeout) as pool:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        bound_port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(pool), log_level="warning", access_log=False, lifespan="off"
        )
        server = _server(config, pool)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        try:
            deadline = time.monotonic() + 10
            while not server.started and thread.is_alive() and time.monotonic() < deadline:
                time.sleep(0.02)
            if not server.started:
                raise CoproError(f"the SPARQL server did not start on {host}:{bound_port}")
            yield f"http://{host}:{bound_port}/sparql"
        finally:
            server.should_exit = True
            thread.join(10)
            sock.close()
