import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone

from factcheck.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
FILES = [
    SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt",
    SEEDS / "independent-2009-social-services-58m-overhaul.txt",
]


def log_in(page, live_server):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("fiona")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()


def assert_reads_as_one_line_per_file(page):
    """Each result is a row with its outcome in words beside one icon: no list bullet, no word said twice."""
    rows = page.locator(".import-results tbody tr")
    for index in range(rows.count()):
        text = rows.nth(index).inner_text()
        assert rows.nth(index).locator("img").count() == 1
        for word in ("Imported", "Already imported", "Refused"):
            assert text.count(word) <= 1, text
        assert not re.search(r"\b1 statements\b", text), text
    assert page.locator(".import-results li").count() == 0


def test_editor_imports_both_seed_files_on_the_admin_import_page(live_server, fact_checker, page, screenshot):
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/factcheck/article/")
    page.get_by_role("link", name="Import articles").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Import articles"

    page.get_by_label("Files").set_input_files([str(path) for path in FILES])
    page.get_by_role("button", name="Import").click()

    rows = page.locator(".import-results tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    assert page.locator(".import-summary").inner_text() == "2 files: 2 imported."
    assert "Imported" in rows.nth(0).inner_text()
    assert "Ed Balls promises 23m extra for social workers" in rows.nth(0).inner_text()
    assert "Social services to be given £58m overhaul" in rows.nth(1).inner_text()
    assert_reads_as_one_line_per_file(page)
    assert Article.objects.count() == 2
    screenshot(page, "many-files")

    page.get_by_role("link", name="Ed Balls promises 23m extra for social workers").click()
    assert page.get_by_label("Byline").input_value() == "Margaret Ryan"


def test_a_file_without_date_or_outlet_gets_them_on_its_results_line(
    live_server, fact_checker, page, screenshot, tmp_path
):
    pasted = tmp_path / "council-library.txt"
    pasted.write_text(
        "Council promises a new library\n\nThe council will open a new library in 2027, the leader said.\n"
    )
    log_in(page, live_server)
    page.goto(live_server.url + "/admin/factcheck/article/import/")
    page.get_by_label("Files").set_input_files([str(pasted)])
    page.get_by_role("button", name="Import").click()

    row = page.locator(".import-results tbody tr")
    row.wait_for()
    assert row.count() == 1
    assert page.locator(".import-summary").count() == 0  # one file: its line says it all
    assert "1 statement suggested" in row.inner_text()
    assert_reads_as_one_line_per_file(page)
    screenshot(page, "one-file")

    page.get_by_label("Outlet of “Council promises a new library”").fill("Borough Bugle")
    page.get_by_label("Publication date of “Council promises a new library”").fill("2024-05-02")
    page.get_by_role("button", name="Save outlets and dates").click()

    page.locator(".messagelist .success").wait_for()
    assert "Borough Bugle" in row.inner_text() and "2 May 2024" in row.inner_text()
    assert page.get_by_role("button", name="Save outlets and dates").count() == 0
    article = Article.objects.get()
    assert article.outlet.name == "Borough Bugle"
    assert timezone.localtime(article.published_at).date() == date(2024, 5, 2)
    screenshot(page, "saved")
