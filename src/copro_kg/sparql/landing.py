"""The endpoint's landing page (``GET /`` of ``copro-kg serve``): the query library, linked.

Every text on it (names, questions, query texts in links) is HTML-escaped; the page loads
nothing and runs no script (the server sends a ``Content-Security-Policy`` of
``default-src 'none'``).

>>> "<h1>copro-kg</h1>" in landing_page("copro-kg")
True
"""

from __future__ import annotations

import html
import urllib.parse

from copro_kg.sparql.library import library

__all__ = ["landing_page"]


def landing_page(title: str) -> str:
    """The HTML of ``GET /``: the protocol's address, a query form and the library, every
    text escaped."""
    rows = []
    for entry in library():
        link = "/sparql?" + urllib.parse.urlencode({"query": entry.text})
        params = "".join(f" <code>?{html.escape(p.name)}</code>" for p in entry.parameters)
        run = f'<a href="{html.escape(link)}">run</a>' if not entry.parameters else "needs" + params
        rows.append(
            f"<tr><td><code>{html.escape(entry.name)}</code></td>"
            f"<td>{html.escape(entry.question)}</td><td>{run}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<style>body{{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}
td{{padding:.2rem .6rem;vertical-align:top}} textarea{{width:100%}}</style></head>
<body><main><h1>{html.escape(title)}</h1>
<p>SPARQL 1.1 Protocol endpoint, read-only: <code>/sparql</code> (GET or POST).
Point YASGUI or SPARQLWrapper at this server's <code>/sparql</code>.</p>
<form action="/sparql" method="get"><label for="q">Query</label>
<textarea id="q" name="query" rows="6">SELECT ?term ?label WHERE {{
  ?term skos:inScheme copro:glossary ; skos:prefLabel ?label .
}} ORDER BY ?label</textarea>
<button type="submit">Run</button></form>
<h2>Query library</h2>
<table><thead><tr><th>Name</th><th>Question</th><th></th></tr></thead><tbody>
{"".join(rows)}
</tbody></table></main></body></html>
"""
