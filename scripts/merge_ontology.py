"""A git merge driver for the ontology's canonical Turtle: merge triples, not lines.

Two branches that edit neighbouring lines of one subject in ``ontology/*.ttl`` conflict as text
although their changes are independent as data (one adds a note, the other a broader link). This
driver merges the *graphs*: the result is the ancestor's triples, minus what either side removed,
plus what either side added, written by the same canonical formatter as ``make fmt``. Blank nodes
are compared by their canonical labels (rdflib's ``to_canonical_graph``), so an unchanged OWL
restriction is the same on all three sides.

A real conflict remains a conflict: where both sides replaced the same ancestor triple by
different values (two new definitions of one term), both values are kept and the driver exits 1,
so git marks the file as conflicted and a person decides.

Install once per clone (the attribute is in ``.gitattributes``; the command is local config)::

    git config merge.canonical-turtle.name "RDF three-way merge of canonical Turtle"
    git config merge.canonical-turtle.driver "python3 scripts/merge_ontology.py %O %A %B %P"

Without that config git falls back to its ordinary line merge.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

sys.path.insert(0, str(Path(__file__).resolve().parent))
from format_ontology import canonical, header_comments, write_atomic


def _triples(path: Path, name: str) -> set[tuple[object, object, object]]:
    graph = Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle", publicID=name)
    return set(to_canonical_graph(graph))


def merge(base: Path, ours: Path, theirs: Path, name: str) -> tuple[str, list[str]]:
    """The merged canonical text and the list of conflicting (subject, predicate) pairs."""
    old, mine, yours = (_triples(p, name) for p in (base, ours, theirs))
    removed_mine, removed_yours = old - mine, old - yours
    added_mine, added_yours = mine - old, yours - old
    merged = (old - removed_mine - removed_yours) | added_mine | added_yours
    conflicts = []
    for s, p, _o in removed_mine & removed_yours:
        mine_new = {t[2] for t in added_mine if t[0] == s and t[1] == p}
        yours_new = {t[2] for t in added_yours if t[0] == s and t[1] == p}
        if mine_new and yours_new and mine_new != yours_new:
            conflicts.append(f"{s} {p}")
    graph = Graph()
    for triple in merged:
        graph.add(triple)  # type: ignore[arg-type]
    header = "\n".join(header_comments(ours.read_text(encoding="utf-8")))
    body = graph.serialize(format="turtle")
    return canonical(f"{header}\n{body}" if header else body, name), conflicts


def main(argv: list[str]) -> int:
    base, ours, theirs, name = (Path(argv[0]), Path(argv[1]), Path(argv[2]), argv[3])
    try:
        text, conflicts = merge(base, ours, theirs, name)
    except Exception as exc:  # any parse failure: let git fall back to a marked conflict
        print(f"merge_ontology: {name}: {exc}", file=sys.stderr)
        return 1
    write_atomic(ours, text)
    for pair in sorted(set(conflicts)):
        print(f"merge_ontology: {name}: both sides changed {pair}", file=sys.stderr)
    return 1 if conflicts else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
