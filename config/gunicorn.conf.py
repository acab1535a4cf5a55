"""gunicorn's settings for `make serve` and the benchmarks; each one can be overridden from the environment.

Sync workers, as many as 2 × cores + 1 by default: the app is CPU-bound Python in front of
PostgreSQL, so processes (not threads) are what scale.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * multiprocessing.cpu_count() + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# A queue of waiting connections deep enough for a burst of readers.
backlog = 2048
# Recycle workers now and then, so a slow leak can never take a server down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Errors to stderr; access logs only when asked for (the proxy in front usually keeps them).
errorlog = "-"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "config.wsgi:application"
# No control socket: its default path is per user, so two servers on one machine would share it.
control_socket_disable = True
