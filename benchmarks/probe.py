"""One measurement in a fresh process; prints one JSON line (used by run.py)."""

from __future__ import annotations

import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path


def _graph(path: str):  # type: ignore[no-untyped-def]
    import copro_kg

    start = time.perf_counter()
    graph = copro_kg.load()
    if path:
        graph.parse(path, format="nt")
    return graph, time.perf_counter() - start


def main() -> None:
    what, path = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    result: dict[str, float] = {}
    if what == "files":
        # end to end, as `copro-kg reason --data FILE` reasons a file never seen: the
        # cache folder (COPRO_KG_CACHE_DIR, when set) keeps only the shipped ontology's
        # saved state, built once at first use (issue 28); the file is read (pyoxigraph
        # for big N-Triples/Turtle files, rdflib else) and the engine continues from the
        # state. Without the variable, nothing is cached and the glossary is parsed.
        # The result's own cache entry is not written (as in earlier rounds, the time is
        # reading and reasoning; a 10,000-concept entry alone is seconds of JSON).
        from copro_kg.pipeline import reason_inputs
        from copro_kg.reasoning import cache

        folder = os.environ.get("COPRO_KG_CACHE_DIR")
        for entry in Path(folder).glob("*") if folder else ():
            if not entry.name.endswith(".base.json"):
                shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        cache.store = lambda *args, **kwargs: None  # type: ignore[assignment]
        start = time.perf_counter()
        done = reason_inputs([path] if path else [], cache=bool(folder))
        result = {"seconds": time.perf_counter() - start, "inferred": done.inferred_count}
    elif what == "reasonable":
        import reasonable

        from copro_kg.resources import ontology_files

        start = time.perf_counter()
        r = reasonable.PyReasoner()
        for f in ontology_files():
            r.load_file(str(f))
        r.load_file(path)
        out = r.reason()
        result = {"seconds": time.perf_counter() - start, "triples": len(out)}
    else:
        graph, parse = _graph(path)
        result = {"parse": parse, "asserted": len(graph)}
        from copro_kg.reasoning import reason

        start = time.perf_counter()
        if what == "compare":
            ours = set(reason(graph, cache=False).inferred)
            ref = set(reason(graph, engine="owlrl", cache=False).inferred)
            result["same"] = float(ours == ref)
        else:
            done = reason(graph, engine=what, cache=False)
            result["inferred"] = done.inferred_count
        result["seconds"] = time.perf_counter() - start
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


if __name__ == "__main__":
    main()
