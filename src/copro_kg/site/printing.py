"""The glossary as one document to print: ``print.html``, and its PDF (WeasyPrint).

A team starting an engagement project agrees its words at a table, on paper. The site's
pages are one per term; ``print.html`` is the whole glossary in the order a reader
expects -- the spectrum and the cycle first (their pictures, :mod:`copro_kg.viz.svg`,
and their lists), then the terms A to Z -- with a contents list and page numbers in
print (CSS paged media, ``static/print.css``), and no term cut by a page break where it
fits on one page.

Nothing is written twice: each term is the term page's own content (the
``term_content`` block of ``term.html.j2``), the spectrum and the cycle their pages'
lists (``spectrum_list``, ``cycle_list``), so the glossary's words and ours are kept
apart exactly as on the site. Rendered into one page, their ids are made unique per
term, their headings move one level down, and their links to term pages point at the
terms in the document instead.

:func:`write_pdf` prints it with WeasyPrint (the ``print`` extra), no browser: every file
the document needs is served from memory, and nothing else is fetched.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment

from copro_kg.errors import InputError
from copro_kg.io.atomic import write_atomic
from copro_kg.site.pages import cycle, spectrum_groups
from copro_kg.site.records import Term

__all__ = ["PRINT_PAGE", "PRINT_STYLE", "pictures", "print_page", "write_pdf"]

PRINT_PAGE = "print.html"
PRINT_STYLE = "static/print.css"
PICTURES = {"spectrum": "graphs/spectrum.svg", "cycle": "graphs/cycle.svg"}
"""The static pictures, written beside the interactive pages (the site offers them as
downloads) and shown in the printed glossary."""

_ID = re.compile(r'\b(id|for|aria-labelledby|aria-describedby)="([^"]*)"')
_FRAGMENT = re.compile(r'href="#([^"]+)"')
_TERM_LINK = re.compile(r'href="terms/([a-z0-9-]+)\.html"')
_HEADING = re.compile(r"<(/?)h([1-5])\b")
_LANDMARK = re.compile(r"<(/?)(?:section|aside)\b([^>]*)>")
_NAMED = re.compile(r' aria-labelledby="[^"]*"')


def pictures(result: Any, shipped: Callable[[Any], bool] | None = None) -> dict[str, str]:
    """The spectrum's and the cycle's pictures as SVG (path in the site -> text).

    ``shipped`` (:func:`copro_kg.viz.convert.shipped_from`) tells the glossary's example
    activities from the user's: the spectrum's picture leaves the former to its level
    boxes (:func:`copro_kg.viz.picture.for_paper`).
    """
    from copro_kg.viz import convert, views
    from copro_kg.viz.picture import for_paper
    from copro_kg.viz.svg import render_svg

    whole = convert.to_networkx(result, shipped=shipped)
    out = {}
    for name, path in PICTURES.items():
        view = for_paper(views.view(whole, name))
        if view.number_of_nodes():
            out[path] = render_svg(view, title=views.TITLES[name])
    return out


def _in_document(html: str, prefix: str, printed: set[str], down: int = 0) -> str:
    """A page's fragment made part of one long page: ids prefixed, headings ``down``
    levels lower, links to term pages pointing at the terms in the document (a term
    not ``printed``, another model's, keeps its name without a link), and its sections
    plain blocks -- on a page of 90 terms, 90 "Definition" regions and "Related terms"
    asides would be landmarks no one can tell apart (each term is an ``<article>``)."""
    html = _LANDMARK.sub(lambda m: f"<{m[1]}div{_NAMED.sub('', m[2])}>", html)
    html = _ID.sub(lambda m: f'{m[1]}="{" ".join(prefix + i for i in m[2].split())}"', html)
    html = _FRAGMENT.sub(lambda m: f'href="#{prefix}{m[1]}"', html)
    html = _TERM_LINK.sub(lambda m: f'href="#term-{m[1]}"' if m[1] in printed else "", html)
    return _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + down, 6)}", html)


def _block(env: Environment, template: str, block: str, **context: Any) -> str:
    """One block of a page template, rendered on its own with ``context``.

    A block rendered alone does not run its template's ``{% from ... import %}`` lines,
    so the shared macros (``_macros.html.j2``) are handed in with the context.
    """
    macros = env.get_template("_macros.html.j2").module
    shared = {k: v for k, v in vars(macros).items() if not k.startswith("_")}
    page = env.get_template(template)
    return "".join(page.blocks[block](page.new_context({**shared, **context})))


def print_page(
    env: Environment,
    terms: list[Term],
    version: str,
    nav: Any,
    pictures: Mapping[str, str],
) -> str:
    """``print.html``: the spectrum, the cycle and every term, rendered by the site's own
    templates (``env`` is the site's Jinja2 environment)."""
    by_slug = {t.slug: t for t in terms}
    groups = spectrum_groups(terms, by_slug)
    phases, whole = cycle(terms, by_slug)
    total = max((t.position or 0 for t in terms), default=0)
    common = {"root": "", "version": version, "nav": nav, "current": None}
    # Other models' terms (Arnstein, TLAP, IAP2) are not the glossary's: the glossary's
    # terms name them where they map, as their pages do.
    printed = sorted((t for t in terms if not t.scheme_label), key=lambda t: t.sort_key)
    slugs = {t.slug for t in printed}
    entries = [
        (
            term,
            _in_document(
                _block(
                    env,
                    "term.html.j2",
                    "term_content",
                    term=term,
                    spectrum_total=total,
                    focus_graph=None,
                    focus_edges=[],
                    **common,
                ),
                f"{term.slug}--",
                slugs,
                down=2,  # the term's h1 under the document's h1 and the part's h2
            ),
        )
        for term in printed
    ]
    spectrum_list = _in_document(
        _block(env, "spectrum.html.j2", "spectrum_list", groups=groups, **common),
        "spectrum--",
        slugs,
    )
    cycle_list = _in_document(
        _block(env, "cycle.html.j2", "cycle_list", phases=phases, whole=whole, **common),
        "cycle--",
        slugs,
    )
    return env.get_template("print.html.j2").render(
        entries=entries,
        spectrum_list=spectrum_list if groups else "",
        cycle_list=cycle_list if phases else "",
        pictures={name: path for name, path in PICTURES.items() if path in pictures},
        **common,
    )


def print_style() -> str:
    """The printed glossary's stylesheet (``static/print.css``)."""
    return (resources.files("copro_kg.site") / "static" / "print.css").read_text("utf-8")


def write_pdf(files: Mapping[str, str | bytes], out: str | Path) -> Path:
    """Print ``files[PRINT_PAGE]`` to a PDF at ``out`` with WeasyPrint, atomically.

    ``files`` holds every file the page links (path in the site -> content); they are
    served from memory and any other address is refused, so the PDF is made offline.

    Raises:
        InputError: WeasyPrint or the libraries under it (pango) are not installed.
    """
    try:
        import weasyprint
    except (ImportError, OSError) as err:
        raise InputError(
            f"printing to PDF needs WeasyPrint and its libraries ({err})",
            hint="pip install 'copro-kg[print]' (and Debian's libpango-1.0-0 libpangoft2-1.0-0)",
        ) from err
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    base = "file:///copro-kg-print/"

    class FromMemory(URLFetcher):  # type: ignore[misc]
        """Serves ``files``; refuses any other address (the PDF is made offline)."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            path = url.removeprefix(base).split("#")[0]
            if not url.startswith(base) or path not in files:
                raise ValueError(f"the printed glossary fetches nothing else ({url})")
            content = files[path]
            data = content.encode("utf-8") if isinstance(content, str) else content
            mime = mimetypes.guess_type(path)[0]  # .html, .css, .svg: the standard types
            return URLFetcherResponse(url, body=data, headers={"Content-Type": mime or ""})

    page = files[PRINT_PAGE]
    document = weasyprint.HTML(
        string=page if isinstance(page, str) else page.decode("utf-8"),
        base_url=base + PRINT_PAGE,
        url_fetcher=FromMemory(),
    )
    pdf: bytes = document.write_pdf()
    return write_atomic(out, pdf)
