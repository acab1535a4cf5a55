import pytest
from django.core.management import call_command

from factcheck.models import Article, Source, Speaker, Statement, Topic, Verdict
from factcheck.scales import Rating

pytestmark = pytest.mark.django_db

MODELS = (Article, Speaker, Topic, Statement, Verdict, Source)


def snapshot():
    return {model.__name__: sorted(model.objects.values_list()) for model in MODELS}


def test_loading_the_demo_twice_leaves_the_same_rows(demo):
    before = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == before


def test_demo_loads_both_seed_articles_and_every_speaker(demo):
    assert set(Article.objects.values_list("outlet__name", flat=True)) == {"The Independent", "BBC News"}
    assert set(Speaker.objects.values_list("name", flat=True)) >= {
        "Ed Balls",
        "Tim Loughton",
        "Annette Brooke",
        "Michael Gove",
        "Sir Roger Singleton",
        "Lord Laming",
    }


def test_every_demo_quote_stands_at_its_offsets(demo):
    statements = Statement.objects.select_related("article")
    assert statements.count() >= 18
    for statement in statements:
        assert statement.article.body[statement.start : statement.end] == statement.quote


def test_every_demo_verdict_is_published_and_cites_a_source(demo):
    for verdict in Verdict.objects.all():
        assert verdict.is_published
        assert verdict.sources.exists(), verdict.headline


def test_demo_source_quotes_stand_in_the_cited_article(demo):
    for source in Source.objects.exclude(quote="").select_related("article"):
        assert source.quote in source.article.body, source.quote


def test_demo_has_pledges_and_criticisms_with_kind_appropriate_ratings(demo):
    kinds = set(Statement.objects.values_list("kind", flat=True))
    assert kinds == {"pledge", "criticism"}
    for verdict in Verdict.objects.select_related("statement"):
        assert verdict.rating in verdict.statement.scale


def test_demo_rates_only_what_the_seeds_support(demo):
    rated = dict(
        Verdict.objects.exclude(rating__in=[Rating.NOT_YET_RATED, Rating.UNVERIFIABLE]).values_list(
            "statement__title", "rating"
        )
    )
    assert rated == {
        "Child safety adviser to report to Parliament every year": Rating.IN_THE_WORKS,
        "Campaign to win back social workers": Rating.IN_THE_WORKS,
    }
