"""The glossary's vocabulary, read in one place: labels, term resolution, the spectrum.

Every face (CLI, Python API, site, graphs) names terms and reads concept records through
this package, so the same term is found and shown the same way everywhere. It depends
only on rdflib, :mod:`copro_kg.namespace` and :mod:`copro_kg.errors`.
"""
