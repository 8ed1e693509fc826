"""The static glossary website (``copro-kg site``): generated from the graph only.

Building it writes about 180 pages, so the example is shown, not run here (the site's
tests build it once per session, tests/conftest.py)::

    import copro_kg
    from copro_kg.site import build_site

    build_site(copro_kg.load(), "build/site").index  # PosixPath('build/site/index.html')
"""

from __future__ import annotations

from copro_kg.site.building import SiteReport, build_site, print_glossary

__all__ = ["SiteReport", "build_site", "print_glossary"]
