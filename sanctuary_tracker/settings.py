"""Settings for the Sanctuary Review Tracker: one file, read from the environment.

Unset, every variable falls back to what a fresh clone needs on a developer's machine
(an SQLite file beside manage.py); production switches behaviour on with variables,
never by editing this file.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from import_export.formats import base_formats

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


# Core
DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production, "
            "or set DJANGO_DEBUG=1 on a development machine (make run does this)."
        )
    # The prefix makes `check --deploy` flag this key if it ever reaches production.
    SECRET_KEY = "django-insecure-development-only-key-do-not-deploy"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else ""
)

# The project's own apps, in their layers: each imports only the apps before it in this
# list (docs/architecture.md). Signals, roles, backups and the data dictionary read it.
DOMAIN_APPS = [
    "sanctuary_tracker",  # shared bases: sources and citations, record-keeping, lists
    "jurisdictions",  # reference data: the governments
    "campaigns",  # reference data: DOJ's campaigns, which the records belong to
    "grants",  # records: Byrne JAG awards and their figures
    "directives",  # records: executive orders, memos and grant conditions
    "correspondence",  # records: review rounds, letters and statements
    "designations",  # records: published lists of jurisdictions and their members
    "litigation",  # records: court cases and rulings
    "review",  # the review on top: status, timelines, dashboard, feeds, loader
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, for FORM_RENDERER below
    "django_filters",
    "simple_history",
    "import_export",
    "axes",
    *DOMAIN_APPS,
    # The site search: an index of the records, derived from them (so not among the
    # domain apps: not backed up, no staff roles, not in the data dictionary). It
    # reads the records and the review's loader writes it: a layer between the two.
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag, Last-Modified, 304s and the page cache from the data version: before the
    # session, CSRF and auth work, which a 304 or a cached page needs none of, and
    # outside them, so it sees every cookie they set on a response (never kept).
    "sanctuary_tracker.http_cache.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The database unreachable is a 503 page with Retry-After, not a 500.
    "sanctuary_tracker.unavailable.DatabaseUnavailableMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into a clear refusal.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sanctuary_tracker.urls"
WSGI_APPLICATION = "sanctuary_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "review.record_date.context",
            ],
        },
    },
]

# Form widgets render through TEMPLATES, so templates/django/forms/ can replace one of
# Django's (select.html: the same markup, faster).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# Database
# DATABASE_URL (e.g. postgres://user@host:5432/name) switches to PostgreSQL; unset, an
# embedded SQLite file keeps a fresh clone runnable with nothing else installed.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request reuses it: one closed under
        # the app (a database restart) is replaced, not a failed request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] in {
    "django.db.backends.postgresql",
    "django.contrib.gis.db.backends.postgis",
}:
    # No JIT compilation: a status filter's query (sixteen subqueries, each cheap, but
    # costly in the planner's estimate) ran in 3 ms after 1.6 s of compiling.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when DJANGO_CACHE_URL is set (e.g. redis://127.0.0.1:6379/1), else
# memory local to each process (fine for one server; several need Redis). Redis
# unreachable is a miss, not an error (sanctuary_tracker.cache.FallbackRedisCache);
# the timeouts keep a Redis that stops answering from holding a page for long.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "sanctuary_tracker.cache.FallbackRedisCache",
            "LOCATION": CACHE_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# With Redis every server sees each write at once; the memory of one process cannot,
# so there cached aggregates live one minute only.
AGGREGATE_CACHE_SECONDS = 60 * 60 if CACHE_URL else 60
# A whole public page is kept as long, under the data version (any write replaces it);
# 0 turns the page cache off (every page rendered, as when the cache is unreachable).
PAGE_CACHE_SECONDS = int(
    os.environ.get("DJANGO_PAGE_CACHE_SECONDS", str(AGGREGATE_CACHE_SECONDS))
)

# History: a revert would bypass the version check and the review gate.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Logins: django-axes locks an account and address out after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address: X-Forwarded-For only when DJANGO_PROXY_COUNT says how many
# trusted proxies set it; otherwise a client could forge it to dodge the lockout.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "0")) or None
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
    if AXES_IPWARE_PROXY_COUNT
    else ["REMOTE_ADDR"]
)

# Downloads (CSV/JSON exports) one process streams at once; more answer 429 "busy, try
# again shortly", so long downloads cannot hold every thread that serves pages.
EXPORTS_PER_PROCESS = int(os.environ.get("DJANGO_EXPORTS_PER_PROCESS", "2"))

# Bulk import (django-import-export): whoever may add records may import them.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_FORMATS = [base_formats.CSV, base_formats.XLSX]

# Passwords
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: the record is American, dates are shown as written there.
LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# Static files, served by whitenoise in every environment.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production (after collectstatic); plain
        # names in development and tests, where collectstatic has not run.
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if env_bool("DJANGO_STATIC_MANIFEST", not DEBUG)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploaded letters
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

# Security: production defaults, relaxed only when DEBUG is on.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = int(
    os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy: every script, style, image and font comes from this site;
# no inline script anywhere (the admin's own pages included).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
}
