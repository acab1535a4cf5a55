import os

import pytest

from tests.factories import EditorFactory, FactCheckerFactory

SEEDS = os.path.join(os.path.dirname(os.path.dirname(__file__)), "seeds")


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
