"""Settings for a production server: everything secret or host-specific is required.

Run behind a TLS-terminating proxy or load balancer that sets X-Forwarded-Proto. The app keeps
no state on disk: the database (DATABASE_URL) and the cache (REDIS_URL) are shared services, so
any number of app servers can run side by side.
"""

from .base import *  # noqa: F403
from .base import env_bool, env_required

# General
# ------------------------------------------------------------------------------
DEBUG = False
SECRET_KEY = env_required("SECRET_KEY")

# Security
# ------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Load balancers probe over plain HTTP: the health check must not be redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

# Static files
# ------------------------------------------------------------------------------
# Hashed, compressed files from collectstatic; whitenoise marks hashed names immutable (cached for years).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Databases
# ------------------------------------------------------------------------------
# Health checks (base.py) make long-lived connections safe across database restarts.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))  # noqa: F405

# Logging
# ------------------------------------------------------------------------------
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")  # noqa: F405
