"""What copro-kg writes, read by Apache Jena, and the query library answered by Jena ARQ.

Issue 19: "Apache Jena riot and ARQ" must be part of ``make test`` (Debian's
``libapache-jena-java``, installed by ``scripts/install-system-deps.sh``):

* riot reads every RDF file the commands write -- each profile x format of ``export``,
  ``reason -o`` (plain, ``--all``, ``--inferred-only``) and ``query --format`` for a
  CONSTRUCT -- with ``--strict --check`` (what ``--validate`` checks) and reports no
  warning and no error;
* each graph has the same triple count in every syntax, by riot and by pyoxigraph (the
  issue's item 5: a Turtle list tail written twice, 4,820 triples against 4,818);
* every library query, run by ARQ over the reasoned full export with the same example
  parameters, gives the answer ``copro-kg query NAME`` gives.

How Jena is run (classpath, the Debian package's two faults, JSON-LD through Jena's
JSON-LD 1.0 reader) is explained in ``tests/jena.py``. JVMs started: two riot runs and
one ARQ run for the whole module.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph

from copro_kg.cli import main
from copro_kg.sparql.library import LibraryQuery, bind_parameters, library
from copro_kg.sparql.run import prefix_declarations, prepare, values_clause

from .conftest import require_tool
from .isomorphism import isomorphic
from .jena import JAVA_DIR, Jena, RiotResult

SYNTAXES = {"ttl": "Turtle", "nt": "N-Triples", "rdf": "RDF/XML", "jsonld": "JSON-LD"}
"""The RDF syntaxes copro-kg writes, by the file extension it gives them (CSV aside)."""

PROFILES = ("skos", "owl", "full", "full-reasoned")
"""``export --all-formats`` writes ``copro-<profile>.<ext>`` for these (``make demo``)."""

QUERY_FORMATS = {"ttl": "ttl", "nt": "nt", "rdf": "xml", "jsonld": "jsonld"}
"""``query --format`` values for a CONSTRUCT answer, by the extension written here."""

GRAPHS = [f"copro-{p}" for p in PROFILES] + ["reasoned", "reasoned-all", "inferred", "construct"]
"""Each graph written in every syntax: the exports, ``reason -o`` (also with ``--all``, whose
generalised triples are left out, and ``--inferred-only``), ``query -o``."""

QUERIES = {entry.name: entry for entry in library()}
CONSTRUCT = next(n for n, e in QUERIES.items() if prepare(e.text).form == "CONSTRUCT")
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
EX = "http://example.org/"
LINKML = Path(__file__).parent / "data" / "linkml" / "meta.owl.ttl"
PROV_DIR = Path(__file__).parent / "data" / "prov"
PROV = [PROV_DIR / "prov-o.ttl", *sorted((PROV_DIR / "examples").glob("*.ttl"))]
"""PROV-O and its example graphs (``tests/data/prov/README.md``), reasoned together."""


def cli(*args: str) -> str:
    """Run ``copro-kg ARGS`` in-process (as tests/conftest.py's run_cli does); must exit 0.
    Returns what it printed on stderr."""
    with CliRunner().isolation() as streams:
        try:
            main(list(args))
        except SystemExit as exc:
            assert not exc.code, (args, streams[1].getvalue().decode())
        return str(streams[1].getvalue().decode())


@pytest.fixture(scope="module")
def jena(tmp_path_factory: pytest.TempPathFactory) -> Jena:
    """Debian's Jena; skips locally without it, fails under CI=true (require_tool)."""
    java = require_tool("java")
    require_tool("libapache-jena-java", str(JAVA_DIR / "jena-arq.jar"))
    return Jena(java, tmp_path_factory.mktemp("jena"))


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with every RDF file the commands write for the shipped glossary."""
    out = tmp_path_factory.mktemp("written")
    cli("export", "--all-formats", str(out))
    for ext, fmt in QUERY_FORMATS.items():
        cli("reason", "-o", str(out / f"reasoned.{ext}"))
        cli("reason", "--all", "-o", str(out / f"reasoned-all.{ext}"))
        cli("reason", "--inferred-only", "-o", str(out / f"inferred.{ext}"))
        cli("query", CONSTRUCT, "--format", fmt, "-o", str(out / f"construct.{ext}"))
    # Issue 29: LinkML's metamodel, whose writing ran out of memory; what reason said.
    said = cli("reason", "--inferred-only", "--data", str(LINKML), "-o", str(out / "linkml.nt"))
    (out / "linkml.stderr").write_text(said, encoding="utf-8")
    cli(
        "reason",
        *[arg for path in PROV for arg in ("--data", str(path))],
        "-o",
        str(out / "prov.nt"),
    )
    return out


def test_the_linkml_metamodel_reasons_and_writes_without_a_false_clash(
    riot: dict[str, RiotResult], written: Path
) -> None:
    """LinkML's metamodel is consistent OWL; written, riot reads every triple without a
    word (its blank nodes may pass the labelling bound: a warning, never an error)."""
    said = (written / "linkml.stderr").read_text(encoding="utf-8").splitlines()
    assert not [line for line in said if line.startswith(("inconsistency", "error"))], said
    assert all(line.startswith("wrote ") or "could not be told apart" in line for line in said), (
        said
    )
    result = riot["linkml.nt"]
    assert result.problems == [] and result.triples, result


def test_w3c_prov_o_with_its_examples_is_written_as_valid_n_triples(
    riot: dict[str, RiotResult],
) -> None:
    result = riot["prov.nt"]
    assert result.problems == [] and result.triples, result


CANARIES = {
    # RDF 1.1 N-Triples: a language tag is [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*; an xsd:integer
    # whose lexical form is not an integer is ill-typed (RDF 1.1 Concepts 3.3).
    "canary.nt": f'<{EX}a> <{EX}p> "x"^^<{XSD_INTEGER}> .\n<{EX}a> <{EX}p> "y"@en-- .\n',
    # Issue 19 item 1: the reasoned JSON-LD typed nodes with blank nodes. JSON-LD 1.0
    # Processing Algorithms, Expansion 7.4.4: "If value is neither a string nor an array
    # of strings, an invalid type value error has been detected and processing is aborted."
    "canary.jsonld": '{"@id": "http://example.org/a", "@type": [{"@id": "_:b0"}]}',
}
"""Files riot must complain about, read in the same runs as ours."""


@pytest.fixture(scope="module")
def riot(jena: Jena, written: Path) -> dict[str, RiotResult]:
    """riot's verdict on every written file and the canaries, by name (two JVMs in all)."""
    files = [written / f"{g}.{ext}" for g in GRAPHS for ext in SYNTAXES] + [
        written / name for name in ("linkml.nt", "prov.nt")
    ]
    for name, text in CANARIES.items():
        files.append(written / name)
        files[-1].write_text(text, encoding="utf-8")
    found = jena.riot([f for f in files if f.suffix != ".jsonld"])
    # Jena 4.5's JSON-LD 1.1 reader cannot run from Debian's jars (tests/jena.py): the
    # JSON-LD 1.0 reader checks the same terms (IRIs, language tags, literals).
    found |= jena.riot([f for f in files if f.suffix == ".jsonld"], syntax="JSONLD10")
    return {path.name: result for path, result in found.items()}


def test_riot_reports_what_it_finds(riot: dict[str, RiotResult]) -> None:
    """The runner must see riot's complaints, or the tests below could not fail: with
    Debian's slf4j-nop binding riot drops every one of them silently (tests/jena.py)."""
    nt = riot["canary.nt"]
    assert any("Lexical form 'x' not valid" in p for p in nt.problems), nt
    assert any("ERROR" in p and "language tag" in p.lower() for p in nt.problems), nt
    jsonld = riot["canary.jsonld"]
    assert jsonld.triples is None, jsonld
    assert any("invalid type value" in p for p in jsonld.problems), jsonld


# ------------------------------------------------------------ riot reads every file


@pytest.mark.parametrize("ext", SYNTAXES)
@pytest.mark.parametrize("graph", GRAPHS)
def test_riot_reads_it_without_a_warning(riot: dict[str, RiotResult], graph: str, ext: str) -> None:
    result = riot[f"{graph}.{ext}"]
    assert result.problems == [], "\n".join(result.problems)
    assert result.triples, result


@pytest.mark.parametrize("graph", GRAPHS)
def test_the_same_graph_in_every_syntax(
    riot: dict[str, RiotResult], written: Path, graph: str
) -> None:
    """One graph, one triple count, whichever syntax and whichever reader (item 5)."""
    counts = {f"jena {ext}": riot[f"{graph}.{ext}"].triples for ext in SYNTAXES}
    for ext in SYNTAXES:
        fmt = pyoxigraph.RdfFormat.from_extension(ext)
        assert fmt is not None, ext
        quads = pyoxigraph.parse(path=str(written / f"{graph}.{ext}"), format=fmt)
        counts[f"pyoxigraph {ext}"] = sum(1 for _ in quads)
    assert len(set(counts.values())) == 1, counts


# ------------------------------------------------------------ ARQ answers the library


def arq_text(entry: LibraryQuery) -> str:
    """The query as copro-kg sends it to any SPARQL server (``query --endpoint``, see
    sparql/remote.py): the predeclared prefixes written out, the example parameters as a
    trailing VALUES block (SPARQL 1.1 sections 10.2 and 18.2.4.3)."""
    bindings = bind_parameters(entry.example_parameters, entry)
    return prefix_declarations(entry.text) + entry.text + values_clause(bindings)


@pytest.fixture(scope="module")
def arq(jena: Jena, written: Path) -> dict[str, Path]:
    """ARQ's answer file to every library query, over ``copro-full-reasoned.nt``."""
    texts = {name: arq_text(entry) for name, entry in QUERIES.items()}
    return jena.select(written / "copro-full-reasoned.nt", texts)


@pytest.fixture(scope="module")
def ours(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``copro-kg query NAME --param ... --format json`` (nt for a CONSTRUCT) for each."""
    out = tmp_path_factory.mktemp("ours")
    for name, entry in QUERIES.items():
        params = [arg for k, v in entry.example_parameters.items() for arg in ("-p", f"{k}={v}")]
        ext = "nt" if name == CONSTRUCT else "json"
        cli("query", name, *params, "--format", ext, "-o", str(out / f"{name}.{ext}"))
    return out


def term(value: dict[str, str] | None) -> tuple[str, ...] | None:
    """A SPARQL JSON results term, compared as RDF 1.1 compares terms.

    A simple literal is an xsd:string (RDF 1.1 Concepts 3.3), language tags compare
    case-insensitively (BCP 47, RDF 1.1 Concepts 3.3), and a blank node label means
    nothing outside its results document (SPARQL 1.1 JSON Results 3.2.2).
    """
    if value is None:
        return None
    kind = value["type"]
    if kind == "bnode":
        return ("bnode",)
    if kind == "literal":
        lang = value.get("xml:lang", "").lower()
        datatype = value.get("datatype", "" if lang else XSD_STRING)
        return ("literal", value["value"], lang, datatype)
    return (kind, value["value"])


Row = tuple[tuple[str, ...] | None, ...]


def solutions(document: dict[str, object]) -> tuple[object, Counter[Row]]:
    """An ASK's boolean, or a SELECT's variables and multiset of rows."""
    if "boolean" in document:
        return document["boolean"], Counter()
    head, results = document["head"], document["results"]
    assert isinstance(head, dict) and isinstance(results, dict)
    names = head["vars"]
    rows: Counter[Row] = Counter(tuple(term(b.get(v)) for v in names) for b in results["bindings"])
    return names, rows


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_arq_gives_the_same_answer(arq: dict[str, Path], ours: Path, name: str) -> None:
    """SELECT: the same variables and the same multiset of solutions (their order is
    not compared: SPARQL 1.1 section 15.1 leaves ties of ORDER BY keys unordered). ASK:
    the same boolean. CONSTRUCT: isomorphic graphs (RDF 1.1 Concepts 3.6)."""
    answer = arq[name]
    assert answer.suffix != ".error", answer.read_text(encoding="utf-8")
    if name == CONSTRUCT:
        theirs, mine = (
            Graph().parse(answer, format="nt"),
            Graph().parse(ours / f"{name}.nt", format="nt"),
        )
        assert len(mine) > 0 and isomorphic(theirs, mine), (len(theirs), len(mine))
        return
    theirs_doc = json.loads(answer.read_text(encoding="utf-8"))
    mine_doc = json.loads((ours / f"{name}.json").read_text(encoding="utf-8"))
    assert solutions(theirs_doc) == solutions(mine_doc)
