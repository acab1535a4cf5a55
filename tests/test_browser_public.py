import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_sees_the_demo_statements_on_the_home_page(live_server, demo, page, screenshot):
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).inner_text() == "Pledges and criticisms, followed up"
    page.get_by_role("link", name="Child safety adviser to report to Parliament every year").click()
    assert "First annual report published in March 2010" in page.content()
    screenshot(page)
