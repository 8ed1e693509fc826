"""Writing a drawn graph to a file: the interactive HTML page, GraphML, GEXF, or a
static picture (SVG, PNG: :mod:`copro_kg.viz.svg`).

:data:`FORMATS` and :data:`SUFFIXES` are the one table of what ``copro-kg graph`` can
write. A file name is never given content of another kind: ``-o picture.jpg`` is refused
with the formats we can write, rather than receiving an HTML page under an image's name
(:func:`graph_format`). GraphML and GEXF carry the same nodes, edges and attributes (all
strings, integers or booleans) for Gephi, Cytoscape or yEd users.

>>> graph_format("glossary.graphml"), graph_format("page.HTM")
('graphml', 'html')
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from copro_kg import formats
from copro_kg.errors import InputError
from copro_kg.io.atomic import open_atomic
from copro_kg.viz.html import write_html

__all__ = ["FORMATS", "IMAGE_SUFFIXES", "PICTURES", "SUFFIXES", "graph_format", "write_graph"]

FORMATS = formats.names("drawing")
"""Output formats of :func:`write_graph`."""

SUFFIXES = formats.short_by_suffix("drawing")
"""File name endings and the format each one means."""

PICTURES = frozenset({"svg", "png"})
"""The formats that are static pictures (:func:`copro_kg.viz.svg.write_picture`)."""

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".gif", ".webp", ".pdf"})
"""Image names we refuse: we write pictures as SVG or PNG only."""

_CAN_WRITE = (
    "copro-kg graph writes .html (interactive page), .svg or .png (picture), .graphml or .gexf"
)


def graph_format(path: str | Path, fmt: str | None = None) -> str:
    """The format to write ``path`` in: ``fmt`` if given, else the one its suffix names.

    Raises:
        InputError: ``fmt`` is not one of :data:`FORMATS`; ``path`` names an image
            (:data:`IMAGE_SUFFIXES`) or a suffix of another format than ``fmt``; or,
            without ``fmt``, its suffix names no format.

    >>> graph_format("spectrum.jpg")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    copro_kg.errors.InputError: cannot write an image (.jpg): copro-kg graph writes .html ...
    """
    suffix = Path(path).suffix.lower()
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown graph format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if suffix in IMAGE_SUFFIXES:
        raise InputError(
            f"cannot write an image ({suffix}): {_CAN_WRITE}",
            hint="write .svg or .png, and convert it if you need another kind",
        )
    named = SUFFIXES.get(suffix)
    if fmt is None and named is None:
        raise InputError(
            f"cannot tell the format of {Path(path).name!r}: {_CAN_WRITE}",
            hint="end the file name in one of those, or give --format",
        )
    if fmt is not None and named is not None and named != fmt:
        raise InputError(f"{Path(path).name!r} names a {named} file, not {fmt}")
    return fmt or str(named)


def write_graph(graph: nx.MultiDiGraph, path: str | Path, fmt: str = "html", **kwargs: Any) -> Path:
    """Write ``graph`` as ``html`` (the interactive page), ``svg`` or ``png`` (a picture),
    ``graphml`` or ``gexf``, atomically.

    ``kwargs`` go to :func:`copro_kg.viz.html.render_html` (``title`` ...) or
    :func:`copro_kg.viz.svg.render_svg`.

    Raises:
        InputError: ``fmt`` is not one of :data:`FORMATS`.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown graph format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    if fmt == "html":
        return write_html(graph, path, **kwargs)
    if fmt in PICTURES:
        from copro_kg.viz.svg import write_picture

        return write_picture(graph, path, fmt, **kwargs)
    # GraphML and GEXF hold scalar attributes only: the page's extras (the spectrum's
    # list of unplaced activities) stay out of the file.
    graph = nx.MultiDiGraph(graph)
    graph.graph = {k: v for k, v in graph.graph.items() if isinstance(v, (str, int, float, bool))}
    with open_atomic(path) as fh:
        if fmt == "graphml":
            nx.write_graphml(graph, fh, encoding="utf-8", prettyprint=True)
        else:
            nx.write_gexf(graph, fh, encoding="utf-8", prettyprint=True)
    return Path(path)
