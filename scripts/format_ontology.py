"""Format the ontology's Turtle files canonically, so that diffs stay small and reviewable.

One canonical serializer for every ``ontology/*.ttl``: rdflib's ``longturtle`` with
``canon=True`` (subjects, predicates and objects sorted; blank nodes canonicalised, so the output
does not depend on parse order or hash seeds). Comments cannot survive a parse/serialize round
trip, so a file keeps only its leading ``#`` comment block (the header saying what the file is);
explanations belong in the data
(``rdfs:comment``, ``skos:scopeNote``, ``skos:editorialNote``), where every tool can see them.

The project's prefixes (``copro_kg.namespace.PREFIXES``) are always used. Two small fixes on top
of rdflib's output: ``PREFIX`` lines are written as Turtle ``@prefix`` (older
OWL API / Protégé parsers expect them) and whitespace-only lines inside collections are dropped. The
result is checked to parse back to an isomorphic graph before anything is written.

Usage::

    python scripts/format_ontology.py            # rewrite the files in place (atomically)
    python scripts/format_ontology.py --check    # list files that are not formatted; exit 1 if any
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from copro_kg.io.turtle import canonical_turtle as canonical
from copro_kg.io.turtle import header_comments

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"

__all__ = ["canonical", "header_comments", "main", "unformatted", "write_atomic"]


def unformatted(paths: list[Path]) -> list[Path]:
    """The files whose text differs from their canonical form."""
    return [
        p
        for p in paths
        if p.read_text(encoding="utf-8") != canonical(p.read_text(encoding="utf-8"), p.name)
    ]


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` in one step, so readers never see a half-written file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="only report; exit 1 if any file would change"
    )
    parser.add_argument("files", nargs="*", type=Path, help="default: ontology/*.ttl")
    args = parser.parse_args(argv)
    paths = args.files or sorted(ONTOLOGY_DIR.glob("*.ttl"))
    changed = unformatted(paths)
    if args.check:
        for path in changed:
            print(f"would reformat {path}", file=sys.stderr)
        return 1 if changed else 0
    for path in changed:
        write_atomic(path, canonical(path.read_text(encoding="utf-8"), path.name))
        print(f"reformatted {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
