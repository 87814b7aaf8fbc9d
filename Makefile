# Gezond Gewicht Drenthe. `make run` starts the app, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
N ?= 10000
VENDOR := static/vendor

.PHONY: install demo run screenshots test test-fast search-eval bench loadtest audit messages lint format migrations-check clean

install: $(VENV)/.installed $(VENDOR)/.installed

$(VENV)/.installed: requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(VENDOR)/.installed: node_modules/.installed
	mkdir -p $(VENDOR)/utrecht $(VENDOR)/htmx
	cp node_modules/@utrecht/component-library-css/dist/index.css $(VENDOR)/utrecht/index.css
	cp node_modules/@utrecht/component-library-css/LICENSE.md $(VENDOR)/utrecht/LICENSE.md
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/htmx/htmx.min.js
	touch $@

# Local settings for `make run` and `python manage.py …` on a developer's machine; never committed.
.env:
	printf '# Local development only (written by make run, ignored by git).\nDJANGO_DEBUG=1\n' > $@

# The local database (PostgreSQL: DATABASE_URL, or else the embedded server in var/postgres):
# reference data, 200 fictional experts, a fictional open round 2026 and the three demo
# accounts. Running it again adds only what is missing.
demo: install .env
	$(PY) manage.py migrate --no-input
	$(PY) manage.py laad_referentiedata
	$(PY) manage.py demo_data --experts 200 --rondes 2 --kennis 60
	$(PY) manage.py maak_demo_accounts

run: demo
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# PNGs of the key pages at 1280 and 375 px in docs/screenshots/ (needs Chromium).
screenshots: demo
	$(PY) -m tools.screenshots

# Every test; tests run on PostgreSQL (DATABASE_URL's server, or the embedded one).
test: install
	$(PY) -m pytest $(PYTEST_ARGS)

# Without the slow tests (hypothesis, the URL × role walk, app servers, the browser): under a minute.
test-fast: install
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

# Search quality: nDCG@10, MRR and recall@10 on the graded query set (a throwaway test database).
search-eval: install
	$(PY) -m pytest tests/search_eval -n 0 -p no:cacheprovider

# Server time and SQL queries per page with 10,000 experts and five rounds (N=100000 for
# another size), in the database gg_bench (gg_bench_100000 for N=100000; on the embedded
# server, or on the server DATABASE_URL names; created and filled on the first run);
# writes docs/performance.md, exits 1 over budget.
bench: install
	BENCH_EXPERTS=$(N) $(PY) -m tools.bench

# Two gunicorn instances on one PostgreSQL, in the database of `make bench`: saturation (50 locust
# users without think time for 60 s, then a trivial view), then realistic load (300 readers with
# 5-15 s think time, 30 s ramp-up, 2 minutes measured). Each writes its section of
# docs/performance.md; exits 1 on any failed request. LOADTEST_SCENARIO=verzadiging|realistisch
# runs one; LOADTEST_DUUR=20s, LOADTEST_GEBRUIKERS=30 and LOADTEST_OPBOUW=5 make a short run.
loadtest: install $(VENV)/.load-installed
	$(PY) -m tools.loadtest

$(VENV)/.load-installed: requirements/load.txt $(VENV)/.installed
	$(PY) -m pip install --quiet --require-hashes -r requirements/load.txt
	touch $@

audit: install
	.ci/audit

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrations-check: install
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

# Removes what make installs and builds; the local database in var/ stays.
clean:
	rm -rf $(VENV) node_modules $(VENDOR) staticfiles

# The English catalogue: extract the Dutch source strings, then translate the new ones in
# locale/en/LC_MESSAGES/django.po and compile. tests/test_vertaling.py fails on a missing one.
messages: install
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l en --no-location --no-obsolete \
		--ignore=.venv --ignore=node_modules --ignore=static/vendor --ignore=var --ignore=tests \
		--ignore=tools
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l en -l nl --ignore=.venv
