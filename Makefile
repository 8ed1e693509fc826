# copro-kg -- the two commands of the README: `make demo`, then `make test`.
# Everything a fresh machine needs is installed from here (pip extras into .venv,
# Debian packages for the browser and Java tests via scripts/install-system-deps.sh).

PYTHON ?= python3
VENV   ?= .venv
PY      = $(VENV)/bin/python
KG      = $(VENV)/bin/copro-kg
BUILD  ?= build

.PHONY: demo test lint fmt fmt-check bench screenshots pictures docs-cli clean help readme-stats release site-archive

help:
	@echo "make demo   - install into .venv, reason, run the queries, draw the graphs into $(BUILD)/"
	@echo "make pictures - the static pictures (docs/*.svg) and a printed page (docs/print-page.png)"
	@echo "make test   - install test tools (pip + Debian chromium/JRE when missing), lint, run all tests"
	@echo "make lint   - ruff (lint + format check) and mypy on src/"
	@echo "make fmt    - format Python (ruff) and the ontology Turtle (canonical serializer)"
	@echo "make bench  - run the benchmarks and write benchmarks/RESULTS.md"
	@echo "make docs-cli - regenerate docs/cli.md (the CLI reference) from the CLI itself"
	@echo "make readme-stats - regenerate the README's \"What is in the graph\" table and docs/evidence.md"
	@echo "make release VERSION=X.Y.Z - the release gate, then the release's files, dates and CHANGELOG draft"
	@echo "make site-archive - the glossary website as one download, $(BUILD)/site-X.Y.Z.zip (docs/hosting.md)"

# pip prints one line per package it collects, so a first install (about a minute) shows
# progress instead of sitting silent; a second `make` finds the stamp file and skips it.
PIP_PROGRESS = --progress-bar off --disable-pip-version-check

$(VENV)/.installed: pyproject.toml
	@echo "==> creating $(VENV) and installing copro-kg with its dependencies (about a minute)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q $(PIP_PROGRESS) --upgrade pip
	$(PY) -m pip install $(PIP_PROGRESS) -e '.[docs]' | grep -E '^(Collecting|Successfully installed)' || true
	@test -x $(KG) || { echo "error: installing copro-kg into $(VENV) failed; run: $(PY) -m pip install -e '.[docs]'" >&2; exit 2; }
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	@echo "==> installing the test tools (pytest, Playwright, owlready2, Skosify ...)"
	$(PY) -m pip install $(PIP_PROGRESS) -e '.[test,docs,print]' | grep -E '^(Collecting|Successfully installed)' || true
	@$(PY) -c "import pytest, xdist, playwright, weasyprint, cairosvg" || { echo "error: installing the test tools failed; run: $(PY) -m pip install -e '.[test,docs,print]'" >&2; exit 2; }
	touch $@

# Comunica for tests/test_serve_comunica.py, at the versions tests/js/package-lock.json pins
# (`npm ci`, about 30 s; again only when the lock file changes), made after the Debian
# packages (npm among them) are installed. Without npm the Comunica
# tests skip locally and fail in CI, like the other tools' tests.
JS_TOOLS = tests/js/node_modules/.package-lock.json
$(JS_TOOLS): tests/js/package-lock.json
	@command -v npm >/dev/null || { echo "warning: npm not found: the Comunica tests cannot run" >&2; exit 0; }; \
	  echo "==> installing the JavaScript test tools (Comunica) with npm ci"; \
	  npm ci --prefix tests/js --no-audit --no-fund && touch $@

demo: $(VENV)/.installed
	@mkdir -p $(BUILD)
	$(KG) reason -o $(BUILD)/reasoned.ttl
	$(KG) export --all-formats $(BUILD)/export
	$(KG) docs -o $(BUILD)/docs
	$(KG) queries --run-all $(BUILD)/queries
	$(KG) graph -o $(BUILD)/graphs/glossary.html
	$(KG) graph -o $(BUILD)/graphs/spectrum.html --view spectrum
	$(KG) graph -o $(BUILD)/graphs/cycle.html --view cycle
	$(KG) graph -o $(BUILD)/graphs/hierarchy.html --view hierarchy
	$(KG) check -o $(BUILD)/check.txt
	$(KG) classify -o $(BUILD)/classify.txt
	$(KG) site -o $(BUILD)/site
	@echo
	@echo "Done. Outputs are in $(abspath $(BUILD))/:"
	@echo "  reasoned graph   $(abspath $(BUILD))/reasoned.ttl"
	@echo "  exports          $(abspath $(BUILD))/export/ (SKOS/OWL/full x ttl/rdf/jsonld/nt/csv, SHA256SUMS)"
	@echo "  ontology docs    $(abspath $(BUILD))/docs/index.html"
	@echo "  query answers    $(abspath $(BUILD))/queries/ (one file per library question)"
	@echo "  graphs           $(abspath $(BUILD))/graphs/ (glossary, spectrum, cycle, hierarchy: offline HTML)"
	@echo "  check report     $(abspath $(BUILD))/check.txt (consistency, SHACL, SKOS/qSKOS quality)"
	@echo "  classification   $(abspath $(BUILD))/classify.txt (the glossary's examples on the spectrum)"
	@echo "  glossary site    $(abspath $(BUILD))/site/index.html (open it from disk; works offline)"

