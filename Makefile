# The front door. `make run` serves the platform, `make test` runs the suite,
# `make serve` runs the production shape (gunicorn behind Varnish).
# Without DATABASE_URL both use an embedded PostgreSQL kept in .pgdata/;
# without REDIS_URL Celery tasks run in-process.

PORT ?= 8000
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run serve test install messages migrate demo lint bench bench-serving bench-faults bench-fuzz bench-scale bench-postcodes bench-personal-data bench-languages stop-db clean

$(INSTALLED): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e ".[dev]"
	touch $@

# The Welsh catalogue, compiled with polib (no GNU gettext needed to run the platform).
CATALOGUES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

$(CATALOGUES): %.mo: %.po $(INSTALLED)
	$(BIN)/python -m labourhub.translation_catalogues

install: $(INSTALLED) $(CATALOGUES)

# Gather the marked strings of the code and templates into locale/cy/LC_MESSAGES/django.po
# (needs GNU gettext); then translate what is new: the tests refuse an empty or fuzzy entry.
messages: install
	$(BIN)/python manage.py makemessages --locale cy --no-obsolete --add-location file \
		--ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "node_modules/*"

migrate: install
	$(BIN)/python manage.py migrate_schemas --verbosity 0
	$(BIN)/python manage.py setup_platform

demo: migrate
	$(BIN)/python manage.py load_demo

run: demo
	PORT=$(PORT) $(BIN)/python -m labourhub.devserver

# The production shape on this machine: gunicorn behind Varnish on PORT (default 8080).
serve: install
	$(BIN)/python -m labourhub.serve

test: install
	DJANGO_SETTINGS_MODULE=labourhub.settings.test $(BIN)/pytest $(ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: install
	$(BIN)/python bench/provisioning.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/serving.py

bench-serving: install
	$(BIN)/python bench/serving.py

# Outages of Redis, the worker and PostgreSQL, on services of its own (a few minutes).
bench-faults: install
	$(BIN)/python bench/faults.py

# Every constituency of Great Britain provisioned into a scratch database, then a no-op
# migrate and a user created and deleted (about fifteen minutes; --count N for fewer).
bench-scale: install
	$(BIN)/python bench/scale.py $(ARGS)

# Subject access across 650 constituency schemas: finding a person one query per kind
# (the baseline) and one query per schema, and the whole export (--count N for fewer).
bench-personal-data: install
	$(BIN)/python bench/personal_data.py $(ARGS)

# What Welsh costs: rendering a page in Welsh against English, the nightly parity check.
bench-languages: install
	$(BIN)/python bench/languages.py $(ARGS)

# The property-based tests of every public form and query parameter, 10,000 examples
# in all (make test runs 20 of each); prints examples run and failures found.
bench-fuzz: install
	$(BIN)/python bench/fuzz_forms.py $(ARGS)

# import_postcodes on a 100,000-row NSPL-like file, first import and re-import, three
# rounds, extrapolated to the real file's 2.7 million rows (ARGS="--rows 2700000" for all).
bench-postcodes: install
	$(BIN)/python bench/postcodes.py $(ARGS)

stop-db: install
	$(BIN)/python -m labourhub.embedded_postgres stop

clean: stop-db
	rm -rf .pgdata .serve media staticfiles
