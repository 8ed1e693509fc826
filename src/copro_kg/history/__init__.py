"""The glossary as a living vocabulary: releases, change history and deprecation as data.

* :mod:`~copro_kg.history.releases` -- the release list and each release's immutable files;
* :mod:`~copro_kg.history.diff` -- what changed between two versions (RDF Differ's types);
* :mod:`~copro_kg.history.report` -- a diff as text, Markdown or JSON;
* :mod:`~copro_kg.history.compare` -- ``copro-kg diff``: versions, files, the current glossary;
* :mod:`~copro_kg.history.lifecycle` -- per-concept dates and the rule "deprecate, never delete";
* :mod:`~copro_kg.history.graphs` -- the releases and their deltas as named graphs (skos-history);
* :mod:`~copro_kg.history.cut` -- ``copro-kg release``: the gate and the files it writes.
"""

__all__: list[str] = []
