"""Bad input at the desk gets a message, never a server error: every add and change page, empty or odd posts."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.factories import SourceFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

MODELS = ["article", "outlet", "speaker", "topic", "statement", "verdict", "suggestion", "correction"]
ODD = {"title": "x" * 5000, "name": "<script>alert(1)</script>", "opened_version": "not a number", "kind": "nonsense"}


@pytest.fixture
def rows():
    statement = public_statement()
    draft = SourceFactory().verdict
    return {
        "article": statement.article,
        "outlet": statement.article.outlet,
        "speaker": statement.speaker,
        "topic": None,
        "statement": statement,
        "verdict": draft,
        "suggestion": None,
        "correction": None,
    }


@pytest.mark.parametrize("role", ["fact_checker", "editor"])
@pytest.mark.parametrize("model", MODELS)
def test_no_add_or_change_page_answers_with_a_server_error(client, request, rows, role, model):
    client.force_login(request.getfixturevalue(role))
    urls = [reverse(f"admin:factcheck_{model}_add")]
    if rows[model] is not None:
        urls.append(reverse(f"admin:factcheck_{model}_change", args=[rows[model].pk]))
    for url in urls:
        for response in (client.get(url), client.post(url, {}), client.post(url, ODD)):
            assert response.status_code < 500, (url, response.status_code)


def test_every_registered_model_is_covered():
    registered = {model._meta.model_name for model in admin.site._registry if model._meta.app_label == "factcheck"}
    assert registered == set(MODELS)


@pytest.mark.parametrize(
    ("method", "url", "data"),
    [
        ("post", "admin:factcheck_suggestion_bulk", {"article": "abc", "action": "dismiss"}),
        ("post", "admin:factcheck_suggestion_bulk", {"article": "1", "suggestion": ["x", "1"], "action": "accept"}),
        ("get", "admin:factcheck_statement_add", {"suggestion": "abc"}),
        ("get", "admin:factcheck_verdict_add", {"statement": "abc"}),
        ("get", "admin:factcheck_verdict_add", {"statement": "1", "evidence": "abc"}),
    ],
)
def test_hand_typed_ids_that_name_no_row_are_no_server_error(client, editor, rows, method, url, data):
    """Found in review: non-numeric ids in addresses and posts raised ValueError."""
    client.force_login(editor)
    assert getattr(client, method)(reverse(url), data).status_code < 500
