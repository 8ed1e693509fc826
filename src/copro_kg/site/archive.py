"""The built site as one downloadable file: ``site-X.Y.Z.zip`` for each release.

A practitioner's organisation puts the site online by unpacking one archive on any
static host (docs/hosting.md), or opens it from a shared drive. The archive holds one
folder, ``copro-kg-site-X.Y.Z/``, with the site's files in sorted order and a fixed
timestamp, so the same site gives the same bytes (a release's checksum means
something). Written atomically: a failed write leaves no half archive.

>>> archive_name("0.2.0")
'site-0.2.0.zip'
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import IO

from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic

__all__ = ["archive_name", "archive_site"]

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
"""Every entry's timestamp: builds differ in time, not in content."""


def archive_name(version: str) -> str:
    """The archive's file name for a release: ``site-VERSION.zip``."""
    return f"site-{version}.zip"


def archive_site(site_dir: str | Path, target: str | Path, *, version: str) -> Path:
    """Zip the built site in ``site_dir`` into ``target``; returns ``target``.

    Args:
        site_dir: a folder written by :func:`copro_kg.site.build_site`.
        target: the ``.zip`` file to (re)write.
        version: copro-kg's version, naming the folder inside the archive.

    Raises:
        InputError: ``site_dir`` holds no site (no ``index.html``).
    """
    root = Path(site_dir)
    if not (root / "index.html").is_file():
        raise InputError("is not a built site (no index.html)", location=str(root))
    folder = f"copro-kg-site-{version}"
    files = sorted(
        p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".copro-kg-site")
    )

    def write(fh: IO[bytes]) -> None:
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{folder}/{path.relative_to(root).as_posix()}", FIXED_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())

    return write_atomic(target, write)
