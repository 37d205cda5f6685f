# Two commands on a fresh clone: `make run` serves the tracker, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format migrate load-data superuser clean help

help:
	@echo "make run    build .venv, migrate, load the real data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test   build .venv with test tools and run the whole suite"
	@echo "make lint   ruff and a check for missing migrations"

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $(STAMP)

migrate: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput

load-data: migrate
	DJANGO_DEBUG=1 $(PY) manage.py load_review_data

run: load-data
	@echo ""
	@echo "Sanctuary Review Tracker: http://127.0.0.1:$(PORT)/"
	@echo "Staff login for the admin (http://127.0.0.1:$(PORT)/admin/):"
	@echo "    $(PY) manage.py createsuperuser   (with DJANGO_DEBUG=1 set), or: make superuser"
	@echo ""
	DJANGO_DEBUG=1 $(PY) manage.py runserver 127.0.0.1:$(PORT)

superuser: migrate
	DJANGO_DEBUG=1 $(PY) manage.py createsuperuser

# axe-core and vnu-jar for the page checks; without npm those checks skip with a message.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility and HTML checks will be skipped"; fi

test: $(STAMP) node_modules/.installed
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DJANGO_DEBUG=1 $(PY) manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache
