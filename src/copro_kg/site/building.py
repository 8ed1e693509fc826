"""Build the static glossary site: one folder of HTML, CSS and a little JavaScript.

:func:`build_site` reasons over the graph, reads every concept into a
:class:`~copro_kg.site.model.Term`, renders the Jinja2 templates (autoescaped: a
hostile label is shown as text), writes the search index as a script file (so search
works opened from disk, where ``fetch()`` of a JSON file is refused), computes the
questionnaire's outcome table with the reasoner, and embeds the graph views.

Pages (stable URLs: a term's page is named after its IRI's slug)::

    index.html  a-z.html  search.html  spectrum.html  cycle.html  questionnaire.html
    terms/<slug>.html           one per skos:Concept
    graphs/*.html               the graph views (spectrum, cycle, focus/<slug>)
    static/                     site.css, search.js, questionnaire.js, search-index.js,
                                and the graph pages' shared vis-network.min.js,
                                vis-network.css, graph.js, graph.css

The folder is built beside the target and swapped in at the end, so a failed build
leaves the previous site untouched (the folder-level version of ``write_atomic``).
A target folder that is not empty and was not made by ``copro-kg site`` is refused
rather than overwritten.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from rdflib import BNode, Graph
from rdflib import Literal as RdfLiteral
from rdflib.namespace import RDFS, SKOS

from copro_kg.errors import InputError
from copro_kg.site.graphs import Pictures, palette_files
from copro_kg.site.messages import message
from copro_kg.site.model import Explain, Link, Passage, Term, fold, in_sentence, read_terms
from copro_kg.site.questionnaire import Questionnaire, build_questionnaire

__all__ = ["MARKER", "SiteReport", "build_site", "render_site"]

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
STATIC_FILES = ("site.css", "search.js", "questionnaire.js")
SUMMARY_CHARS = 180


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


def _environment() -> Environment:
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
) -> SiteReport:
    """Reason over ``graph`` and write the whole site into ``out_dir``.

    Args:
        graph: the asserted graph (:func:`copro_kg.load`: the glossary plus user data).
        out_dir: the folder to (re)create; its parent must be writable.
        explain: explains an inferred link; by default the reasoner's own derivations
            (``result.derivation``) when it records them.
        graphs: embed the graph views (off: text lists only, a much faster build).
        reasoner: ``reasoner(graph) -> result``; :func:`copro_kg.reason` by default. The
            questionnaire reasons with it over its hypothetical answers.
        reasoning: the result over ``graph`` when the caller has it (``copro-kg site``
            passes the pipeline's, cached with its derivations): then ``graph`` is not
            reasoned over again, and explanations need no engine run.

    Raises:
        InputError: ``out_dir`` is a file, or a non-empty folder not made by us.
    """
    if reasoner is None:
        from copro_kg.reasoning import reason as reasoner_default

        reasoner = reasoner_default
    target = Path(out_dir)
    _check_target(target)
    result = reasoning if reasoning is not None else reasoner(graph)
    explainer = explain or default_explainer(result)
    terms = read_terms(result, explain=explainer)
    questionnaire = build_questionnaire(graph, result, terms, reasoner=reasoner)
    pictures = _draw(result, terms) if graphs else Pictures({}, {})
    files = render_site(terms, questionnaire, pictures)
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


def default_explainer(result: Any) -> Explain | None:
    """The reasoner's explanation of an inferred triple, as text lines.

    Uses the derivation tree of :func:`copro_kg.reasoning.explain.explain` (each step: the
    fact in words and the OWL 2 RL rule that gave it, down to asserted facts), else
    words the reasoner's recorded first step (``result.derivation``: the rule and its
    premises) with the terms' labels. Never fails a build over an
    explanation: a link whose explanation cannot be had is still shown, marked
    inferred.
    """
    derivation = getattr(result, "derivation", None)
    if not callable(derivation):
        return None
    try:
        explaining: Any = importlib.import_module("copro_kg.reasoning.explain")
    except ImportError:  # an engine version without the explaining module
        explaining = None
    tree = getattr(explaining, "explain", None)

    def explain(triple: Any) -> str | None:
        try:
            if callable(tree):  # the derivation tree, down to asserted triples
                return str(tree(result, *triple).text())
            found = derivation(triple)
            return describe_derivation(found, result.closure) if found is not None else None
        except Exception:  # an explanation is a nicety; the link itself is still shown
            return None

    return explain


def describe_derivation(found: Any, graph: Graph) -> str:
    """One derivation step in words: what the rule says, and the facts it used.

    >>> from types import SimpleNamespace as NS
    >>> from rdflib import URIRef
    >>> a, p, b = URIRef("urn:a"), URIRef("urn:p"), URIRef("urn:b")
    >>> describe_derivation(NS(rule="prp-symp", gloss="it works both ways",
    ...     premises=((a, p, b),), conclusion=(b, p, a)), Graph())
    'The reasoner applied rule prp-symp (it works both ways) to: a p b.'
    """

    def name(node: Any) -> str:
        if isinstance(node, BNode):
            return "a class expression"
        for prop in (SKOS.prefLabel, RDFS.label):
            for value in sorted(graph.objects(node, prop), key=str):
                if isinstance(value, RdfLiteral) and value.language in ("en", None):
                    return str(value)
        return re.split(r"[#/:]", str(node).rstrip("/#"))[-1] or str(node)

    facts = "; ".join(" ".join(name(t) for t in premise) for premise in found.premises)
    gloss = getattr(found, "gloss", "")
    rule = f"rule {found.rule}" + (f" ({gloss})" if gloss else "")
    return f"The reasoner applied {rule} to: {facts}."


def _draw(result: Any, terms: list[Term]) -> Pictures:
    from copro_kg.site.graphs import draw

    # Other models' terms (Arnstein, TLAP, IAP2) get a page but no picture of their own.
    return draw(result, {t.iri: t.slug for t in terms if not t.scheme_label})


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
    terms: list[Term], questionnaire: Questionnaire, pictures: Pictures
) -> dict[str, str | bytes]:
    """Every file of the site (path -> content), rendered but not written."""
    env = _environment()
    version = _version()
    files: dict[str, str | bytes] = {}

    def page(template: str, path: str, current: str | None, **context: Any) -> None:
        depth = path.count("/")
        files[path] = env.get_template(template).render(
            root="../" * depth, nav=NAV, current=current, version=version, **context
        )

    by_slug = {t.slug: t for t in terms}
    groups = _spectrum_groups(terms, by_slug)
    page("index.html.j2", "index.html", "nav_home", terms=terms, featured=groups)
    page("a-z.html.j2", "a-z.html", "nav_az", letters=_letters(terms))
    page("search.html.j2", "search.html", "nav_search")
    spectrum_graph = "graphs/spectrum.html" if "graphs/spectrum.html" in pictures.pages else None
    page(
        "spectrum.html.j2",
        "spectrum.html",
        "nav_spectrum",
        groups=groups,
        graph_page=spectrum_graph,
        extra_edges=[],
    )
    cycle_graph = "graphs/cycle.html" if "graphs/cycle.html" in pictures.pages else None
    phases, whole = _cycle(terms, by_slug)
    page(
        "cycle.html.j2",
        "cycle.html",
        "nav_cycle",
        phases=phases,
        whole=whole,
        graph_page=cycle_graph,
    )
    page(
        "questionnaire.html.j2",
        "questionnaire.html",
        "nav_questionnaire",
        questionnaire=questionnaire if questionnaire.questions else None,
        q_messages=_questionnaire_messages(),
    )
    total = max((t.position or 0 for t in terms), default=0)
    for term in terms:
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
        )
    files.update(pictures.pages)
    files.update(pictures.assets)
    files.update(palette_files())  # the groups' colours, shared with the graph pages
    files["static/search-index.js"] = search_index_script(terms)
    for name in STATIC_FILES:
        files[f"static/{name}"] = (resources.files("copro_kg.site") / "static" / name).read_bytes()
    return files


def _questionnaire_messages() -> dict[str, str]:
    """The questionnaire script's sentences, from the catalogue ({placeholders} kept)."""
    return {
        "level": message("q_result_level"),
        "group": message("q_result_group"),
        "why": message("q_result_why"),
        "from": message("q_result_from"),
        "answer": message("q_result_answer"),
        "read": message("q_result_read"),
        "none": message("q_result_none"),
        "candidates": message("q_result_candidates"),
        "conflict": message("q_result_conflict"),
    }


