"""Start and stop a gunicorn with production settings on a free loopback port, for bench/ and loadtest/."""

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)


def production_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production server on this machine: loopback, plain HTTP behind a pretend proxy."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": os.environ.get("LOG_LEVEL", "WARNING"),
        **extra,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def collectstatic(env: dict[str, str]) -> None:
    subprocess.run(
        [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT, env=env, check=True
    )


def wait_healthy(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"gunicorn did not become healthy at {url}/healthz")
        time.sleep(0.3)


class Gunicorn:
    """`with Gunicorn(env) as url:` serves the app until the block ends."""

    def __init__(self, env: dict[str, str], *, workers: int | None = None, log: Path | None = None):
        self.port = free_port()
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        if workers:
            self.env["GUNICORN_WORKERS"] = str(workers)
        self.log = log
        self.process: subprocess.Popen | None = None
        self.output = None

    def __enter__(self) -> str:
        self.output = open(self.log, "ab") if self.log else None
        output = self.output or subprocess.DEVNULL
        self.process = subprocess.Popen(
            [PYTHON.parent / "gunicorn", "--config", "config/gunicorn.conf.py"],
            cwd=ROOT,
            env=self.env,
            stdout=output,
            stderr=output,
        )
        url = f"http://127.0.0.1:{self.port}"
        try:
            wait_healthy(url)
        except RuntimeError:
            self.__exit__()
            raise
        return url

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.output:
            self.output.close()
