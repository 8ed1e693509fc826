"""The warm answer: a query already checked, over a store already written, in milliseconds.

Once ``copro-kg query`` has reasoned the glossary into its store
(:mod:`copro_kg.sparql.store`) and checked a query text (:mod:`copro_kg.sparql.verdicts`),
asking the same question again needs neither rdflib nor the reasoner: hash the shipped
files to find the store (:mod:`copro_kg.io.cachekeys`), open it read-only, let Oxigraph
evaluate and write the W3C result format. That is what :func:`answer` does, importing
only pyoxigraph, in a forked child with the same deadline, memory ceiling and wording as
the general path (:mod:`copro_kg.sparql.limits`).

It answers only where its bytes are the general path's bytes: a SELECT over the reasoned
glossary (no ``--data``, no parameters) written as CSV, where Oxigraph's writer and
copro-kg's give the same bytes (``tests/sparql/test_warm.py`` compares them for
every library query). Anything else -- a text never checked, a store not yet written,
another format, a query Oxigraph rejects -- returns None, and the caller takes the general
path, which says what is wrong in its own words.

>>> answer("SELECT ?never_checked_before_1f3a WHERE { ?s ?p ?o }", fmt="csv") is None
True
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import time
from collections.abc import Callable
from pathlib import Path

from copro_kg.io.cachekeys import key_for_files, store_dir
from copro_kg.prefixes import PREFIX_IRIS
from copro_kg.resources import ontology_files
from copro_kg.sparql.lexical import mentions_service
from copro_kg.sparql.limits import (
    DEFAULT_MAX_MEMORY_MB,
    DEFAULT_TIMEOUT,
    child_died,
    end_with_parent,
    limit_memory,
    timed_out,
)
from copro_kg.sparql.storefiles import DATA_FOLDER, default_graphs, read_meta
from copro_kg.sparql.verdicts import recall

__all__ = ["FORMATS", "answer", "glossary_store"]

FORMATS = ("csv",)
"""The result formats the warm path writes: the W3C SPARQL 1.1 CSV format, the default
for a SELECT piped elsewhere. Not TSV: Oxigraph writes ``1`` where copro-kg's writer
writes ``"1"^^xsd:integer`` (both valid TSV, but not the same bytes)."""


def glossary_store() -> Path | None:
    """The folder of the reasoned glossary's store, or None when it is not written yet.

    The key is the one :class:`copro_kg.pipeline.Workspace` computes for no ``--data``.
    """
    try:
        key = key_for_files(ontology_files(), input_format=None, engine="copro", keep_all=False)
    except OSError:
        return None
    folder = store_dir(key)
    return folder if read_meta(folder) is not None else None


def answer(
    text: str,
    *,
    fmt: str = "csv",
    library_name: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_memory_mb: int | None = DEFAULT_MAX_MEMORY_MB,
) -> bytes | None:
    """The answer to ``text`` from the reasoned glossary's store, as ``fmt`` bytes; None
    when the warm path cannot give the general path's answer (see the module docstring).

    Raises:
        LimitError: the query ran past ``timeout`` seconds or past its memory ceiling.
    """
    verdict = recall(text, library_name)
    if verdict is None or verdict[0] != "SELECT" or fmt not in FORMATS:
        return None
    if mentions_service(text) or not timeout or not hasattr(os, "fork"):
        return None
    folder = glossary_store()
    if folder is None:
        return None

    def evaluate() -> bytes:
        import pyoxigraph as ox

        store = ox.Store.read_only(str(folder / DATA_FOLDER))
        solutions = store.query(
            text,
            prefixes=PREFIX_IRIS,
            default_graph=[ox.NamedNode(g) for g in default_graphs(True)],
        )
        if not isinstance(solutions, ox.QuerySolutions):
            raise ValueError("not a SELECT")  # the verdict said SELECT: the full path decides
        return bytes(solutions.serialize(format=ox.QueryResultsFormat.CSV) or b"")

    return _in_child(evaluate, timeout, max_memory_mb)


def _in_child(work: Callable[[], bytes], timeout: float, max_memory_mb: int | None) -> bytes | None:
    """``work()`` in a forked child under ``max_memory_mb``, killed after ``timeout`` s.

    A plain ``os.fork`` and a pipe: ``multiprocessing`` alone would cost more to import
    than the warm answer takes. The child sends ``+`` and the bytes, or ``-`` when
    ``work`` failed (the caller then takes the general path and reports it); a child that
    sends nothing died, out of memory.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        status = 0
        try:
            os.close(reader)
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
            end_with_parent(writer)  # a parent killed meanwhile takes this child along
            limit_memory(max_memory_mb)
            try:
                payload = b"+" + work()
            except MemoryError:
                raise  # sends nothing: the parent reports the memory ceiling
            except Exception:
                payload = b"-"
            with os.fdopen(writer, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            status = 1
        finally:
            os._exit(status)
    os.close(writer)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([reader], [], [], left)[0]:
                raise timed_out(timeout)
            chunk = os.read(reader, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(reader)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)  # past the deadline; harmless once it has exited
        os.waitpid(pid, 0)
    data = b"".join(chunks)
    if not data:
        raise child_died()
    return data[1:] if data[:1] == b"+" else None
