"""Settings for a developer's machine and the demo: debug on, a throwaway key."""

from .base import *  # noqa: F403
from .base import env_bool

# General
# ------------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get(  # noqa: F405
    "SECRET_KEY", "django-insecure-local-only-never-use-this-key-in-production"
)

# Logging
# ------------------------------------------------------------------------------
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405
