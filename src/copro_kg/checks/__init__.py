"""Quality checks of a graph: consistency, SHACL shapes, SKOS and qSKOS rules, with exemptions."""