# docs/<view>.png: each graph view as headless Chromium draws it at 1400x900 (the README
# shows the spectrum and the hierarchy; docs/graphs.md all of them).
SHOTS = all hierarchy
screenshots: $(VENV)/.installed-test
	for v in $(SHOTS); do $(KG) graph -o $(BUILD)/graphs/$$v.html --view $$v || exit 1; done
	$(KG) graph -o $(BUILD)/graphs/focus-co-design.html --focus co-design --depth 2
	$(PY) scripts/screenshot_graphs.py docs $(foreach v,$(SHOTS),$(BUILD)/graphs/$(v).html) \
	  $(BUILD)/graphs/focus-co-design.html
	$(KG) site -o $(BUILD)/site
	$(PY) scripts/screenshot_site.py $(BUILD)/site docs

# The static pictures and a page of the printed glossary in docs/: no browser (issue 30).
PICTURES = spectrum cycle hierarchy
pictures: $(VENV)/.installed-test
	for v in $(PICTURES); do $(KG) graph --view $$v -o docs/$$v.svg || exit 1; done
	$(KG) print -o $(BUILD)/glossary.pdf
	page=$$(for i in $$(seq 1 200); do pdftotext -f $$i -l $$i $(BUILD)/glossary.pdf - 2>/dev/null \
	  | grep -v '^$$' | grep -x -A1 'Glossary term' | grep -qx Consultation && echo $$i && break; done); \
	pdftoppm -png -r 60 -singlefile -f $$page -l $$page $(BUILD)/glossary.pdf docs/print-page

# docs/cli.md is generated from the click commands; tests/test_docs.py fails when it is stale.
docs-cli: $(VENV)/.installed
	$(PY) scripts/generate_cli_reference.py

# The suite runs on every core (pytest-xdist, one worker per core; issue 29: 10 minutes on
# 2 cores, also with another process keeping them busy). --dist loadfile keeps each test
# file on one worker, so its module fixtures (a built site, a served endpoint) are made
# once. `make test PYTEST_WORKERS=0` runs it in one process, as before.
# The Python packages and the JavaScript ones install side by side (-j2: neither needs the
# other), after the Debian packages npm comes from.
PYTEST_WORKERS ?= auto
test:
	bash scripts/install-system-deps.sh
	$(MAKE) --no-print-directory -j2 --output-sync=line $(VENV)/.installed-test $(JS_TOOLS)
	$(MAKE) lint
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadfile --no-loadscope-reorder --durations=25

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check src tests benchmarks scripts
	$(VENV)/bin/ruff format --check src tests benchmarks scripts
	$(VENV)/bin/mypy

fmt: $(VENV)/.installed-test
	$(VENV)/bin/ruff format src tests benchmarks scripts
	$(VENV)/bin/ruff check --fix src tests benchmarks scripts
	$(PY) scripts/format_ontology.py

readme-stats: $(VENV)/.installed
	$(KG) stats --readme README.md
	$(PY) scripts/readme_diff.py README.md
	$(KG) stats --evidence docs/evidence.md

bench: $(VENV)/.installed-test
	$(PY) benchmarks/run.py
	@# issue 29: canonical writing against plain writing and reasoning, as ratios
	$(PY) benchmarks/bench_writing.py
	@# issue 17: the W3C OWL 2 RL/RDF pass counts, ours against owlrl's, on the same cases
	$(PY) benchmarks/w3c.py | tee benchmarks/RESULTS-w3c.txt

# The release gate and the release (CONTRIBUTING.md, "Cutting a release"): the ontology
# tests, the evidence audit (issue 25), the SKOS publication profiles (VocPub 5.2, kos-kit)
# and the release-history tests must pass, then
# `copro-kg release` runs copro-kg check and the deprecate-never-delete rule and writes
# releases/$(VERSION)/, the release list, ontology/history.ttl, the version and a CHANGELOG
# draft; the README's counts follow. Idempotent: again for a released version, nothing to do.
RELEASE_GATE_TESTS = tests/test_ontology.py tests/test_ontology_shapes.py tests/test_evidence.py \
  tests/export/test_skos_profiles.py tests/history
release: $(VENV)/.installed-test
	@test -n "$(VERSION)" || { echo "error: give the version: make release VERSION=X.Y.Z" >&2; exit 2; }
	$(PY) -m pytest -q -p no:cacheprovider $(RELEASE_GATE_TESTS)
	$(KG) release $(VERSION) $(if $(DATE),--date $(DATE))
	$(KG) stats --readme README.md
	$(PY) scripts/readme_diff.py README.md
	$(KG) stats --evidence docs/evidence.md
	$(PY) scripts/format_ontology.py --check

# The built glossary site as one archive for the release (docs/hosting.md), named after the
# installed version: $(BUILD)/site-X.Y.Z.zip, with the site itself in $(BUILD)/site.
site-archive: $(VENV)/.installed
	$(KG) site -o $(BUILD)/site --archive $(BUILD)/site-$$($(PY) -c 'from copro_kg._version import __version__; print(__version__)').zip

clean:
	rm -rf $(BUILD) dist .pytest_cache .mypy_cache .ruff_cache
