"""The reference process of issue #10: import rdflib, parse one triple, run one query."""

from rdflib import Graph

g = Graph().parse(data="<urn:a> <urn:b> <urn:c> .", format="nt")
print(list(g.query("SELECT ?s WHERE { ?s ?p ?o }")))
