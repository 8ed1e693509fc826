"""Screenshot the glossary site for the README (``make screenshots``).

Usage: ``python scripts/screenshot_site.py SITE_DIR OUT_DIR`` writes
``OUT_DIR/site-term.png`` (the participation term page, top of the page) and
``OUT_DIR/site-questionnaire.png`` (the questionnaire answered for shared decision
making with citizens, and its result). The browser gets no network: every request
other than ``file:`` is aborted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Answers by question and option text (the ontology's copro:question and value labels).
SHARED = {
    "Who makes the decisions?": "The organisation and the people make decisions together",
    "Who takes action on the decisions?": (
        "The organisation and the people both take actions on the decisions"
    ),
    "Who are the people you engage with": "Citizens, service users or members of the public",
}


def _offline(route: Route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()


def main(site: Path, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 1500})
            page.route("**/*", _offline)
            page.goto((site / "terms" / "participation.html").as_uri())
            page.screenshot(path=str(out / "site-term.png"))
            page.set_viewport_size({"width": 1280, "height": 1250})
            page.goto((site / "questionnaire.html").as_uri())
            for question, option in SHARED.items():
                fieldset = page.locator("fieldset.question", has_text=question)
                fieldset.get_by_label(option, exact=True).check()
            page.get_by_role("button", name="Show where it sits").click()
            page.locator("#q-result").wait_for(state="visible")
            # The top of the page: the answers on the left, the result on the right.
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(out / "site-questionnaire.png"))
        finally:
            browser.close()
    for name in ("site-term.png", "site-questionnaire.png"):
        print(out / name)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: screenshot_site.py SITE_DIR OUT_DIR")
    main(Path(sys.argv[1]).resolve(), Path(sys.argv[2]))