def _summary(term: Term) -> str | None:
    if term.definition is None:
        return None
    text = " ".join(term.definition.text.split())
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def search_index(terms: Iterable[Term]) -> list[dict[str, Any]]:
    """The prebuilt search index: labels (English, Welsh, alternative) and a summary."""
    out = []
    for term in terms:
        entry: dict[str, Any] = {"slug": term.slug, "label": term.label}
        if term.scheme_label:
            entry["scheme"] = term.scheme_label
        if term.label_cy:
            entry["cy"] = term.label_cy
        alts = [*term.alt_labels, *term.alt_labels_cy]
        if alts:
            entry["alt"] = alts
        summary = _summary(term)
        if summary:
            entry["summary"] = summary
            entry["text"] = term.definition.text if term.definition else ""
        out.append(entry)
    return out


def search_index_script(terms: Iterable[Term]) -> str:
    """The index as a script that sets ``window.COPRO_SEARCH_INDEX``.

    A script file, not JSON fetched at run time: browsers refuse ``fetch()`` of
    ``file://`` URLs, and the site must work opened from disk. ``json.dumps`` with
    ``ensure_ascii`` gives a valid JavaScript literal (U+2028/U+2029 escaped) that no
    label can break out of; ``<``, ``>`` and ``&`` are escaped as well.
    """
    data = json.dumps(search_index(terms), ensure_ascii=True, sort_keys=True, indent=0)
    # Also escape the HTML-significant characters, so the index stays inert even if
    # someone pastes it into a page's inline <script>.
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        data = data.replace(char, escaped)
    return f"window.COPRO_SEARCH_INDEX = {data};\n"


