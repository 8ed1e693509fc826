"""A git merge driver for the ontology's canonical Turtle: merge triples, not lines.

Two branches that edit neighbouring lines of one subject in ``ontology/*.ttl`` conflict as text
although their changes are independent as data (one adds a note, the other a broader link). This
driver merges the *graphs*: the result is the ancestor's statements, minus what either side
removed, plus what either side added, written by the same canonical formatter as ``make fmt``.

A statement is a triple between named terms, or a whole blank-node structure (an ``owl:Axiom``
with its evidence, a restriction, a list) taken as one value with what it hangs from. Blank nodes
have no names to match across versions -- canonical labels are positions, which shift when an
axiom is added -- so a structure is compared by its content: an unchanged axiom is the same on
all three sides, and an edited one is a removed value and an added value.

A real conflict remains a conflict: where both sides replaced the same ancestor triple by
different values (two new definitions of one term), or both replaced the same blank-node
structure by different ones (one renamed the axiom's source, the other reworded its note),
both values are kept and the driver exits 1, so git marks the file as conflicted and a person
decides.

Install once per clone (the attribute is in ``.gitattributes``; the command is local config)::

    git config merge.canonical-turtle.name "RDF three-way merge of canonical Turtle"
    git config merge.canonical-turtle.driver "python3 scripts/merge_ontology.py %O %A %B %P"

Without that config git falls back to its ordinary line merge.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

sys.path.insert(0, str(Path(__file__).resolve().parent))
from format_ontology import canonical, header_comments, write_atomic

# A blank node's content: its (predicate, object) pairs, nested structures as their content.
Tree = tuple[tuple[Node, "Node | Tree"], ...]
# One statement: a triple of named terms, or (subject or None, predicate or None, Tree).
Unit = tuple[object, object, object]


def _tree(graph: Graph, node: BNode, seen: frozenset[BNode] = frozenset()) -> Tree:
    if node in seen:  # a cycle of blank nodes: Turtle's [] cannot write one; stop here
        return ()
    pairs = []
    for p, o in graph.predicate_objects(node):
        pairs.append((p, _tree(graph, o, seen | {node}) if isinstance(o, BNode) else o))
    return tuple(sorted(pairs, key=repr))


def _units(path: Path, name: str) -> set[Unit]:
    graph = Graph().parse(data=path.read_text(encoding="utf-8"), format="turtle", publicID=name)
    units: set[Unit] = set()
    for s, p, o in graph:
        if isinstance(s, BNode):
            if not any(True for _ in graph.subject_predicates(s)):
                units.add((None, None, _tree(graph, s)))  # a root: [] a owl:Axiom ...
        elif isinstance(o, BNode):
            units.add((s, p, _tree(graph, o)))
        else:
            units.add((s, p, o))
    return units


def _add(graph: Graph, unit: Unit) -> None:
    s, p, o = unit
    if s is None:
        _build(graph, o)  # type: ignore[arg-type]
    else:
        graph.add((s, p, _build(graph, o) if isinstance(o, tuple) else o))  # type: ignore[arg-type]


def _build(graph: Graph, tree: Tree) -> BNode:
    node = BNode()
    for p, o in tree:
        graph.add((node, p, _build(graph, o) if isinstance(o, tuple) else o))  # type: ignore[arg-type]
    return node


def _anchor(unit: Unit) -> object:
    """What a structure is about, to pair a removed one with its replacement on each side."""
    s, p, _o = unit
    return (s, p) if s is not None else "a blank-node structure"


def merge(base: Path, ours: Path, theirs: Path, name: str) -> tuple[str, list[str]]:
    """The merged canonical text and the list of conflicting statements."""
    old, mine, yours = (_units(q, name) for q in (base, ours, theirs))
    removed_mine, removed_yours = old - mine, old - yours
    added_mine, added_yours = mine - old, yours - old
    merged = (old - removed_mine - removed_yours) | added_mine | added_yours
    conflicts = []
    for unit in removed_mine & removed_yours:
        mine_new = {u for u in added_mine if _anchor(u) == _anchor(unit)}
        yours_new = {u for u in added_yours if _anchor(u) == _anchor(unit)}
        if mine_new and yours_new and mine_new != yours_new:
            about = (
                unit[:2]
                if unit[0] is not None
                else [
                    str(leaf)[:60]
                    for leaf in sorted(
                        _leaves(unit[2]), key=lambda n: (not isinstance(n, URIRef), str(n))
                    )[:3]
                ]
            )
            conflicts.append(" ".join(map(str, about)))
    graph = Graph()
    for unit in merged:
        _add(graph, unit)
    header = "\n".join(header_comments(ours.read_text(encoding="utf-8")))
    body = graph.serialize(format="turtle")
    return canonical(f"{header}\n{body}" if header else body, name), conflicts


def _leaves(tree: object) -> set[Node]:
    if not isinstance(tree, tuple):
        return {tree}  # type: ignore[arg-type]
    return {leaf for _p, o in tree for leaf in _leaves(o)}


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
