"""Hostile RDF/XML: external entities (XXE), entity-expansion bombs, pathological text.

Issue 8, "Safe by default": "XML: no external entities, no entity-expansion bombs (RDF/XML
through a hardened parser ...); tests with an XXE file that points at a local file and a
'billion laughs' file" -- while Protégé-style internal entities must keep working.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDFS, XSD

import copro_kg
from copro_kg.errors import InputError, LimitError
from copro_kg.io import sources as loading
from copro_kg.io.rdfxml_guard import RDFXML_PLUGIN

from .conftest import DATA_DIR, RunCli, lines

BAD = DATA_DIR / "bad"
SECRET_MARK = "XXE-SECRET-7f3a9c"
RDF_NS = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'


def rdfxml(body: str, dtd: str = "") -> str:
    """A small RDF/XML document with an optional internal DTD subset."""
    doctype = f"<!DOCTYPE rdf:RDF [\n{dtd}\n]>\n" if dtd else ""
    return (
        f'<?xml version="1.0"?>\n{doctype}<rdf:RDF {RDF_NS}\n'
        ' xmlns:ex="http://example.org/">\n'
        f"{body}\n</rdf:RDF>\n"
    )


def test_secret_file_really_exists() -> None:
    """The XXE tests only mean something if the file the entity names is readable."""
    assert SECRET_MARK in (BAD / "secret.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["xxe-local-file.rdf", "xxe-parameter-entity.rdf"])
def test_xxe_never_shows_the_local_file(run_cli: RunCli, tmp_path: Path, name: str) -> None:
    """The entity names ``secret.txt`` beside it: refused, and its text appears nowhere."""
    out = tmp_path / "out.ttl"
    result = run_cli("reason", "--data", str(BAD / name), "-o", str(out))
    assert result.exit_code == 2
    assert "refused the external entity" in result.stderr
    assert SECRET_MARK not in result.stdout + result.stderr
    assert not out.exists()


def test_xxe_to_an_absolute_path_outside_the_data_folder(tmp_path: Path) -> None:
    """A SYSTEM id with an absolute ``file:`` URI is refused the same way (library)."""
    secret = tmp_path / "private" / "token.txt"
    secret.parent.mkdir()
    secret.write_text("TOKEN-9d1e-private", encoding="utf-8")
    doc = tmp_path / "doc.rdf"
    doc.write_text(
        rdfxml(
            '<rdf:Description rdf:about="http://example.org/a"><ex:p>&t;</ex:p></rdf:Description>',
            f'<!ENTITY t SYSTEM "{secret.as_uri()}">',
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="refused the external entity 't'") as info:
        copro_kg.load([doc], ontology=False)
    assert "TOKEN-9d1e-private" not in str(info.value)


@pytest.mark.timeout(60)  # a hang guard, not a speed assertion: unprotected, this runs for ever
def test_billion_laughs_is_refused_at_once(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    result = run_cli("reason", "--data", str(BAD / "billion-laughs.rdf"), "-o", str(out))
    assert result.exit_code == 2
    assert len(lines(result.stderr)) == 1
    assert "refused the entity 'lol1'" in result.stderr
    assert "bomb" in result.stderr  # the message says why
    assert not out.exists()


def test_protege_style_entities_keep_working() -> None:
    """Protégé writes ``<!ENTITY owl "...owl#">`` and uses ``&owl;`` in attributes.

    The file's class, its label (with the predefined ``&amp;``) and the datatype written
    as ``&xsd;string`` must come through exactly; CDATA keeps ``&ex;`` literally (XML
    1.0 §2.7: CDATA content is not markup).
    """
    graph = loading.parse_source(BAD / "control-protege-entities.owl")
    workshop = URIRef("http://example.org/protege#Workshop")
    assert (workshop, RDFS.subClassOf, OWL.Thing) in graph
    assert (workshop, RDFS.label, Literal("Workshop & co", lang="en")) in graph
    comment = graph.value(workshop, RDFS.comment)
    assert comment == Literal("kept as text: &ex; is not expanded here", datatype=XSD.string)


def test_entity_values_with_quotes_and_newlines_stay_exact(tmp_path: Path) -> None:
    """Expanding an entity by hand must keep what XML 1.0 §4.4 says it means.

    In an attribute, quotes inside the replacement text do not end the value and white
    space is normalised to spaces (§3.3.3); in content, a newline stays a newline.
    """
    doc = tmp_path / "q.rdf"
    doc.write_text(
        rdfxml(
            '<rdf:Description rdf:about="http://example.org/&q;"><ex:p>a&nl;b</ex:p>'
            "</rdf:Description>",
            "<!ENTITY q 'say-\"hi\"'>\n<!ENTITY nl '\n'>",
        ),
        encoding="utf-8",
    )
    # The quote is an invalid IRI character: refusing it proves the value stayed whole.
    with pytest.raises(InputError, match=r'IRI <http://example.org/say-"hi">'):
        loading.parse_source(doc)
    doc.write_text(
        rdfxml(
            '<rdf:Description rdf:about="http://example.org/a"><ex:p>a&nl;b</ex:p>'
            "</rdf:Description>",
            "<!ENTITY nl '\n'>",
        ),
        encoding="utf-8",
    )
    graph = loading.parse_source(doc)
    assert Literal("a\nb") in set(graph.objects())


def test_error_lines_still_match_the_file_after_the_dtd(tmp_path: Path) -> None:
    """The DTD is replaced by as many blank lines, so positions after it stay right."""
    doc = tmp_path / "broken.rdf"
    doc.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY ex "http://example.org/">\n]>\n'
        f"<rdf:RDF {RDF_NS}>\n"
        '<rdf:Description rdf:about="&ex;a">\n'
        "</rdf:Descriptio>\n</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        loading.parse_source(doc)
    assert info.value.location is not None
    assert info.value.location.startswith(f"{doc}:7:")  # the mismatched tag is on line 7


def test_one_large_entity_used_many_times_hits_the_expansion_budget(tmp_path: Path) -> None:
    """Flat (unnested) expansion is bounded too: 4 KiB x 5000 references = 20 MB."""
    value = "x" * 4000
    refs = "&big;" * 5000
    doc = tmp_path / "flat-bomb.rdf"
    doc.write_text(
        rdfxml(
            f'<rdf:Description rdf:about="http://example.org/a"><ex:p>{refs}</ex:p>'
            "</rdf:Description>",
            f'<!ENTITY big "{value}">',
        ),
        encoding="utf-8",
    )
    with pytest.raises(LimitError, match="expanding its entities would exceed"):
        loading.parse_source(doc)


@pytest.mark.parametrize(
    "decl",
    [
        '<!ENTITY % pe "x">',
        '<!ATTLIST ex:p ex:default CDATA "injected">',
        '<!ENTITY pic SYSTEM "pic.png" NDATA png>',
        '<!ENTITY ext PUBLIC "-//x//y" "http://127.0.0.1:9/dtd">',
    ],
    ids=["parameter-entity", "attlist-defaults", "unparsed-entity", "public-external"],
)
def test_other_dtd_declarations_are_refused(tmp_path: Path, decl: str) -> None:
    doc = tmp_path / "d.rdf"
    doc.write_text(rdfxml('<rdf:Description rdf:about="http://example.org/a"/>', decl))
    with pytest.raises(InputError, match="refused"):
        loading.parse_source(doc)


def test_hardened_parser_refuses_a_dtd_by_itself() -> None:
    """The second wall: even a DTD that reached the parser is refused by defusedxml."""
    from defusedxml import DTDForbidden

    text = rdfxml('<rdf:Description rdf:about="http://example.org/a"/>', '<!ENTITY a "b">')
    with pytest.raises(DTDForbidden):
        Graph().parse(data=text, format=RDFXML_PLUGIN)


def test_character_data_reaches_rdflib_in_one_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    """Why a literal of many lines is linear now: rdflib's handler gets one call per text.

    rdflib appends every chunk expat delivers to a string (measured: a literal of one
    million newlines took 13 s, three million several minutes). expat splits text at every
    newline and character reference, so 20 000 lines would be 20 000+ appends.
    """
    from rdflib.plugins.parsers.rdfxml import RDFXMLHandler

    calls: list[int] = []
    original = RDFXMLHandler.characters

    def spy(self: RDFXMLHandler, content: str) -> None:
        calls.append(len(content))
        original(self, content)

    monkeypatch.setattr(RDFXMLHandler, "characters", spy)
    text = "line&#65;\n" * 20_000
    doc = rdfxml(
        f'<rdf:Description rdf:about="http://example.org/a"><ex:p>{text}</ex:p></rdf:Description>'
    )
    graph = Graph().parse(data=doc, format=RDFXML_PLUGIN)
    assert Literal("lineA\n" * 20_000) in set(graph.objects())
    assert len(calls) <= 10, len(calls)


def test_parse_deadline_stops_rdfxml(tmp_path: Path) -> None:
    """``COPRO_KG_PARSE_SECONDS`` (here 0 s) bounds RDF/XML parsing with a clear error."""
    doc = tmp_path / "slow.rdf"
    doc.write_text(
        rdfxml('<rdf:Description rdf:about="http://example.org/a"><ex:p>x</ex:p></rdf:Description>')
    )
    with pytest.raises(LimitError, match="parsing took longer than the limit"):
        loading.parse_source(doc, deadline_seconds=0.0)


def test_long_ntriples_line_is_read_by_the_linear_parser(tmp_path: Path) -> None:
    """N-Triples goes through the Turtle parser (N-Triples is a subset of Turtle, RDF 1.1
    N-Triples §1); rdflib's own N-Triples parser needed over a minute for a 4 MiB line.
    Checked by behaviour, not time: the 2 MB literal arrives whole."""
    doc = tmp_path / "long.nt"
    doc.write_text('<http://example.org/a> <http://example.org/b> "' + "y" * 2_000_000 + '" .\n')
    graph = loading.parse_source(doc)
    assert len(str(next(iter(graph.objects())))) == 2_000_000
