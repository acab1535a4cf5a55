import pytest
from django.urls import reverse

from factcheck.scales import Rating
from tests.factories import PublishedVerdictFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def test_home_lists_only_statements_with_a_published_verdict(client):
    public = PublishedVerdictFactory(statement__title="Hire nurses, published").statement
    VerdictFactory(statement__title="Secret draft-only pledge")
    response = client.get(reverse("factcheck:home"))
    assert response.status_code == 200
    assert public.title in response.content.decode()
    assert "Secret draft-only pledge" not in response.content.decode()


def test_list_shows_the_current_published_rating_of_each_statement(client):
    verdict = PublishedVerdictFactory(rating=Rating.STALLED)
    VerdictFactory(statement=verdict.statement, rating=Rating.KEPT)
    response = client.get(reverse("factcheck:statement_list"))
    assert [s.current_rating for s in response.context_data["statements"]] == [Rating.STALLED]
    assert '<span class="badge badge-stalled">Stalled</span>' in response.content.decode()
    assert "badge-kept" not in response.content.decode()


def test_demo_statement_list_shows_the_seed_statements_with_ratings(client, demo):
    content = client.get(reverse("factcheck:statement_list")).content.decode()
    assert "Child safety adviser to report to Parliament every year" in content
    assert "In the works" in content
    assert "Not yet rated" in content
    assert "18 statements" in content


def test_statement_with_only_draft_verdicts_is_not_found(client):
    draft = VerdictFactory()
    response = client.get(draft.statement.get_absolute_url())
    assert response.status_code == 404


def test_statement_page_shows_published_verdicts_and_hides_drafts(client):
    verdict = PublishedVerdictFactory(headline="Published update")
    SourceFactory(verdict=verdict, title="Ministry figures")
    VerdictFactory(statement=verdict.statement, headline="Unpublished draft update")
    content = client.get(verdict.statement.get_absolute_url()).content.decode()
    assert "Published update" in content
    assert "Ministry figures" in content
    assert "Unpublished draft update" not in content


def test_imported_text_is_escaped_on_public_pages(client):
    verdict = PublishedVerdictFactory(
        statement__title="<script>alert(1)</script>", explanation="<img src=x onerror=alert(1)>"
    )
    content = client.get(verdict.statement.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "<img src=x" not in content
    assert "&lt;script&gt;" in content
