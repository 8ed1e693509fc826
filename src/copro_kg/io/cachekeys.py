"""Where cached results live, and the content-addressed key that names them.

One key, :func:`key`: a SHA-256 over named byte strings plus the entry format, the package
version, the engine and the options, so a new version or engine never reads an old entry.
The reasoning cache (:mod:`copro_kg.reasoning.cache`) writes its entries under it, the
query store (:mod:`copro_kg.sparql.store`) sits beside the entry under the same key, and
the warm query path (:mod:`copro_kg.sparql.warm`) computes it to find the store. That
last use is why this module is apart and imports no rdflib: finding a warm store must cost
hashing a few files, not loading an RDF library.

>>> a = key([("x.ttl", b"<a> <b> <c> .")], kind="files", engine="copro", keep_all=False)
>>> a == key([("x.ttl", b"<a> <b> <c> .")], kind="files", engine="owlrl", keep_all=False)
False
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from copro_kg._version import __version__

__all__ = ["FORMAT", "cache_dir", "key", "key_for_files", "store_dir"]

FORMAT = "copro-kg-reasoning/3"
"""Entry format tag; bump it when the payload layout or meaning changes (2: derivations,
sources; 3: eq-ref premises, and the ``datatype`` category hidden)."""


def cache_dir() -> Path:
    """The cache folder: ``$COPRO_KG_CACHE_DIR`` or the platform's user cache dir.

    On Linux that is the XDG Base Directory rule, ``$XDG_CACHE_HOME/copro-kg`` (when absolute) or
    ``~/.cache/copro-kg``, read here directly: importing platformdirs costs a warm query
    more than its answer (a test checks the two agree); elsewhere platformdirs decides.
    """
    explicit = os.environ.get("COPRO_KG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        # The spec: a relative path in the variable is invalid and ignored.
        return Path(base if os.path.isabs(base) else os.path.expanduser("~/.cache")) / "copro-kg"
    import platformdirs

    return Path(platformdirs.user_cache_dir("copro-kg"))


def key(parts: Iterable[tuple[str, bytes]], *, kind: str, engine: str, keep_all: bool) -> str:
    """The cache key: named byte strings (``parts``) plus format, version and options."""
    h = hashlib.sha256()
    header = f"{FORMAT}|{kind}|{__version__}|{engine}|{keep_all}".encode()
    for part in (header, *(b for name, data in parts for b in (name.encode(), data))):
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def key_for_files(
    paths: Sequence[Path], *, input_format: str | None, engine: str, keep_all: bool
) -> str:
    """Key for reasoning these files: their names and bytes, and the input format.

    Raises:
        OSError: a file cannot be read.
    """
    parts = [("input-format", str(input_format).encode())]
    parts += [(path.name, path.read_bytes()) for path in paths]
    return key(parts, kind="files", engine=engine, keep_all=keep_all)


def store_dir(name: str) -> Path:
    """Where the Oxigraph query store of key ``name`` lives: beside its entry, same key
    (written by :func:`copro_kg.sparql.store.write_store`, read by ``query`` and ``serve``)."""
    return cache_dir() / f"{name}.store"
