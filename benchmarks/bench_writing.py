"""Writing never explodes (issue 29): labelled, canonical N-Triples against plain writing.

For each input -- the glossary, the glossary plus its own full export fed back as data
(every blank structure twice: RDFC-1.0's slow case, 28 s of a 29 s run before), the
LinkML metamodel (out of memory at 24 GB before), W3C PROV-O with its examples (issue 29:
"within a small multiple of the reasoning time"), and the rdf-canon clique -- this
measures the reasoning, our writer (:func:`copro_kg.io.serialize.serialize`, blank nodes
labelled canonically) and plain writing (the same triples as sorted N-Triples lines, no
labelling), and writes the ratios to ``benchmarks/RESULTS-writing.md``. Ratios, not
seconds, are the result: the machine's speed cancels out.

Run: ``.venv/bin/python benchmarks/bench_writing.py`` (``make bench`` runs it).
"""

from __future__ import annotations

import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

import copro_kg
from copro_kg import reason
from copro_kg.io.serialize import serialize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"


def best(work: Callable[[], object], runs: int = 3) -> float:
    """The fastest of ``runs`` timings (the least disturbed by other work)."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def plain(graph: Graph) -> bytes:
    return "".join(sorted(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in graph)).encode()


def cases(tmp: Path) -> dict[str, tuple[Graph, Graph]]:
    """Name -> (input graph, graph written)."""
    full = tmp / "copro-full.nt"
    full.write_bytes(serialize(copro_kg.load(), "nt"))
    out: dict[str, tuple[Graph, Graph]] = {}
    for name, files in {
        "glossary": [],
        "glossary + copro-full.nt": [full],
        "LinkML metamodel (--inferred-only)": [DATA / "linkml" / "meta.owl.ttl"],
        "W3C PROV-O + examples": [
            DATA / "prov" / "prov-o.ttl",
            *sorted((DATA / "prov" / "examples").glob("*.ttl")),
        ],
    }.items():
        graph = copro_kg.load(files)
        result = reason(graph)
        out[name] = (graph, result.inferred if "inferred" in name else result.closure)
    clique = Graph().parse(DATA / "rdf-canon" / "test074-in.nq", format="nt")
    out["rdf-canon clique (test074)"] = (clique, clique)
    return out


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (graph, written) in cases(Path(tmp)).items():
            reasoning = best(lambda g=graph: reason(g), runs=1) if "clique" not in name else 0.0
            with warnings.catch_warnings(record=True) as said:
                warnings.simplefilter("always")
                ours = best(lambda w=written: serialize(w, "nt"))
            bare = best(lambda w=written: plain(w))
            note = "; ".join(sorted({str(w.message) for w in said})) or "canonical"
            over_reasoning = f"{ours / reasoning:.2f}" if reasoning else "-"
            rows.append(
                f"| {name} | {len(written):,} | {ours / bare:.1f} | {over_reasoning} | {note} |"
            )
            print(rows[-1], flush=True)
    text = "\n".join(
        [
            "# Writing against plain writing (benchmarks/bench_writing.py)",
            "",
            "Our writer (canonical blank node labels) over sorted N-Triples lines with no "
            "labelling, and over the reasoning time; best of 3 runs.",
            "",
            "| input | triples written | writer / plain | writer / reasoning | labels |",
            "|---|---|---|---|---|",
            *rows,
            "",
        ]
    )
    (ROOT / "benchmarks" / "RESULTS-writing.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
