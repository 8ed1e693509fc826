"""Every profile in every format (``export --all-formats``) and the profile x format check."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from copro_kg.export import bundle
from copro_kg.reasoning import reason
from tests.conftest import RunCli


def test_each_profile_is_built_once(
    glossary: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: Counter[str] = Counter()
    for name in ("skos_profile", "owl_profile"):
        real = getattr(bundle, name)

        def counted(*args: object, _real: object = real, _name: str = name, **kw: object) -> Graph:
            calls[_name] += 1
            return _real(*args, **kw)  # type: ignore[operator, no-any-return]

        monkeypatch.setattr(bundle, name, counted)
    written = bundle.export_all(glossary, tmp_path, reasoning=reason(glossary), formats=["nt"])
    assert calls == {"skos_profile": 1, "owl_profile": 1}
    assert [p.name for p in written] == [
        "copro-skos.nt",
        "copro-owl.nt",
        "copro-full.nt",
        "copro-full-reasoned.nt",
        "SHA256SUMS",
    ]


def test_owl_as_csv_is_refused(run_cli: RunCli, tmp_path: Path) -> None:
    # Issue 18: it wrote a header-only CSV and "wrote the owl export (1,082 triples)".
    out = tmp_path / "owl.csv"
    result = run_cli("export", "--profile", "owl", "--format", "csv", "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith("error: the owl profile cannot be written as csv")
    assert len(result.stderr.splitlines()) <= 2  # the error and its hint
    assert not out.exists()


def test_skos_as_csv_still_works(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "skos.csv"
    result = run_cli("export", "--profile", "skos", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().decode("utf-8-sig").splitlines()[0].startswith("iri,prefLabel")
