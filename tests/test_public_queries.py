"""Every public page makes the same number of queries whatever the data's size; pages are
cached, and publishing or correcting shows at once."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse

from factcheck.models import Correction, Verdict
from factcheck.publishing import SourceData, draft_verdict, publish_verdict, unpublish_verdict
from factcheck.scales import Rating
from tests.public_data import newsroom, public_statement

pytestmark = pytest.mark.django_db

# (URL, queries on a cache miss). A miss with no stamp in the cache starts with the one
# "has anything changed" query.
# The list's "year said" choices take two queries (the span of article dates, then one EXISTS per
# year) instead of a DISTINCT over every public statement, which at a million statements took seconds.
PAGES = {
    "home": ("/", 7),  # the seventh: the count of overdue pledges, from a partial index
    "list": ("/statements/", 8),
    "filtered list": ("/statements/?kind=pledge&rating=broken&speaker={speaker}&topic={topic}&year=2010&q=nurses", 11),
    # The statement page's sixth query reads the corrections to the statement itself and its article.
    "statement": ("{statement}", 7),
    "article": ("{article}", 4),  # the fourth: corrections to the article's details
    "speaker": ("{speaker_url}", 4),
    "methodology": ("/methodology/", 0),
    "corrections": ("/corrections/", 3),
    "feed": ("/feeds/verdicts/", 3),
    "sitemap index": ("/sitemap.xml", 5),
    "sitemap of statements": ("/sitemap-statements.xml", 3),
    "csv": ("/statements.csv?kind=pledge", 4),
    "json": ("/statements.json", 4),
    "claimreview feed": ("/claimreview.json", 2),
}


def fill(statement) -> dict:
    topic = statement.topics.first()
    return {
        "statement": statement.get_absolute_url(),
        "article": statement.article.get_absolute_url(),
        "speaker": statement.speaker.slug,
        "speaker_url": statement.speaker.get_absolute_url(),
        "topic": topic.slug if topic else "",
    }


@pytest.mark.parametrize("page", PAGES)
def test_page_makes_a_constant_number_of_queries(client, django_assert_num_queries, page):
    template, expected = PAGES[page]
    statements = newsroom(3)
    url = template.format(**fill(statements[1]))
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200
    newsroom(24)
    cache.clear()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_a_cached_page_costs_no_query(client, django_assert_num_queries):
    newsroom(3)
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_publishing_a_verdict_shows_on_every_page_at_once(client, editor):
    statement = public_statement(rating=Rating.IN_THE_WORKS)
    urls = ["/", "/statements/", statement.get_absolute_url(), "/feeds/verdicts/", "/statements.json"]
    for url in urls:
        assert "Promise delivered in full" not in client.get(url).content.decode()
    verdict = draft_verdict(
        statement=statement,
        rating=Rating.KEPT,
        headline="Promise delivered in full",
        explanation="All hired.",
        checked_on=datetime.date.today(),
        sources=[SourceData(title="Figures", url="https://example.org/figures")],
    )
    assert "Promise delivered in full" not in client.get(statement.get_absolute_url()).content.decode()
    publish_verdict(verdict=verdict, publisher=editor)
    for url in urls:
        assert "Promise delivered in full" in client.get(url).content.decode(), url


def test_a_correction_shows_at_once(client):
    statement = public_statement()
    client.get(reverse("factcheck:corrections"))
    client.get(statement.get_absolute_url())
    Correction.objects.create(verdict=statement.verdicts.get(), note="We got the date wrong.")
    assert "We got the date wrong." in client.get(reverse("factcheck:corrections")).content.decode()
    assert "We got the date wrong." in client.get(statement.get_absolute_url()).content.decode()


def test_unpublishing_removes_a_statement_at_once(client, editor):
    statement = public_statement()
    assert client.get(statement.get_absolute_url()).status_code == 200
    unpublish_verdict(verdict=statement.verdicts.get(), editor=editor, note="Withdrawn.")
    assert client.get(statement.get_absolute_url()).status_code == 404
    assert statement.title not in client.get("/").content.decode()


def test_the_filtered_list_in_the_query_count_test_has_results(client):
    statements = newsroom(3)
    url = PAGES["filtered list"][0].format(**fill(statements[1]))
    assert client.get(url).context_data["page_obj"].paginator.count == 1


def test_with_the_cache_off_pages_are_neither_read_from_nor_written_to_it(client, settings, editor):
    statement = public_statement(rating=Rating.IN_THE_WORKS)
    client.get(statement.get_absolute_url())  # stored, with the cache on
    settings.PLEDGEBOOK_PUBLIC_CACHE_SECONDS = 0
    verdict = statement.verdicts.get()
    Verdict.objects.filter(pk=verdict.pk).update(headline="Changed behind the stamp's back")
    assert "Changed behind the stamp" in client.get(statement.get_absolute_url()).content.decode()
    cache.clear()
    client.get(statement.get_absolute_url())
    settings.PLEDGEBOOK_PUBLIC_CACHE_SECONDS = 300
    Verdict.objects.filter(pk=verdict.pk).update(headline="Changed again")
    assert "Changed again" in client.get(statement.get_absolute_url()).content.decode()
