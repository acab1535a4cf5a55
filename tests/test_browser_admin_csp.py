import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def csp_violations(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    return messages


def test_admin_works_under_the_content_security_policy(live_server, page, screenshot, django_user_model):
    """The admin's own scripts and styles load and run under the policy: no violation in the console."""
    django_user_model.objects.create_superuser("csp-editor", "", "correct horse battery staple")
    messages = csp_violations(page)
    response = page.goto(live_server.url + "/admin/login/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # The admin stylesheet applied: the header bar has the admin's colour, not the browser default.
    assert page.locator("#header").evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    page.get_by_label("Username").fill("csp-editor")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.goto(live_server.url + "/admin/factcheck/statement/add/")
    # The admin's JavaScript ran: the theme toggle and the related-object widgets are wired up.
    page.wait_for_function("() => window.django !== undefined && window.django.jQuery !== undefined")
    screenshot(page)
    violations = [text for text in messages if "Content Security Policy" in text or "Refused to" in text]
    assert violations == []
