"""Production settings, each loaded in a fresh interpreter as gunicorn would load them."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# Set by the test run itself (the browser fixture sets DJANGO_ALLOW_ASYNC_UNSAFE), never on a server.
NOT_PRODUCTION = {
    "SECRET_KEY",
    "REDIS_URL",
    "LOG_FORMAT",
    "DJANGO_SETTINGS_MODULE",
    "DEBUG",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}


def server_environment(**env: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in NOT_PRODUCTION}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.production", ALLOWED_HOSTS="example.org", **env)
    return environment


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    environment = server_environment(**env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )


def production_setting(expression: str, **env: str):
    code = f"import django, json; django.setup(); from django.conf import settings; print(json.dumps({expression}))"
    result = run_python(code, SECRET_KEY=secrets.token_urlsafe(50), **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=server_environment(SECRET_KEY=secrets.token_urlsafe(50)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python("import django; django.setup()")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable." in result.stderr


def test_production_serves_hashed_compressed_static_files():
    assert production_setting("settings.STORAGES['staticfiles']['BACKEND']") == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_production_is_https_only_behind_a_proxy():
    assert production_setting("settings.SECURE_PROXY_SSL_HEADER") == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production_setting("[settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SESSION_COOKIE_SECURE]") == [
        False,
        True,
        True,
    ]


def test_production_keeps_health_checked_database_connections():
    database = production_setting("settings.DATABASES['default']")
    assert database["CONN_MAX_AGE"] > 0
    assert database["CONN_HEALTH_CHECKS"] is True


def test_production_caches_in_redis_when_redis_url_is_set():
    cache = production_setting("settings.CACHES['default']", REDIS_URL="redis://127.0.0.1:6379/3")
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert production_setting("settings.CACHES['default']['BACKEND']") == (
        "django.core.cache.backends.locmem.LocMemCache"
    )


def test_public_page_cache_lifetime_has_a_default_and_can_be_turned_off():
    assert production_setting("settings.PLEDGEBOOK_PUBLIC_CACHE_SECONDS") == 300
    assert production_setting("settings.PLEDGEBOOK_PUBLIC_CACHE_SECONDS", PLEDGEBOOK_PUBLIC_CACHE_SECONDS="0") == 0


def test_production_logs_publications_as_json_lines():
    code = (
        "import django, logging; django.setup(); "
        "logging.getLogger('factcheck.publishing').info('verdict published', extra={'verdict_id': 7})"
    )
    result = run_python(code, SECRET_KEY=secrets.token_urlsafe(50))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["message"] == "verdict published"
    assert record["verdict_id"] == 7
    assert record["logger"] == "factcheck.publishing"
    assert record["level"] == "INFO"


def test_errors_are_logged_as_json_with_their_traceback():
    code = (
        "import django, logging; django.setup(); log = logging.getLogger('django.request')\n"
        "try:\n    1 / 0\nexcept ZeroDivisionError:\n    log.exception('Internal Server Error: /')"
    )
    result = run_python(code, SECRET_KEY=secrets.token_urlsafe(50))
    record = json.loads(result.stderr.strip().splitlines()[-1])
    assert record["level"] == "ERROR"
    assert "ZeroDivisionError" in record["exc_info"]
