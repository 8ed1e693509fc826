"""The static glossary website (``copro-kg site``): generated from the graph only.

>>> import copro_kg
>>> from copro_kg.site import build_site
>>> build_site(copro_kg.load(), "build/site").index  # doctest: +SKIP
PosixPath('build/site/index.html')
"""

from __future__ import annotations

from copro_kg.site.building import SiteReport, build_site, print_glossary

__all__ = ["SiteReport", "build_site", "print_glossary"]
