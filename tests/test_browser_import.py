from pathlib import Path

import pytest

from factcheck.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FILES = [
    SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt",
    SEEDS / "independent-2009-social-services-58m-overhaul.txt",
]


def test_editor_imports_both_seed_files_on_the_admin_import_page(live_server, fact_checker, page, screenshot):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("fiona")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/admin/factcheck/article/")
    page.get_by_role("link", name="Import articles").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Import articles"

    page.get_by_label("Files").set_input_files([str(path) for path in FILES])
    page.get_by_role("button", name="Import").click()

    results = page.locator(".import-results li")
    results.first.wait_for()
    assert results.count() == 2
    assert "Imported" in results.nth(0).inner_text()
    assert "Ed Balls promises 23m extra for social workers" in results.nth(0).inner_text()
    assert "Social services to be given £58m overhaul" in results.nth(1).inner_text()
    assert Article.objects.count() == 2
    screenshot(page)

    page.get_by_role("link", name="Ed Balls promises 23m extra for social workers").click()
    assert page.get_by_label("Byline").input_value() == "Margaret Ryan"
