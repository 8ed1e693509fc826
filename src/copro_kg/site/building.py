"""Build the static glossary site: one folder of HTML, CSS and a little JavaScript.

:func:`build_site` reasons over the graph, reads every concept into a
:class:`~copro_kg.site.model.Term`, renders the Jinja2 templates (autoescaped: a
hostile label is shown as text), writes the search index as a script file (so search
works opened from disk, where ``fetch()`` of a JSON file is refused), computes the
questionnaire's outcome table with the placement ``classify`` uses (no second reasoning),
and embeds the graph views.

Pages (stable URLs: a term's page is named after its IRI's slug)::

    index.html  a-z.html  search.html  spectrum.html  cycle.html  questionnaire.html
    accessibility.html          the accessibility statement, linked from every footer
    terms/<slug>.html           one per skos:Concept, with its citation
    graphs/*.html               the graph views (spectrum, cycle, focus/<slug>)
    static/                     site.css, search.js, questionnaire.js, search-index.js,
                                and the graph pages' shared vis-network.min.js,
                                vis-network.css, graph.js, graph.css
    ask.html                    "Query the data (SPARQL)" (copro_kg.site.ask), with
                                static/ask*.js, ask.css and the query engine's licences in
                                static/oxigraph/; linked from the footer, not the main
                                navigation (it is for analysts)
    print.html                  the whole glossary as one document to print
                                (copro_kg.site.printing), with static/print.css and the
                                pictures graphs/spectrum.svg and graphs/cycle.svg

The folder is built beside the target and swapped in at the end, so a failed build
leaves the previous site untouched (the folder-level version of ``write_atomic``).
A target folder that is not empty and was not made by ``copro-kg site`` is refused
rather than overwritten.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from rdflib import Graph

from copro_kg.errors import InputError
from copro_kg.site.ask import ENGINE_VERSION, AskPage, ask_files, ask_page, script_messages
from copro_kg.site.changes import ReleaseNotes, annotate, change_list
from copro_kg.site.citation import (
    Publication,
    check_feedback_url,
    citation,
    publication,
    suggest_url,
)
from copro_kg.site.explaining import default_explainer
from copro_kg.site.graphs import Pictures, palette_files
from copro_kg.site.messages import message, questionnaire_messages
from copro_kg.site.model import Explain, Term, in_sentence, read_terms
from copro_kg.site.pages import cycle, letters, spectrum_groups
from copro_kg.site.printing import PICTURES, PRINT_PAGE, PRINT_STYLE, print_page, print_style
from copro_kg.site.questionnaire import Questionnaire, build_questionnaire
from copro_kg.site.records import sentence_case
from copro_kg.site.search import search_index, search_index_script

__all__ = [
    "MARKER",
    "SiteReport",
    "build_site",
    "default_explainer",
    "print_glossary",
    "render_site",
    "search_index",
    "search_index_script",
]

MARKER = ".copro-kg-site"
"""File that marks a folder as a copro-kg site, so rebuilding may replace it."""

NAV = (
    ("nav_home", "index.html"),
    ("nav_az", "a-z.html"),
    ("nav_spectrum", "spectrum.html"),
    ("nav_cycle", "cycle.html"),
    ("nav_questionnaire", "questionnaire.html"),
    ("nav_search", "search.html"),
)
"""The practitioners' main navigation. The SPARQL page (``ask.html``), the release history
(``changes.html``) and the accessibility statement are linked from every page's footer
instead."""
STATIC_FILES = ("site.css", "search.js", "questionnaire.js", "copy.js", "frames.js")


@dataclass
class SiteReport:
    """What a build wrote."""

    out_dir: Path
    index: Path
    pages: list[str] = field(default_factory=list)
    terms: int = 0
    graphs: int = 0
    questions: int = 0
    notes: list[str] = field(default_factory=list)


@cache
def _environment() -> Environment:
    """The site's templates, compiled once per process (a build renders 130 pages from 13
    templates; compiling them is most of the rendering). Jinja reloads a changed template."""
    env = Environment(
        loader=PackageLoader("copro_kg.site", "templates"),
        autoescape=True,  # every .html.j2 is HTML: escape everything, always
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["m"] = message
    env.filters["in_sentence"] = in_sentence
    env.filters["sentence_case"] = sentence_case
    return env


def _version() -> str:
    from copro_kg._version import __version__

    return __version__


def build_site(
    graph: Graph,
    out_dir: str | Path,
    *,
    explain: Explain | None = None,
    graphs: bool = True,
    reasoner: Callable[[Graph], Any] | None = None,
    reasoning: Any | None = None,
    ask: bool = True,
    feedback_url: str | None = None,
    shipped: Callable[[Any], bool] | None = None,
) -> SiteReport:
    """Reason over ``graph`` and write the whole site into ``out_dir``.

    Args:
        graph: the asserted graph (:func:`copro_kg.load`: the glossary plus user data).
        out_dir: the folder to (re)create; its parent must be writable.
        explain: explains an inferred link; by default the reasoner's own derivations
            (``result.derivation``) when it records them.
        graphs: embed the graph views (off: text lists only, a much faster build).
        reasoner: ``reasoner(graph) -> result``; :func:`copro_kg.reason` by default. Run
            once over ``graph`` unless ``reasoning`` is given (the questionnaire needs
            no reasoning: it is placed by :func:`copro_kg.vocab.placement.place`).
        reasoning: the result over ``graph`` when the caller has it (``copro-kg site``
            passes the pipeline's, cached with its derivations): then ``graph`` is not
            reasoned over again, and explanations need no engine run.
        ask: add the "Ask a question" page (:mod:`copro_kg.site.ask`: SPARQL in the
            browser over the reasoned glossary; about 2 MB with its engine).
        feedback_url: where readers suggest a change (https, http or mailto,
            :func:`copro_kg.site.citation.check_feedback_url`): each term page then links
            it with the term's IRI. Without it, no such link.
        shipped: ``shipped(node)``, is a node only in the shipped files
            (:func:`copro_kg.viz.convert.shipped_from`; by default, any node the shipped
            ontology describes): the pictures tell the glossary's examples and passages
            from the user's activities (the static spectrum leaves the examples to its
            level boxes; the interactive one lists only the user's as "not placed").

    Raises:
        InputError: ``out_dir`` is a file, or a non-empty folder not made by us; or
            ``feedback_url`` is not an https, http or mailto address.
    """
    if reasoner is None:
        from copro_kg.reasoning import reason as reasoner_default

        reasoner = reasoner_default
    target = Path(out_dir)
    _check_target(target)
    if feedback_url is not None:
        feedback_url = check_feedback_url(feedback_url)
    result = reasoning if reasoning is not None else reasoner(graph)
    explainer = explain or default_explainer(result)
    if shipped is None:
        shipped = _shipped()
    terms = read_terms(result, explain=explainer, shipped=shipped)
    notes, skos = annotate(terms, graph)
    questionnaire = build_questionnaire(graph, terms)
    pictures = _draw(result, terms, shipped) if graphs else Pictures({}, {})
    asking = ask_page(result, graph) if ask else None
    pub = publication(graph, version=_version())
    from copro_kg.site.printing import pictures as paper_pictures  # draws: only when building

    files = render_site(
        terms,
        questionnaire,
        pictures,
        asking,
        paper=paper_pictures(result, shipped),
        notes=notes,
        changes=change_list(skos) if skos is not None else None,
        pub=pub,
        feedback_url=feedback_url,
    )
    if asking is not None:
        files.update(ask_files(result, terms, asking))
    _write_tree(target, files)
    report = SiteReport(
        out_dir=target,
        index=target / "index.html",
        pages=sorted(p for p in files if p.endswith(".html")),
        terms=len(terms),
        graphs=len(pictures.pages),
        questions=len(questionnaire.questions),
        notes=list(questionnaire.notes),
    )
    return report


def print_glossary(
    graph: Graph,
    out: str | Path,
    *,
    reasoning: Any | None = None,
    shipped: Callable[[Any], bool] | None = None,
) -> Path:
    """Print the glossary to a PDF at ``out``: the site's ``print.html``, made a PDF by
    WeasyPrint (:func:`copro_kg.site.printing.write_pdf`; the ``print`` extra).

    ``reasoning``, ``shipped``: as for :func:`build_site`.

    Raises:
        InputError: WeasyPrint is not installed; ``out`` cannot be written.
    """
    from copro_kg.site.printing import pictures as paper_pictures
    from copro_kg.site.printing import write_pdf

    if reasoning is None:
        from copro_kg.reasoning import reason

        reasoning = reason(graph)
    terms = read_terms(reasoning, explain=default_explainer(reasoning), shipped=shipped)
    paper = paper_pictures(reasoning, shipped)
    site_css = (resources.files("copro_kg.site") / "static" / "site.css").read_bytes()
    files: dict[str, str | bytes] = {
        **paper,
        **palette_files(),
        PRINT_PAGE: print_page(_environment(), terms, _version(), NAV, paper),
        PRINT_STYLE: print_style(),
        "static/site.css": site_css,
    }
    return write_pdf(files, out)


def _shipped() -> Callable[[Any], bool]:
    """Any node the shipped ontology's files describe (the user's files are not known)."""
    from copro_kg.pipeline import shipped_sources
    from copro_kg.viz.convert import shipped_from

    return shipped_from(shipped_sources())


def _draw(result: Any, terms: list[Term], shipped: Callable[[Any], bool]) -> Pictures:
    from copro_kg.site.graphs import draw

    # Other models' terms (Arnstein, TLAP, IAP2) get a page but no picture of their own.
    return draw(result, {t.iri: t.slug for t in terms if not t.scheme_label}, shipped=shipped)


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise InputError("is a file, not a folder", location=str(target))
    if target.is_dir() and any(target.iterdir()) and not (target / MARKER).exists():
        raise InputError(
            "the folder is not empty and was not made by 'copro-kg site'; refusing to replace it",
            location=str(target),
            hint="give an empty or new folder",
        )


def _write_tree(target: Path, files: dict[str, str | bytes]) -> None:
    """Write ``files`` into a fresh folder beside ``target``, then swap it in."""
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    except OSError as err:
        raise InputError(f"cannot write the site: {err.strerror}", location=str(target)) from err
    try:
        for rel, content in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        (staging / MARKER).write_text("built by copro-kg site; safe to delete\n", "utf-8")
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a site is meant to be read
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=parent))
            os.replace(target, old / "site")
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# ----------------------------------------------------------------------------- pages


def render_site(
    terms: list[Term],
    questionnaire: Questionnaire,
    pictures: Pictures,
    ask: AskPage | None = None,
    paper: dict[str, str] | None = None,
    notes: list[ReleaseNotes] | None = None,
    changes: dict[str, Any] | None = None,
    *,
    pub: Publication | None = None,
    feedback_url: str | None = None,
) -> dict[str, str | bytes]:
    """Every file of the site (path -> content), rendered but not written.

    The SPARQL page is rendered when ``ask`` is given; its data and engine files come
    from :func:`copro_kg.site.ask.ask_files`. ``paper``: the static pictures
    (:func:`copro_kg.site.printing.pictures`), offered for download beside the
    interactive ones and shown in ``print.html``. ``notes`` and ``changes``: the release
    history (:mod:`copro_kg.site.changes`) for ``changes.html`` and ``changes.json``.
    Deprecated terms keep their page but leave the lists, search and hierarchy pages.
    ``pub`` names what a term's citation cites (:func:`copro_kg.site.citation.publication`);
    ``feedback_url`` adds the "suggest a change" links.
    """
    paper = paper or {}
    env = _environment()
    version = _version()
    pub = pub or Publication(version=version)
    files: dict[str, str | bytes] = {}

    def page(template: str, path: str, current: str | None, **context: Any) -> None:
        depth = path.count("/")
        files[path] = env.get_template(template).render(
            root="../" * depth,
            nav=NAV,
            current=current,
            version=version,
            has_ask=ask is not None,
            **context,
        )

    if ask is not None:
        page(
            "ask.html.j2",
            "ask.html",
            None,
            ask=ask,
            ask_messages=script_messages(),
            engine_version=ENGINE_VERSION,
        )

    every = terms
    terms = [t for t in terms if not t.deprecated]
    by_slug = {t.slug: t for t in terms}
    groups = spectrum_groups(terms, by_slug)
    page("index.html.j2", "index.html", "nav_home", terms=terms, featured=groups)
    page("a-z.html.j2", "a-z.html", "nav_az", letters=letters(terms))
    page("changes.html.j2", "changes.html", "nav_changes", notes=notes or [])
    listed = changes if changes is not None else change_list(Graph())
    files["changes.json"] = json.dumps(listed, indent=2, ensure_ascii=False) + "\n"
    page("search.html.j2", "search.html", "nav_search")
    spectrum_graph = "graphs/spectrum.html" if "graphs/spectrum.html" in pictures.pages else None
    page(
        "spectrum.html.j2",
        "spectrum.html",
        "nav_spectrum",
        groups=groups,
        graph_page=spectrum_graph,
        extra_edges=[],
        picture=PICTURES["spectrum"] if PICTURES["spectrum"] in paper else None,
    )
    cycle_graph = "graphs/cycle.html" if "graphs/cycle.html" in pictures.pages else None
    phases, whole = cycle(terms, by_slug)
    page(
        "cycle.html.j2",
        "cycle.html",
        "nav_cycle",
        phases=phases,
        whole=whole,
        graph_page=cycle_graph,
        picture=PICTURES["cycle"] if PICTURES["cycle"] in paper else None,
    )
    page(
        "questionnaire.html.j2",
        "questionnaire.html",
        "nav_questionnaire",
        questionnaire=questionnaire if questionnaire.questions else None,
        q_messages=questionnaire_messages(),
    )
    page(
        "accessibility.html.j2",
        "accessibility.html",
        None,
        pub=pub,
        feedback=suggest_url(feedback_url, "accessibility.html", "accessibility statement")
        if feedback_url
        else None,
        graphs=bool(pictures.pages),
    )
    total = max((t.position or 0 for t in terms), default=0)
    for term in every:
        focus = f"graphs/focus/{term.slug}.html"
        has_focus = focus in pictures.pages
        page(
            "term.html.j2",
            f"terms/{term.slug}.html",
            None,
            term=term,
            spectrum_total=total,
            focus_graph=focus if has_focus else None,
            focus_edges=pictures.edges.get(focus, []) if has_focus else [],
            citation=citation(pub, term.label, term.iri),
            suggest=suggest_url(feedback_url, term.iri, term.label) if feedback_url else None,
        )
    files.update(paper)
    files[PRINT_PAGE] = print_page(env, terms, version, NAV, paper)
    files[PRINT_STYLE] = print_style()
    files.update(pictures.pages)
    files.update(pictures.assets)
    files.update(palette_files())  # the groups' colours, shared with the graph pages
    files["static/search-index.js"] = search_index_script(terms)
    for name in STATIC_FILES:
        files[f"static/{name}"] = (resources.files("copro_kg.site") / "static" / name).read_bytes()
    return files
