"""The desk dashboard lists the articles still missing a date or an outlet, each linked to its admin page."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ArticleFactory, PublishedVerdictFactory, StatementFactory, UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("admin:desk")


def test_articles_without_a_date_or_an_outlet_are_listed_with_what_they_miss_and_a_link(client, fact_checker):
    no_date = ArticleFactory(title="No date here", published_at=None)
    no_outlet = ArticleFactory(title="No outlet here", outlet=None)
    neither = ArticleFactory(title="Neither here", outlet=None, published_at=None)
    ArticleFactory(title="Complete article")
    client.force_login(fact_checker)
    response = client.get(DASHBOARD)
    listed = {article.title for article in response.context["missing_details"]}
    assert listed == {"No date here", "No outlet here", "Neither here"}
    page = response.content.decode()
    assert "Articles missing a date or outlet (3)" in page
    for article in (no_date, no_outlet, neither):
        assert f'href="{reverse("admin:factcheck_article_change", args=[article.pk])}"' in page
    section = page.split('id="missing-details-title"')[1].split("</section>")[0]
    assert "Date and outlet" in section and "Complete article" not in section
    rows = section.split("<tr>")[2:]
    missing = {row.split("</a>")[0].rsplit(">", 1)[1]: row.split("<td>")[2].split("</td>")[0].strip() for row in rows}
    assert missing == {"No date here": "Date", "No outlet here": "Outlet", "Neither here": "Date and outlet"}


def test_articles_readers_already_see_come_first(client, fact_checker):
    ArticleFactory(title="Newest import, not public", published_at=None)
    seen = StatementFactory(article=ArticleFactory(title="Older, public", published_at=None))
    PublishedVerdictFactory(statement=seen)
    seen.article.imported_at = seen.article.imported_at - datetime.timedelta(days=3)
    seen.article.save(update_fields=["imported_at"])
    client.force_login(fact_checker)
    response = client.get(DASHBOARD)
    assert [a.title for a in response.context["missing_details"]] == ["Older, public", "Newest import, not public"]
    assert "readers see it" in response.content.decode()


def test_when_every_article_is_complete_the_section_says_so(client, fact_checker):
    ArticleFactory()
    client.force_login(fact_checker)
    page = client.get(DASHBOARD).content.decode()
    assert "Articles missing a date or outlet (0)" in page
    assert "Every article has a date and an outlet." in page


def test_staff_who_cannot_see_articles_do_not_get_the_section(client):
    user = UserFactory(username="statements-only")
    user.user_permissions.add(Permission.objects.get(codename="view_statement"))
    ArticleFactory(published_at=None)
    client.force_login(user)
    response = client.get(DASHBOARD)
    assert response.context["missing_details"] is None
    assert "Articles missing a date or outlet" not in response.content.decode()


def test_the_section_makes_a_constant_number_of_queries_and_reads_no_article_text(client, fact_checker):
    client.force_login(fact_checker)
    ArticleFactory(published_at=None)
    client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as few:
        client.get(DASHBOARD)
    for _ in range(5):
        ArticleFactory(published_at=None, outlet=None)
    with CaptureQueriesContext(connection) as many:
        client.get(DASHBOARD)
    assert len(many) == len(few)
    query = next(q["sql"] for q in many.captured_queries if '"published_at" IS NULL' in q["sql"])
    assert '"body"' not in query and '"original_text"' not in query
