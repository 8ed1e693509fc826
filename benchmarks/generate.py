"""Synthetic SKOS thesauri for the benchmarks, modelled on the measurements of issue #10.

Each concept has an English and a Welsh prefLabel and a definition; concepts form a
polyhierarchy (one broader parent, a second one for every fifth concept), ~30 % have a
``skos:related`` link, and a small OWL layer adds a transitive partitive property
(``ex:isPartOf`` under ``iso-thes:broaderPartitive``) and a two-property chain.

Usage: ``python benchmarks/generate.py 1000 out.nt`` (N-Triples, deterministic: seed 1).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

EX = "https://example.org/thesaurus/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
ISO = "http://purl.org/iso25964/skos-thes#"
OWL = "http://www.w3.org/2002/07/owl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"


def _i(iri: str) -> str:
    return f"<{iri}>"


def thesaurus_lines(n: int, seed: int = 1) -> list[str]:
    """N-Triples lines of an ``n``-concept thesaurus plus its small OWL layer."""
    rng = random.Random(seed)
    out: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        out.append(f"{s} {p} {o} .")

    part, chain, scheme = _i(EX + "isPartOf"), _i(EX + "partOfKindOf"), _i(EX + "scheme")
    add(part, _i(RDF + "type"), _i(OWL + "TransitiveProperty"))
    add(part, _i(RDFS + "subPropertyOf"), _i(ISO + "broaderPartitive"))
    add(_i(ISO + "broaderPartitive"), _i(RDFS + "subPropertyOf"), _i(SKOS + "broader"))
    add(_i(ISO + "broaderGeneric"), _i(RDFS + "subPropertyOf"), _i(SKOS + "broader"))
    add(chain, _i(OWL + "propertyChainAxiom"), "_:chain1")
    add("_:chain1", _i(RDF + "first"), part)
    add("_:chain1", _i(RDF + "rest"), "_:chain2")
    add("_:chain2", _i(RDF + "first"), _i(ISO + "broaderGeneric"))
    add("_:chain2", _i(RDF + "rest"), _i(RDF + "nil"))
    add(scheme, _i(RDF + "type"), _i(SKOS + "ConceptScheme"))
    for k in range(n):
        c = _i(f"{EX}c{k}")
        add(c, _i(RDF + "type"), _i(SKOS + "Concept"))
        add(c, _i(SKOS + "inScheme"), scheme)
        add(c, _i(SKOS + "prefLabel"), f'"term {k}"@en')
        add(c, _i(SKOS + "prefLabel"), f'"term {k} cy"@cy')
        add(c, _i(SKOS + "definition"), f'"The meaning of term {k}."@en')
        if k < 8:
            add(c, _i(SKOS + "topConceptOf"), scheme)
            continue
        parent = rng.randrange(k)
        link = part if rng.random() < 0.2 else _i(ISO + "broaderGeneric")
        add(c, link, _i(f"{EX}c{parent}"))
        if k % 5 == 0:
            add(c, _i(ISO + "broaderGeneric"), _i(f"{EX}c{rng.randrange(k)}"))
        if rng.random() < 0.3:
            add(c, _i(SKOS + "related"), _i(f"{EX}c{rng.randrange(n)}"))
    return out


def main() -> None:
    n, path = int(sys.argv[1]), Path(sys.argv[2])
    path.write_text("\n".join(thesaurus_lines(n)) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