@dataclass(frozen=True)
class _AzEntry:
    text: str
    slug: str
    see: bool = False
    target: str = ""
    cy: str | None = None
    summary: str | None = None


def _letters(terms: list[Term]) -> list[tuple[str, list[_AzEntry]]]:
    """A to Z entries: each term, plus a "see" entry for each alternative label."""
    entries = []
    for term in terms:
        if term.scheme_label:  # another model's term (Arnstein, TLAP, IAP2): not in the A-Z
            continue
        entries.append(_AzEntry(term.label, term.slug, cy=term.label_cy, summary=_summary(term)))
        for alt in term.alt_labels:
            entries.append(_AzEntry(alt, term.slug, see=True, target=term.label))
    grouped: dict[str, list[_AzEntry]] = defaultdict(list)
    for entry in sorted(entries, key=lambda e: (fold(e.text), e.see, e.slug)):
        first = next((c for c in fold(entry.text) if c.isalnum()), "#")
        grouped[first.upper() if first.isalpha() else "#"].append(entry)
    return sorted(grouped.items(), key=lambda kv: (kv[0] == "#", kv[0]))


@dataclass(frozen=True)
class _Level:
    slug: str
    label: str
    label_cy: str | None
    position: int | None
    quotes: list[str]
    examples: list[str]


@dataclass(frozen=True)
class _Group:
    slug: str
    label: str
    definition: str | None
    statements: list[str]
    levels: list[_Level]


def _spectrum_groups(terms: list[Term], by_slug: dict[str, Term]) -> list[_Group]:
    """The spectrum's groups in order of power sharing, each with its levels in order."""
    members: dict[str, list[Term]] = defaultdict(list)
    for term in terms:
        if term.group is not None:
            members[term.group.slug].append(term)
    groups = []
    for slug, levels in members.items():
        levels.sort(key=lambda t: (t.position is None, t.position or 0, t.sort_key))
        group = by_slug.get(slug)
        groups.append(
            _Group(
                slug=slug,
                label=group.label if group else slug,
                definition=group.definition.text if group and group.definition else None,
                statements=group.statements if group else [],
                levels=[
                    _Level(
                        t.slug,
                        t.label,
                        t.label_cy,
                        t.position,
                        [q.text for q in t.quotes],
                        t.examples,
                    )
                    for t in levels
                ],
            )
        )
    # Order groups by where their levels sit (doing to < for < with in the glossary).
    groups.sort(key=lambda g: min((lv.position or 0 for lv in g.levels), default=0))
    return groups


@dataclass(frozen=True)
class _Phase:
    slug: str
    label: str
    alt_labels: list[str]
    definition: str | None
    next: Link | None
    number: int | None


def _text(passage: Passage | None) -> str | None:
    return passage.text if passage else None


def _cycle(terms: list[Term], by_slug: dict[str, Term]) -> tuple[list[_Phase], Link | None]:
    """The co-production cycle: phases in ``nextPhase`` order, and the whole they form."""
    phases = {t.slug: t for t in terms if t.next_phase is not None}
    if not phases:
        return [], None
    # A ring has no first phase of its own: copro:phaseNumber says where the glossary's
    # list starts (co-planning is 1); phases sharing a number keep A-Z order.
    order = sorted(
        phases,
        key=lambda s: (
            phases[s].phase_number is None,
            phases[s].phase_number or 0,
            phases[s].sort_key,
        ),
    )
    out = [
        _Phase(
            s,
            phases[s].label,
            phases[s].alt_labels,
            _text(phases[s].definition),
            phases[s].next_phase,
            phases[s].phase_number,
        )
        for s in order
    ]
    wholes = [w for s in order for w in phases[s].broader_partitive if w.slug not in phases]
    return out, (wholes[0] if wholes else None)
