"""Files in and out: reading RDF sources with located errors, safe parsing, atomic writes.

Nothing here reasons, checks, queries, draws or prints; every other layer may use it.
"""
