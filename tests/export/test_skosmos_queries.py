"""The ``skos`` export as Skosmos draws it: Skosmos's own SPARQL queries, run over the export.

The query texts are Skosmos's (``tests/data/skosmos/``, vendored from
``GenericSparql.php`` with their MIT licence); pyoxigraph runs them, as Fuseki would. From
the top concepts and the children query the test draws the tree a Skosmos user browses,
and checks each of its links against the glossary: every step down the tree is a
kind-of or part-of the glossary states between two of its terms (quoted below), named
entities (Acts, bodies, guidance, models) stand outside the tree, and our headings are
groups (collections), never concepts (issue 26).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from copro_kg.export.skos import skos_profile
from copro_kg.io.serialize import serialize
from copro_kg.namespace import COPRO

QUERIES = Path(__file__).parents[1] / "data" / "skosmos"
SCHEME = str(COPRO.glossary)
C = "https://w3id.org/copro-kg/"

# The prefixes Skosmos's EasyRdf client declares for these queries.
PREFIXES = """PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dc: <http://purl.org/dc/terms/>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX dc11: <http://purl.org/dc/elements/1.1/>
PREFIX isothes: <http://purl.org/iso25964/skos-thes#>
"""

# Every link of the tree, with the glossary's words that state it (child, parent).
STATED: dict[tuple[str, str], str] = {
    ("co-production", "community-engagement"): (
        "Co-production is a specific kind of community engagement"
    ),
    ("co-production", "involvement"): "all co-production is involvement",
    ("community-engagement", "engagement"): (
        "Engagement is the generic term which refers to the entire range of possible interactions"
    ),
    ("stakeholder-engagement", "engagement"): (
        "Engagement is the generic term which refers to the entire range of possible interactions"
    ),
    ("public-engagement-in-research", "engagement"): (
        "Examples of public engagement are science festivals"
    ),
    ("qualitative-research", "engagement"): (
        "You can engage with people for lots of different reasons; qualitative research and "
        "co-production are just two of them."
    ),
    **{
        (group, "engagement"): "doing to doing for doing with"
        for group in ("doing-to", "doing-for", "doing-with")
    },
    **{
        (level, "doing-to"): "doing to doing for doing with coercion protection education "
        "persuasion"
        for level in ("coercion", "protection", "education", "persuasion")
    },
    **{
        (level, "doing-for"): "Doing for: information, consultation and participation"
        for level in ("information", "consultation", "participation")
    },
    ("involvement", "doing-with"): "Doing with: involvement",
    ("co-productive-research", "co-productive-approaches"): (
        "A co-productive approach to research"
    ),
    ("inclusive-co-design", "co-design"): "Inclusive co-design: designing from the margins",
    **{
        (f"value-{v}", "values-of-co-production"): "underpinned by the following 5 values"
        for v in (
            "valuing-all-participants",
            "working-in-networks",
            "doing-what-matters",
            "building-trusted-relationships",
            "enabling-change-makers",
        )
    },
    ("co-design", "co-production"): "Co-design is a component part of a co-production process",
    **{
        (phase, "co-production"): (
            "A complete co-production process is a cycle that includes co-planning"
        )
        for phase in ("co-planning", "co-decision-making", "co-delivery", "co-evaluation")
    },
    ("involvement", "five-ways-of-working"): "Involvement is one of the 5 ways of working",
    **{
        (way, "five-ways-of-working"): (
            "The 5 ways of working of the Well-being of Future Generations (Wales) Act 2015 are "
            "interconnected: public bodies must take a collaborative and integrated approach in "
            "order to involve people effectively; this in turn enables a preventative and "
            "long-term view"
        )
        for way in ("collaboration", "integration", "long-term", "prevention")
    },
}

NAMED_ENTITIES = (COPRO.Organisation, COPRO.Legislation, COPRO.Guidance, COPRO.Model)
HEADINGS = {
    "Organisations",
    "Legislation",
    "Models of engagement",
    "Related approaches",
    "Good practice guidance",
}


def skosmos_query(name: str, **values: str) -> str:
    """A vendored Skosmos query with its placeholders filled as Skosmos fills them."""
    text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
    fills = {"fcl": "", "gcl": "", "propertyClause": "skos:broader", "lang": "en", "fallback": "en"}
    # Deprecated concepts hidden, as Skosmos does unless skosmos:showDeprecated is set.
    fills["filterDeprecated"] = "FILTER NOT EXISTS { ?s owl:deprecated true }"
    fills |= values
    for key in sorted(fills, key=len, reverse=True):  # $grandchildren before $group ...
        text = text.replace(f"${key}", fills[key])
    # The one change: the children query selects ?child twice, which Jena accepts and
    # pyoxigraph refuses ("Duplicated variable name in SELECT"); the repeat is dropped.
    text = text.replace("SELECT ?child ?label ?child ", "SELECT ?child ?label ")
    return PREFIXES + text


@pytest.fixture(scope="module")
def export(glossary: Graph) -> Graph:
    return skos_profile(glossary)


@pytest.fixture(scope="module")
def store(export: Graph) -> pyoxigraph.Store:
    store = pyoxigraph.Store()
    store.load(serialize(export, "nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return store


def rows(store: pyoxigraph.Store, query: str) -> list[dict[str, str]]:
    result = store.query(query)
    names = [v.value for v in result.variables]
    return [
        {n: (row[n].value if row[n] is not None else "") for n in names}  # type: ignore[index]
        for row in result
    ]


@pytest.fixture(scope="module")
def tree(store: pyoxigraph.Store) -> dict[str, list[str]]:
    """The tree Skosmos draws: "" -> its top concepts, each concept -> its children."""
    tops = rows(store, skosmos_query("top-concepts", values=f"VALUES (?topuri) {{ (<{SCHEME}>) }}"))
    drawn: dict[str, list[str]] = {"": sorted(r["top"] for r in tops)}
    todo = list(drawn[""])
    while todo:
        uri = todo.pop()
        if uri in drawn:
            continue
        kids = rows(store, skosmos_query("children", uri=uri))
        drawn[uri] = sorted(r["child"] for r in kids if r["child"])
        todo += drawn[uri]
    return drawn


def paths(tree: dict[str, list[str]]) -> list[list[str]]:
    out: list[list[str]] = []

    def walk(path: list[str]) -> None:
        kids = tree.get(path[-1], [])
        if not kids:
            out.append(path)
        for kid in kids:
            walk([*path, kid])

    for top in tree[""]:
        walk([top])
    return out


def test_one_scheme_and_every_concept_in_the_tree(
    store: pyoxigraph.Store, export: Graph, tree: dict[str, list[str]]
) -> None:
    # The glossary's scheme, and ours of deprecated terms (skosmos:mainConceptScheme
    # names the first, docs/taxonomy-tools.md).
    schemes = rows(store, skosmos_query("concept-schemes"))
    assert [r["cs"] for r in schemes] == [SCHEME, SCHEME + "-deprecated"]
    assert schemes[0]["preflabel"] == "Engagement and co-production glossary"
    reached = {n for kids in tree.values() for n in kids}
    concepts = {str(c) for c in export.subjects(SKOS.inScheme, COPRO.glossary)} - {
        str(c) for c in export.subjects(RDF.type, SKOS.Collection)
    }
    assert reached == concepts
    # A deprecated concept is in no tree of the glossary (Skosmos hides it from the A-Z).
    assert not reached & {str(c) for c in export.subjects(OWL.deprecated, None)}


def test_every_link_of_the_tree_is_one_the_glossary_states(
    tree: dict[str, list[str]], in_glossary: Callable[[str], bool]
) -> None:
    links = {
        (child.removeprefix(C), parent.removeprefix(C))
        for parent, kids in tree.items()
        if parent
        for child in kids
    }
    assert links == set(STATED)
    for link, words in STATED.items():
        assert in_glossary(words), (link, words)


def test_named_entities_and_headings_stand_outside_the_tree(
    glossary: Graph, store: pyoxigraph.Store, tree: dict[str, list[str]]
) -> None:
    named = {str(c) for t in NAMED_ENTITIES for c in glossary.subjects(RDF.type, t)}
    assert len(named) >= 10
    for path in paths(tree):
        # A curator expanding a term never gets an Act, a body or another model.
        assert not set(path[1:]) & named, path
    assert all(not tree.get(n) for n in named)  # nothing is drawn under them
    # Our headings are Skosmos groups (collections), and list the named entities.
    groups = rows(store, skosmos_query("concept-groups", groupClass=str(SKOS.Collection)))
    by_label = {r["label"]: r["group"] for r in groups}
    assert set(by_label) >= HEADINGS
    assert {"Doing to", "Doing for", "Doing with"} <= set(by_label)
    listed = {
        r["conc"]
        for heading in HEADINGS
        for r in rows(
            store,
            skosmos_query(
                "group-contents",
                groupClass=str(SKOS.Collection),
                group=by_label[heading],
                filterDeprecated="FILTER NOT EXISTS { ?conc owl:deprecated true }",
            ),
        )
    }
    assert named <= listed
    for heading in by_label.values():
        assert heading not in tree  # a group is never drawn as a concept


def test_hierarchy_of_a_concept_and_the_alphabetical_index(
    store: pyoxigraph.Store, export: Graph
) -> None:
    # "Inclusive co-design" is a kind of co-design, a component part of co-production,
    # which is a kind of involvement and of community engagement.
    found = rows(store, skosmos_query("parent-list", uri=C + "inclusive-co-design"))
    broader = {r["broad"].removeprefix(C) for r in found}
    assert broader == {
        "inclusive-co-design",
        "co-design",
        "co-production",
        "involvement",
        "community-engagement",
        "doing-with",
        "engagement",
        "five-ways-of-working",
    }
    index = rows(
        store,
        skosmos_query(
            "alphabetical-list",
            filtercondLabel="strstarts(lcase(str(?label)), 'c') && langMatches(lang(?label), 'en')",
            filtercondALabel=(
                "strstarts(lcase(str(?alabel)), 'c') && langMatches(lang(?alabel), 'en')"
            ),
            qualifierClause="",
            values=f"VALUES (?type) {{ (<{SKOS.Concept}>) }}",
            limitandoffset="",
        ),
    )
    entries = {r["s"] for r in index}
    assert C + "co-production" in entries and C + "organisations" not in entries
    assert all(URIRef(s) in set(export.subjects(RDF.type, SKOS.Concept)) for s in entries)
