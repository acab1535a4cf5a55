"""Settings shared by every environment; the rest come from the environment."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" are yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable into a list."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """Read comma-separated IP networks ("10.20.0.0/16, 2001:db8::/32"); a typo stops the server."""
    try:
        return [ipaddress.ip_network(item, strict=False) for item in env_list(name)]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from error


def env_required(name: str) -> str:
    """Read an environment variable that has no safe default."""
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


# General
# ------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Databases
# ------------------------------------------------------------------------------
# Unset DATABASE_URL means the embedded default: an SQLite file in the project.
# Persistent connections (CONN_MAX_AGE seconds) are checked before each request reuses them
# (CONN_HEALTH_CHECKS), so a restarted database is picked up again without restarting the app.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Give up on an unreachable server quickly rather than holding a worker.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")))
    # No JIT: it compiled the plan of a ranked search over 50,000 matches for 0.6 s, longer than
    # the work it sped up; a web app's short queries never gain from it. No parallel workers:
    # under a burst every core is already busy with a request, and a search's two extra workers
    # only added their start-up and coordination to the CPU each request costs. No synchronised
    # scans: a search for a common word keeps the first matches a scan of the statement table
    # finds (factcheck.search), and a scan joining another one already running on a large table
    # would start where that one is, so the same search (or its page 2) got other candidates.
    options.setdefault("options", "-c jit=off -c max_parallel_workers_per_gather=0 -c synchronize_seqscans=off")
    # Server-side binding, and psycopg prepares a query the fifth time a connection runs it, so
    # PostgreSQL stops planning the public pages' joins on every request (planning took longer
    # than running them). Connections are kept (CONN_MAX_AGE) for the prepared plans to pay.
    # Django turns preparing off unless prepare_threshold is given; a pooler in transaction mode
    # cannot keep prepared statements: DATABASE_SERVER_SIDE_BINDING=false there.
    binding = env_bool("DATABASE_SERVER_SIDE_BINDING", True)
    options.setdefault("server_side_binding", binding)
    options.setdefault("prepare_threshold", 5 if binding else None)

# Applications
# ------------------------------------------------------------------------------
INSTALLED_APPS = [
    "factcheck.admin_config.DeskAdminConfig",  # django.contrib.admin with the desk's own site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "simple_history",
    "factcheck",
]

# Middleware
# ------------------------------------------------------------------------------
# Cached public pages are answered right after static files, before sessions, CSRF and auth
# (factcheck/caching.py); the header-only middleware stays above them so hits carry every header.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "factcheck.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

# Templates
# ------------------------------------------------------------------------------
TEMPLATES = [
    # The public pages: Jinja2 renders them several times faster than Django's engine, which
    # decided how many uncached pages a server can answer (templates/jinja2, factcheck.templating).
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "factcheck.templating.environment",
            "context_processors": ["factcheck.context_processors.newsroom"],
        },
    },
    # The admin and the editors' desk.
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "factcheck.context_processors.newsroom",
            ],
        },
    },
]

# Static files
# ------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Passwords
# ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Cache
# ------------------------------------------------------------------------------
# Redis when REDIS_URL is set (production, several app servers); local memory otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "pledgebook"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# How long public pages are cached, in seconds; 0 turns the public-page cache off (benchmarks).
PLEDGEBOOK_PUBLIC_CACHE_SECONDS = int(os.environ.get("PLEDGEBOOK_PUBLIC_CACHE_SECONDS", "300"))
# How long a server trusts the data stamp those pages are keyed on before reading the database's
# again: without Redis, how long one worker's changes take to show on another's cached pages.
PLEDGEBOOK_PUBLIC_STAMP_SECONDS = int(os.environ.get("PLEDGEBOOK_PUBLIC_STAMP_SECONDS", "5"))
# How long each process trusts the stamp it last read before asking the shared cache again: a
# change made on another server reaches this one's readers within this long (0: ask every time).
PLEDGEBOOK_PUBLIC_STAMP_MEMORY_SECONDS = float(os.environ.get("PLEDGEBOOK_PUBLIC_STAMP_MEMORY_SECONDS", "1"))

# Database outages (factcheck/outage.py)
# ------------------------------------------------------------------------------
# A view that loses the database answers a 503 page with Retry-After (seconds); public pages first
# try their last cached copy. After a failure each process answers public pages without asking the
# database again for PLEDGEBOOK_OUTAGE_RETRY_SECONDS (0: ask on every request).
MIDDLEWARE.insert(
    MIDDLEWARE.index("factcheck.caching.PublicPageCacheMiddleware"), "factcheck.outage.DatabaseOutageMiddleware"
)
PLEDGEBOOK_OUTAGE_RETRY_AFTER = int(os.environ.get("PLEDGEBOOK_OUTAGE_RETRY_AFTER", "10"))
PLEDGEBOOK_OUTAGE_RETRY_SECONDS = float(os.environ.get("PLEDGEBOOK_OUTAGE_RETRY_SECONDS", "2"))

# Security
# ------------------------------------------------------------------------------
# Headers every response carries, in every environment. HTTPS-only settings are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content Security Policy (django-csp): only the app's own scripts, styles and images, the admin
# included (Django's admin has no inline scripts). Added here, right after SecurityMiddleware,
# so the middleware list above stays as it is.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Login throttling (django-axes)
# ------------------------------------------------------------------------------
# After PLEDGEBOOK_LOGIN_FAILURE_LIMIT wrong passwords, that username is locked from that address for
# PLEDGEBOOK_LOGIN_LOCKOUT_MINUTES (other users at the same office address, and the same user
# elsewhere, are not). Unlock: the admin's "Access attempts", or `manage.py axes_reset_username NAME`.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as django-axes requires
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("PLEDGEBOOK_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("PLEDGEBOOK_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # a lock lasts the time the message promises
AXES_LOCKOUT_CALLABLE = "factcheck.login_throttling.lockout_response"
AXES_CLIENT_IP_CALLABLE = "factcheck.client_address.client_address"
AXES_VERBOSE = False  # no start-up banner on every command; failures are still logged (axes.handlers)
# Proxies in front of the app that append the client's address to X-Forwarded-For (a load balancer
# is 1). 0: the header is ignored, since any client can write it.
PLEDGEBOOK_TRUSTED_PROXY_COUNT = int(os.environ.get("PLEDGEBOOK_TRUSTED_PROXY_COUNT", "0"))

# Logging
# ------------------------------------------------------------------------------
# LOG_FORMAT=json writes one JSON object per line (production's default, for log collectors);
# "plain" is readable on a terminal. Imports and publications log through factcheck.importing and
# factcheck.publishing with their ids as `extra` fields; errors (django.request 5xx included) go
# through the root logger with their traceback.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s %(process)d",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # django-axes logs every successful login's "Deleted 0 failed login attempts" at INFO.
        "axes": {"level": "WARNING"},
        "factcheck": {"level": os.environ.get("FACTCHECK_LOG_LEVEL", "INFO")},
    },
}

# Pledgebook
# ------------------------------------------------------------------------------
PLEDGEBOOK_NEWSROOM_NAME = os.environ.get("PLEDGEBOOK_NEWSROOM_NAME", "Pledgebook")
PLEDGEBOOK_NEWSROOM_URL = os.environ.get("PLEDGEBOOK_NEWSROOM_URL", "http://127.0.0.1:8000")
PLEDGEBOOK_SITE_URL = os.environ.get("PLEDGEBOOK_SITE_URL", "http://127.0.0.1:8000")
# Largest article file the importer accepts, in bytes.
PLEDGEBOOK_IMPORT_MAX_BYTES = int(os.environ.get("PLEDGEBOOK_IMPORT_MAX_BYTES", str(5 * 1024 * 1024)))
# Seconds a whole fetch of a web page for the importer may take (lookups, redirects, body).
PLEDGEBOOK_IMPORT_URL_TIMEOUT = float(os.environ.get("PLEDGEBOOK_IMPORT_URL_TIMEOUT", "10"))
# Networks the importer may fetch from although they are not public (an intranet archive), as
# comma-separated CIDR blocks; empty: only public addresses (factcheck/fetching.py).
PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS = env_networks("PLEDGEBOOK_IMPORT_URL_ALLOWED_NETWORKS")
# Four eyes: an editor may not publish a verdict they wrote unless this is on.
PLEDGEBOOK_ALLOW_SELF_PUBLISH = env_bool("PLEDGEBOOK_ALLOW_SELF_PUBLISH", False)
# A published verdict older than this many months is due for a follow-up.
PLEDGEBOOK_FOLLOW_UP_MONTHS = int(os.environ.get("PLEDGEBOOK_FOLLOW_UP_MONTHS", "6"))
