"""The verdict form fits a laptop's window: no sideways scrolling at 1,280 or 1,024 pixels."""

import pytest
from django.urls import reverse

from tests.browser_helpers import log_in
from tests.factories import FactCheckerFactory, SourceFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG_URL = "https://www.example.org/" + "a-very-long-path-segment/" * 12 + "report.html"


@pytest.mark.parametrize("width", [1280, 1024])
def test_a_draft_with_long_sources_fits_the_window(live_server, browser, screenshot, width):
    FactCheckerFactory(username="fiona")
    verdict = SourceFactory(url=LONG_URL, quote="Figures " * 80, title="A report with a long title " * 4).verdict
    SourceFactory(verdict=verdict, url=LONG_URL)
    page = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB").new_page()
    log_in(page, live_server, "fiona")
    page.goto(live_server.url + reverse("admin:factcheck_verdict_change", args=[verdict.pk]))
    # Two sources, and no empty extra row once a draft has one.
    assert page.locator("#sources-group .inline-related:not(.empty-form)").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    screenshot(page, f"{width}px")
