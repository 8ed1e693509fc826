"""Writing output files atomically, so a failed run never loses the previous file.

Everything copro_kg writes goes through :func:`write_atomic`: the content is written
to a temporary file in the target's folder, flushed to disk, then moved over the
target with :func:`os.replace` (atomic on POSIX and Windows). If producing the content
fails halfway -- rdflib's Turtle writer can fail mid-file on an IRI with a space --
the previous file is untouched and no temporary file is left behind.

A failure of the disk itself (full, quota, a file-size limit) is reported as one
:class:`~copro_kg.errors.InputError` naming the target, never as a traceback. The new
file gets the mode the old one had (or the usual ``0o666`` minus the umask):
``tempfile.mkstemp`` creates ``0o600`` files, which a web server could not read.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

from copro_kg.errors import InputError

__all__ = ["OutputError", "open_atomic", "write_atomic"]


class OutputError(InputError, OSError):
    """An output file could not be written (disk full, no permission, size limit).

    It is an :class:`~copro_kg.errors.InputError` for the CLI (one ``error:`` line, exit
    2) and still an :class:`OSError`, so callers that treat a failed write as optional
    (the reasoning cache) keep catching it as before.
    """


def _current_umask() -> int:
    # os.umask can only be read by setting it; done once, at import, in one thread.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


@contextlib.contextmanager
def open_atomic(path: str | Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Open a temporary file beside ``path``; it replaces ``path`` only on success.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> with open_atomic(target) as fh:
    ...     _ = fh.write(b"hello")
    >>> target.read_bytes()
    b'hello'
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise InputError(f"cannot write {target}: {err.strerror}", location=str(target)) from err
    tmp = Path(tmp_name)
    try:
        try:
            with os.fdopen(fd, mode) as fh:
                yield fh
                fh.flush()
                os.fsync(fh.fileno())
            try:
                file_mode = target.stat().st_mode & 0o7777
            except OSError:
                file_mode = 0o666 & ~_UMASK
            os.chmod(tmp, file_mode)
            os.replace(tmp, target)
        except OSError as err:
            raise OutputError(
                f"cannot write {target}: {err.strerror or err}; the previous file is unchanged",
                location=str(target),
            ) from err
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(folder)


def _sync_folder(folder: Path) -> None:
    """Flush the folder entry of the rename to disk too (POSIX; best effort)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: str | Path, content: bytes | str | Callable[[IO[bytes]], None]) -> Path:
    """Write ``content`` (bytes, text as UTF-8, or a writer callback) to ``path`` atomically."""
    with open_atomic(path) as fh:
        if callable(content):
            content(fh)
        else:
            fh.write(content.encode("utf-8") if isinstance(content, str) else content)
    return Path(path)
