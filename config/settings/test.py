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
# Each test starts from an empty cache: no stamp may outlive it in the process's memory
# (tests/test_public_page_cache.py turns the memory on where it tests it).
PLEDGEBOOK_PUBLIC_STAMP_MEMORY_SECONDS = 0
# Likewise no remembered database failure (tests/test_database_outage.py turns it on where it tests it).
PLEDGEBOOK_OUTAGE_RETRY_SECONDS = 0

# Static files
# ------------------------------------------------------------------------------
# Tests never run collectstatic: serve from the apps' folders.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Pledgebook
# ------------------------------------------------------------------------------
# Four eyes on, whatever the machine's environment says: tests that need a small desk say so.
PLEDGEBOOK_ALLOW_SELF_PUBLISH = False
