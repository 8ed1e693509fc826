"""SPARQL over the reasoned glossary: guarded local queries, the query library, result
formats, remote endpoints, the read-only HTTP endpoint and publishing to triple stores."""
