"""Settings for the test suite: fast hashing, in-memory e-mail and cache."""

from .base import *  # noqa: F403

# General
# ------------------------------------------------------------------------------
DEBUG = False
SECRET_KEY = "test-only-secret-key"
TEST_RUNNER = "django.test.runner.DiscoverRunner"

# Passwords
# ------------------------------------------------------------------------------
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# E-mail and cache
# ------------------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Static files
# ------------------------------------------------------------------------------
# Tests never run collectstatic: serve from the apps' folders.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
