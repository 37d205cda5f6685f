# Two commands on a fresh clone: `make run` serves the tracker, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test lint format migrate load-data superuser clean help bench serve-prod backup restore

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
	DJANGO_DEBUG=1 $(PY) manage.py setup_roles

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

# Page times, query counts, and the CSV download's speed and memory, against gunicorn.
bench: $(STAMP)
	$(PY) -m bench

# gunicorn with production settings on this machine: a throwaway secret key, and plain
# HTTP on localhost (so no TLS redirect; secure cookies mean the admin needs HTTPS).
# A real deployment sets its variables in its environment (docs/deploy.md).
serve-prod: load-data
	DJANGO_DEBUG=1 DJANGO_STATIC_MANIFEST=1 $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')} \
	DJANGO_ALLOWED_HOSTS=$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost} \
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0} \
	$(VENV)/bin/gunicorn sanctuary_tracker.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --worker-class gthread --threads 4 --access-logfile -

BACKUP ?= backup-$(shell date +%Y-%m-%d).xml
backup: $(STAMP)
	DJANGO_DEBUG=1 $(PY) manage.py dumpdata auth.group auth.user $$(DJANGO_DEBUG=1 $(PY) -c \
		'from sanctuary_tracker import settings; print(*settings.DOMAIN_APPS)') \
		--exclude review.JurisdictionStatus --natural-foreign --format xml --indent 1 \
		-o $(BACKUP)
	@echo "Backup written to $(BACKUP)"

restore: migrate
	@test -n "$(FILE)" || { echo "usage: make restore FILE=backup-YYYY-MM-DD.xml"; exit 2; }
	DJANGO_DEBUG=1 $(PY) manage.py loaddata $(FILE)
	DJANGO_DEBUG=1 $(PY) manage.py rebuild_statuses
	DJANGO_DEBUG=1 $(PY) manage.py rebuild_search

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .bench
	-git worktree prune  # the bench's baseline checkouts lived under .bench/
