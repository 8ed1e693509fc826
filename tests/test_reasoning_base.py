"""A user's file reasoned from the shipped ontology's saved state (``reasoning/base.py``).

What users see must not change: the result a :class:`~copro_kg.pipeline.Workspace` gives
for the glossary plus a file -- continued from the saved state -- is the result of
reasoning the same merged graph from scratch (``reasoning.run.compute``): the same
asserted and visible inferred triples, the same hidden counts by category, the same
inconsistencies, and an explanation for each inference that is an instance of its rule.
The saved state is never used for other inputs: an edited shipped file, another package
version or engine state version, or a damaged file each make it built again.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from copro_kg.engine.instances import is_instance
from copro_kg.engine.rules import Triple
from copro_kg.engine.snapshot import freeze
from copro_kg.io import cachekeys
from copro_kg.io import sources as loading
from copro_kg.io.sources import Source
from copro_kg.pipeline import Workspace, shipped_sources
from copro_kg.reasoning import base as saved_base
from copro_kg.reasoning import run

from .conftest import DATA_DIR
from .engine.test_snapshot import FILES
from .rdf_lists import list_reader

SMALL = (
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    "<urn:ex:a> a <urn:ex:Sub> .\n"
    "<urn:ex:Sub> rdfs:subClassOf <urn:ex:Super> .\n"
)
A_SUPER = (URIRef("urn:ex:a"), RDF.type, URIRef("urn:ex:Super"))
A_TOP = (URIRef("urn:ex:a"), RDF.type, URIRef("urn:ex:Top"))


@pytest.fixture(autouse=True)
def fresh_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(folder))
    return folder


def _saved_states(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.base.json"))


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache folder for the files below: the first saves the glossary's state, the
    others read it back from disk -- the path every later command of a user takes."""
    return tmp_path_factory.mktemp("shared-cache")


@pytest.fixture(scope="module")
def glossary_inferred(glossary: Graph) -> set[Triple]:
    """The glossary's own inferences (their steps are checked in tests/engine)."""
    return set(run.compute(glossary).inferred_triples())


NO_CACHE = [DATA_DIR / "activities" / "inconsistent.ttl", DATA_DIR / "prov" / "prov-o.ttl"]
"""Also run with ``--no-cache`` (a clash; blank nodes and lists). The state such a run
continues from is the saved one, field for field (the test after this one); the engine
continues any state as reasoning from scratch would (tests/engine/test_snapshot.py)."""


