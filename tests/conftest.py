import os
from pathlib import Path

import pytest

from tests.factories import EditorFactory, FactCheckerFactory


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: nothing may be skipped silently."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") and reporter is not None and reporter.stats.get("skipped"):
        reporter.write_line("CI: tests were skipped; failing the run.", red=True)
        session.exitstatus = 1


@pytest.fixture
def fact_checker(db):
    return FactCheckerFactory(username="fiona")


@pytest.fixture
def editor(db):
    return EditorFactory(username="eddie")


@pytest.fixture
def demo(db):
    """The demo newsroom, loaded as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop; the test's own ORM calls stay synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot to test-artifacts/ under the test's name; returns its path."""

    def take(page, label: str = "") -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        name = request.node.name + (f"-{label}" if label else "")
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture(autouse=True)
def _empty_cache():
    """Public pages are cached; start every test with an empty cache so no page leaks across tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
