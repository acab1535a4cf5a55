"""Articles at the desk: added only through the importer, edited through importing.update_article."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from factcheck.importing import content_hash, update_article
from factcheck.models import Article, Suggestion
from tests.factories import ArticleFactory, StatementFactory

pytestmark = pytest.mark.django_db


def details(article, **overrides) -> dict:
    values = {
        "title": article.title,
        "slug": article.slug,
        "outlet": article.outlet,
        "byline": article.byline,
        "published_at": article.published_at,
        "source_url": article.source_url,
    }
    return values | overrides


@pytest.mark.parametrize("method", ["get", "post"])
def test_add_article_goes_to_the_import_page(client, fact_checker, method):
    client.force_login(fact_checker)
    response = getattr(client, method)(reverse("admin:factcheck_article_add"), {"title": "T", "body": "B"})
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:factcheck_article_import")
    assert not Article.objects.exists()


def test_editing_an_untagged_body_keeps_its_fingerprint_and_suggestions_in_step(fact_checker):
    article = ArticleFactory(body="Old text.")
    Suggestion.objects.create(article=article, kind="pledge", quote="Old text.", start=0, end=9)
    new_body = "The minister said: “We will build 40 new hospitals by 2030.”"
    update_article(article=article, user=fact_checker, body=new_body, **details(article))
    article.refresh_from_db()
    assert article.body == new_body and article.content_hash == content_hash(new_body)
    assert not article.suggestions.filter(quote="Old text.").exists()
    assert all(new_body[s.start : s.end] == s.quote for s in article.suggestions.all())


def test_a_body_that_duplicates_another_article_is_refused(fact_checker):
    taken = ArticleFactory(title="Already here")
    article = ArticleFactory()
    with pytest.raises(ValidationError, match="Another article already has this text: “Already here”"):
        update_article(article=article, user=fact_checker, body=taken.body, **details(article))
    article.refresh_from_db()
    assert article.content_hash == content_hash(article.body) != taken.content_hash


def test_the_desk_shows_a_duplicate_body_as_an_error_on_the_field_not_a_server_error(client, fact_checker):
    taken = ArticleFactory(title="Already here")
    article = ArticleFactory()
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_article_change", args=[article.pk]),
        {
            "title": article.title,
            "slug": article.slug,
            "outlet": article.outlet_id,
            "byline": "",
            "published_at_0": "",
            "published_at_1": "",
            "source_url": "",
            "body": taken.body,
            "opened_version": article.version,
        },
    )
    assert response.status_code == 200
    assert "Another article already has this text" in response.content.decode()


def test_a_body_with_statements_in_it_never_changes(fact_checker):
    article = StatementFactory().article
    with pytest.raises(ValidationError, match="Statements point into this text"):
        update_article(article=article, user=fact_checker, body="Something else.", **details(article))