@pytest.mark.parametrize(
    ("path", "cache"),
    [(p, True) for p in FILES] + [(p, False) for p in NO_CACHE],
    ids=lambda v: (
        str(v.relative_to(DATA_DIR)) if isinstance(v, Path) else "cached" if v else "no-cache"
    ),
)
def test_a_file_continued_from_the_saved_glossary_gives_what_reasoning_from_scratch_gives(
    path: Path,
    cache: bool,
    glossary_inferred: set[Triple],
    shared_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COPRO_KG_CACHE_DIR", str(shared_cache))
    workspace = Workspace([path], cache=cache)
    result = workspace.reasoning()
    scratch = run.compute(workspace.graph)
    assert set(result.asserted_triples()) == set(scratch.asserted_triples())
    assert set(result.inferred_triples()) == set(scratch.inferred_triples())
    assert result.hidden == scratch.hidden
    assert sorted(f.message for f in result.inconsistencies) == sorted(
        f.message for f in scratch.inconsistencies
    )
    read_list = list_reader(lambda: chain(result.asserted_triples(), result.inferred_triples()))
    for triple in set(result.inferred_triples()) - glossary_inferred:
        step = result.derivation(triple)
        assert step is not None and all(result.holds(p) for p in step.premises), step
        assert is_instance(step.rule, list(step.premises), triple, read_list)


def test_the_state_built_in_memory_is_the_state_read_from_the_cache(fresh_cache: Path) -> None:
    """``--no-cache`` continues from a state built in memory; every other command from the
    one saved on disk. They must be the same state: the same terms, the same data."""
    files = loading.shipped_files()
    saved_base.Base(files, shipped_sources, cache=True).chainer()  # builds and saves it
    read: list[int] = []
    from_disk = saved_base.Base(files, _counted_parse(read), cache=True)
    in_memory = saved_base.Base(files, shipped_sources, cache=False)
    assert freeze(from_disk.chainer()) == freeze(in_memory.chainer())
    assert read == []  # it really was read back, not parsed and built again
    for disk, memory in zip(from_disk.sources, in_memory.sources, strict=True):
        assert disk.path == memory.path
        assert set(disk.graph) == set(memory.graph)


def test_the_state_is_saved_once_and_a_second_file_reads_it(
    tmp_path: Path, fresh_cache: Path
) -> None:
    first, second = tmp_path / "one.ttl", tmp_path / "two.ttl"
    first.write_text(SMALL, encoding="utf-8")
    second.write_text(SMALL + "<urn:ex:b> a <urn:ex:Sub> .\n", encoding="utf-8")
    assert A_SUPER in Workspace([first]).reasoning().inferred
    assert len(_saved_states(fresh_cache)) == 1
    # a new process: the shipped files come from the saved state, not a parse (none here)
    saved = saved_base.Base(loading.shipped_files(), lambda: [], cache=True)
    assert len(saved.sources) == len(loading.shipped_files())
    result = run.reason_triples(Graph().parse(second), base=saved.chainer())
    assert (URIRef("urn:ex:b"), RDF.type, URIRef("urn:ex:Super")) in result.inferred
    assert len(_saved_states(fresh_cache)) == 1


def test_an_edited_shipped_file_is_closed_again(
    tmp_path: Path, fresh_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copies = tmp_path / "ontology"
    copies.mkdir()
    files = []
    for path in loading.shipped_files():
        files.append(copies / path.name)
        files[-1].write_bytes(path.read_bytes())
    monkeypatch.setattr(loading, "shipped_files", lambda: list(files))
    data = tmp_path / "mine.ttl"
    data.write_text(SMALL, encoding="utf-8")
    assert A_TOP not in Workspace([data]).reasoning().inferred
    with files[-1].open("a", encoding="utf-8") as handle:
        handle.write("\n<urn:ex:Super> <http://www.w3.org/2000/01/rdf-schema#subClassOf> "
                     "<urn:ex:Top> .\n")  # fmt: skip
    assert A_TOP in Workspace([data]).reasoning().inferred
    assert len(_saved_states(fresh_cache)) == 2


def _counted_parse(parses: list[int]) -> Callable[[], list[Source]]:
    def parse() -> list[Source]:
        parses.append(1)
        return shipped_sources()

    return parse


@pytest.mark.parametrize(
    "change",
    [
        lambda mp: mp.setattr(cachekeys, "__version__", "999.0"),  # package upgraded
        lambda mp: mp.setattr(saved_base, "SNAPSHOT_VERSION", 999),  # engine state changed
    ],
    ids=["package-version", "engine-state-version"],
)
def test_another_version_never_reads_the_saved_state(
    change: Callable[[pytest.MonkeyPatch], None],
    fresh_cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parses: list[int] = []
    files = loading.shipped_files()
    saved_base.Base(files, _counted_parse(parses), cache=True).chainer()  # saves the state
    assert parses == [1] and len(_saved_states(fresh_cache)) == 1
    saved_base.Base(files, _counted_parse(parses), cache=True).chainer()
    assert parses == [1]  # read back, not parsed
    change(monkeypatch)
    upgraded = saved_base.Base(files, _counted_parse(parses), cache=True)
    assert len(upgraded.sources) == len(files) and parses == [1, 1]  # parsed again
    upgraded.chainer()
    assert len(_saved_states(fresh_cache)) == 2


def test_a_damaged_saved_state_is_ignored_and_built_again(fresh_cache: Path) -> None:
    parses: list[int] = []
    files = loading.shipped_files()
    expected = saved_base.Base(files, _counted_parse(parses), cache=True).chainer()
    (state,) = _saved_states(fresh_cache)
    state.write_bytes(state.read_bytes()[:-100])  # truncated
    again = saved_base.Base(files, _counted_parse(parses), cache=True)
    assert len(again.chainer().first) == len(expected.first) and parses == [1, 1]
    saved_base.Base(files, _counted_parse(parses), cache=True).chainer()
    assert parses == [1, 1]  # written whole again
