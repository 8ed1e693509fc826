"""The reference process of issue 16: import pyoxigraph, load the reasoned glossary's
N-Triples (``sys.argv[1]``), run the same query (``sys.argv[2]``), print the rows."""

import sys

import pyoxigraph

store = pyoxigraph.Store()
with open(sys.argv[1], "rb") as handle:
    store.load(handle, format=pyoxigraph.RdfFormat.N_TRIPLES)
print(list(store.query(sys.argv[2])))
