"""A reader's walk through the demo in Chromium, at desktop width and at 360 px; screenshots kept."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 360}

HEADINGS_IN_ORDER = """() => {
  const levels = [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => Number(h.tagName[1]));
  return levels[0] === 1 && levels.filter(l => l === 1).length === 1
    && levels.every((l, i) => i === 0 || l <= levels[i - 1] + 1);
}"""
UNLABELLED_FIELDS = """() => [...document.querySelectorAll('input:not([type=hidden]), select')]
  .filter(el => !(el.labels && el.labels.length)).map(el => el.name)"""


def check_page(page):
    """What every public page owes a reader: landmarks, headings in order, labels, no sideways scrolling."""
    for role in ("banner", "main", "contentinfo", "navigation"):
        assert page.get_by_role(role).first.is_visible(), role
    assert page.evaluate(HEADINGS_IN_ORDER)
    assert page.evaluate(UNLABELLED_FIELDS) == []
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.fixture(params=WIDTHS.values(), ids=WIDTHS.keys())
def sized_page(request, page):
    page.set_viewport_size({"width": request.param, "height": 900})
    return page


def test_reader_sees_the_demo_statements_on_the_home_page(live_server, demo, page, screenshot):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pledges and criticisms, followed up"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="All statements").click()
    page.get_by_role("link", name="Child safety adviser to report to Parliament every year").click()
    assert "First annual report published in March 2010" in page.content()
    screenshot(page)


def test_tracker(live_server, demo, sized_page, screenshot):
    page = sized_page
    page.goto(live_server.url + "/")
    check_page(page)
    pledges = page.get_by_role("table", name="Pledges 13 checked")
    assert pledges.get_by_role("row", name="In the works 2").is_visible()
    assert page.get_by_role("img", name="Pledges by rating, month by month").is_visible()
    screenshot(page)
    pledges.get_by_role("link", name="In the works").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Pledges rated In the works"


def test_filtered_list(live_server, demo, sized_page, screenshot):
    page = sized_page
    page.goto(live_server.url + "/statements/")
    page.get_by_label("Kind").select_option("pledge")
    page.get_by_label("Speaker").fill("Balls")
    page.get_by_label("Search").fill("social work")
    page.get_by_role("button", name="Show statements").click()
    heading = "Pledges by speakers named like “Balls” matching “social work”"
    assert page.get_by_role("heading", level=1).inner_text() == heading
    assert page.title().startswith(heading)
    check_page(page)
    count = page.locator(".statement-item").count()
    assert count > 0
    assert page.get_by_role("heading", level=2, name=f"{count} statements").is_visible()
    screenshot(page)


def test_statement_page(live_server, demo, sized_page, screenshot):
    page = sized_page
    page.goto(live_server.url + "/statements/campaign-to-win-back-social-workers/")
    check_page(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Campaign to win back social workers"
    assert page.locator(".verdict-box .badge").inner_text().lower() == "in the works"
    assert page.locator('script[type="application/ld+json"]').count() == 1
    screenshot(page)
    page.get_by_role("link", name="See the quote in the article").click()
    assert page.url.endswith("#statement-campaign-to-win-back-social-workers")
    assert page.locator("#statement-campaign-to-win-back-social-workers").count() == 1


def test_article_page(live_server, demo, sized_page, screenshot):
    page = sized_page
    page.goto(live_server.url + "/articles/ed-balls-promises-23m-extra-for-social-workers/")
    check_page(page)
    marks = page.locator(".article-body mark.statement-mark")
    assert marks.count() >= 6
    screenshot(page)
    marks.first.get_by_role("link").click()
    assert page.get_by_role("heading", level=1).is_visible()
    assert "/statements/" in page.url
