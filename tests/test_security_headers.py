import re

import pytest
from django.urls import reverse

from tests.factories import PublishedVerdictFactory

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_security_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_public_pages_carry_the_security_headers(client):
    verdict = PublishedVerdictFactory()
    assert_security_headers(client.get(reverse("factcheck:home")))
    assert_security_headers(client.get(verdict.statement.get_absolute_url()))


def test_admin_pages_carry_the_security_headers(client, editor):
    assert_security_headers(client.get(reverse("admin:login")))
    client.force_login(editor)
    assert_security_headers(client.get(reverse("admin:factcheck_statement_add")))


def test_the_policy_allows_no_inline_script_or_style(client):
    directives = policy(client.get(reverse("factcheck:home")))
    allowed = directives["script-src"] + directives["style-src"]
    assert "'unsafe-inline'" not in allowed
    assert "'unsafe-eval'" not in allowed


@pytest.mark.parametrize("name", ["admin:login", "factcheck:home"])
def test_page_scripts_and_styles_are_all_own_files_the_policy_allows(client, name):
    """'self' covers files from /static/; an inline script, style block or style attribute would be blocked."""
    html = client.get(reverse(name)).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert all(re.search(r'src="/(static|admin)/', tag) for tag in scripts), scripts
    stylesheets = re.findall(r'<link\b[^>]*rel="stylesheet"[^>]*>', html)
    assert stylesheets
    assert all('href="/static/' in tag for tag in stylesheets), stylesheets
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
