import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from factcheck.models import Article, Statement, Verdict
from factcheck.scales import CRITICISM_SCALE, PLEDGE_SCALE, Kind, Rating
from tests.factories import (
    ArticleFactory,
    PublishedVerdictFactory,
    SourceFactory,
    StatementFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def test_statement_whose_quote_matches_its_offsets_is_valid():
    StatementFactory().full_clean()


def test_statement_whose_offsets_do_not_match_the_quote_is_refused():
    statement = StatementFactory.build(article=ArticleFactory(), start=4, end=12)
    statement.quote = "not the text at 4:12"
    with pytest.raises(ValidationError, match="does not match"):
        statement.full_clean()


def test_database_refuses_statement_ending_before_it_starts():
    statement = StatementFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(start=10, end=5)


def test_same_passage_tagged_twice_with_same_kind_is_refused():
    statement = StatementFactory()
    twin = StatementFactory.build(article=statement.article, speaker=statement.speaker, slug="twin")
    with pytest.raises(ValidationError, match="already tagged"):
        twin.full_clean()


def test_same_passage_may_be_both_pledge_and_criticism():
    statement = StatementFactory()
    other = StatementFactory.build(
        article=statement.article, speaker=statement.speaker, slug="other", kind=Kind.CRITICISM
    )
    other.full_clean()


@pytest.mark.parametrize("rating", [Rating.BORNE_OUT, Rating.UNVERIFIABLE])
def test_criticism_rating_on_a_pledge_is_refused(rating):
    verdict = VerdictFactory.build(statement=StatementFactory(kind=Kind.PLEDGE), rating=rating)
    with pytest.raises(ValidationError, match="is a criticism rating; a pledge is rated Not yet rated, In the works"):
        verdict.full_clean()


@pytest.mark.parametrize("rating", [Rating.KEPT, Rating.BROKEN, Rating.IN_THE_WORKS])
def test_pledge_rating_on_a_criticism_is_refused(rating):
    verdict = VerdictFactory.build(statement=StatementFactory(kind=Kind.CRITICISM), rating=rating)
    with pytest.raises(ValidationError, match="is a pledge rating; a criticism is rated Not yet rated, Borne out"):
        verdict.full_clean()


def test_database_refuses_unknown_rating():
    verdict = VerdictFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.filter(pk=verdict.pk).update(rating="pants-on-fire")


def test_database_refuses_published_verdict_without_publication_date():
    verdict = VerdictFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Verdict.objects.filter(pk=verdict.pk).update(status=Verdict.Status.PUBLISHED)


def test_database_refuses_duplicate_article_by_content_hash():
    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(body=article.body, slug="copy")


def test_source_needs_url_or_article_but_not_both():
    with pytest.raises(ValidationError, match="either a web address or an article"):
        SourceFactory.build(verdict=VerdictFactory(), url="", article=None).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SourceFactory(url="https://example.org/", article=ArticleFactory())


def test_public_statements_exclude_those_with_only_drafts():
    published = PublishedVerdictFactory().statement
    VerdictFactory()
    assert list(Statement.objects.public()) == [published]


def test_published_verdicts_exclude_drafts():
    published = PublishedVerdictFactory()
    VerdictFactory()
    assert list(Verdict.objects.published()) == [published]


def test_current_verdict_is_latest_published_not_latest_draft():
    older = PublishedVerdictFactory(rating=Rating.IN_THE_WORKS)
    newer = PublishedVerdictFactory(
        statement=older.statement, rating=Rating.KEPT, checked_on=older.checked_on + datetime.timedelta(days=1)
    )
    VerdictFactory(
        statement=older.statement, rating=Rating.BROKEN, checked_on=newer.checked_on + datetime.timedelta(days=1)
    )
    statement = Statement.objects.with_current_verdict().get()
    assert (statement.current_verdict_id, statement.current_rating) == (newer.pk, Rating.KEPT)


def test_public_articles_need_a_public_statement():
    PublishedVerdictFactory()
    VerdictFactory()
    assert Article.objects.public().count() == 1


def test_every_rating_has_a_position_and_judged_ratings_a_value_within_bounds():
    for scale in (PLEDGE_SCALE, CRITICISM_SCALE):
        assert [scale.position(r) for r in scale.ratings] == list(range(len(scale.ratings)))
        values = [step.value for step in scale.steps if step.value is not None]
        assert sorted(values) == list(range(scale.worst_value, scale.best_value + 1))
    assert PLEDGE_SCALE.step(Rating.KEPT).value == PLEDGE_SCALE.best_value
    assert PLEDGE_SCALE.step(Rating.BROKEN).value == PLEDGE_SCALE.worst_value


def test_every_model_has_a_readable_str():
    source = SourceFactory()
    for obj in (source, source.verdict, source.verdict.statement, source.verdict.statement.article):
        assert str(obj) and "object (" not in str(obj)
