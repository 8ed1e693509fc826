"""Regenerate the ``COPRO`` term list in ``src/copro_kg/namespace.py`` from the ontology.

``COPRO`` is a closed rdflib ``DefinedNamespace`` (``_fail = True``): a typo such as
``COPRO.inGrop`` raises instead of minting a new IRI. Its list of terms is generated from every
``ontology/*.ttl`` (shapes included) so that code and ontology cannot drift; a test fails when they
do, in either direction. Python identifiers become annotated attributes with their English label as
comment; kebab-case slugs go to ``_extras`` (use ``COPRO["co-production"]``).

Usage::

    python scripts/generate_namespace.py           # rewrite the generated block
    python scripts/generate_namespace.py --check   # exit 1 if the block is out of date
"""

from __future__ import annotations

import argparse
import keyword
import sys
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY_DIR = ROOT / "ontology"
NAMESPACE_PY = ROOT / "src" / "copro_kg" / "namespace.py"
BASE = "https://w3id.org/copro-kg/"
MAPPED = BASE + "mapped/"
BEGIN = "    # --- begin generated terms (scripts/generate_namespace.py) ---"
END = "    # --- end generated terms ---"


def terms(ontology_dir: Path = ONTOLOGY_DIR) -> dict[str, str]:
    """Every local name in the copro namespace used by the ontology files -> its English label.

    IRIs under ``mapped/`` (``mapped/arnstein/...``, the models we map to) are not copro
    terms: they have namespaces of their own (``copro_kg.namespace.PREFIXES``)."""
    graph = Graph()
    for path in sorted(ontology_dir.glob("*.ttl")):
        graph.parse(path)
    found: dict[str, str] = {}
    for triple in graph:
        for node in triple:
            if (
                isinstance(node, URIRef)
                and str(node).startswith(BASE)
                and len(str(node)) > len(BASE)
                and not str(node).startswith(MAPPED)  # the mapped models' own spaces
            ):
                found.setdefault(str(node)[len(BASE) :], "")
    for name in found:
        node = URIRef(BASE + name)
        for prop in (SKOS.prefLabel, RDFS.label):
            labels = [
                o
                for o in graph.objects(node, prop)
                if isinstance(o, Literal) and o.language == "en"
            ]
            if labels:
                found[name] = " ".join(str(min(labels)).split())
                break
    return dict(sorted(found.items()))


def block(names: dict[str, str]) -> str:
    """The generated lines: annotations for identifiers, ``_extras`` for the rest."""
    lines = [BEGIN]
    extras = []
    for name, label in names.items():
        if name.isidentifier() and not keyword.iskeyword(name) and not name.startswith("_"):
            line = f"    {name}: URIRef" + (f"  # {label}" if label else "")
            lines.append(line if len(line) <= 100 else line[:99] + "…")
        else:
            extras.append(name)
    lines.append("")
    lines.append("    _extras = [  # noqa: RUF012 (rdflib's DefinedNamespace API)")
    lines.extend(f'        "{name}",' for name in extras)
    lines.append("    ]")
    lines.append(END)
    return "\n".join(lines)


def render(source: str, names: dict[str, str]) -> str:
    """``source`` (namespace.py) with its generated block replaced."""
    start, end = source.index(BEGIN), source.index(END) + len(END)
    return source[:start] + block(names) + source[end:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if namespace.py is out of date"
    )
    args = parser.parse_args(argv)
    source = NAMESPACE_PY.read_text(encoding="utf-8")
    wanted = render(source, terms())
    if args.check:
        if wanted != source:
            print(
                f"{NAMESPACE_PY} is out of date: run scripts/generate_namespace.py", file=sys.stderr
            )
            return 1
        return 0
    if wanted != source:
        tmp = NAMESPACE_PY.with_suffix(".py.tmp")
        tmp.write_text(wanted, encoding="utf-8")
        tmp.replace(NAMESPACE_PY)
        print(f"rewrote {NAMESPACE_PY}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
