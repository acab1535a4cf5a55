"""ClaimReview JSON-LD, read out of the HTML by a real structured-data extractor (extruct)."""

import datetime
import json

import extruct
import pytest
from django.urls import reverse

from factcheck.scales import Kind, Rating
from tests.factories import PublishedVerdictFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _newsroom(settings):
    settings.PLEDGEBOOK_NEWSROOM_NAME = "The Daily Check"
    settings.PLEDGEBOOK_NEWSROOM_URL = "https://dailycheck.example"
    settings.PLEDGEBOOK_SITE_URL = "https://pledges.dailycheck.example"


def claim_reviews(html: str, url: str) -> list[dict]:
    data = extruct.extract(html, base_url=url, syntaxes=["json-ld"])["json-ld"]
    return [item for item in data if item.get("@type") == "ClaimReview"]


def test_statement_page_has_exactly_one_claimreview_that_matches_the_page(client):
    statement = public_statement(rating=Rating.IN_THE_WORKS, year=2010, title="Hire nurses")
    PublishedVerdictFactory(
        statement=statement, rating=Rating.KEPT, headline="All hired", checked_on=datetime.date(2011, 1, 1)
    )
    response = client.get(statement.get_absolute_url())
    html = response.content.decode()
    url = f"https://pledges.dailycheck.example{statement.get_absolute_url()}"
    [review] = claim_reviews(html, url)

    assert review["url"] == url
    assert f'<link rel="canonical" href="{url}">' in html
    assert review["claimReviewed"] == statement.quote
    assert statement.quote in html
    rating = review["reviewRating"]
    assert rating["alternateName"] == "Kept"
    assert '<span class="badge badge-kept">Kept</span>' in html
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (5, 5, 1)
    assert review["author"] == {"@type": "Organization", "name": "The Daily Check", "url": "https://dailycheck.example"}
    claim = review["itemReviewed"]
    assert claim["@type"] == "Claim"
    assert claim["author"]["name"] == statement.speaker.name
    assert claim["appearance"]["url"] == claim["firstAppearance"]["url"]
    assert claim["appearance"]["headline"] == statement.article.title
    assert claim["datePublished"] == "2010-06-15"
    context = response.context_data
    assert review["datePublished"] == context["statement"].first_published_at.date().isoformat()
    assert review["dateModified"] == context["statement"].last_update_at.date().isoformat()
    assert review["headline"] == "All hired"


@pytest.mark.parametrize(
    ("kind", "rating", "label"),
    [
        (Kind.PLEDGE, Rating.NOT_YET_RATED, "Not yet rated"),
        (Kind.CRITICISM, Rating.UNVERIFIABLE, "Unverifiable (opinion)"),
    ],
)
def test_ratings_that_judge_nothing_keep_their_name_but_no_number(client, kind, rating, label):
    statement = public_statement(kind=kind, rating=rating)
    [review] = claim_reviews(client.get(statement.get_absolute_url()).content.decode(), "https://x.example/")
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": label}


def test_criticism_scale_values(client):
    statement = public_statement(kind=Kind.CRITICISM, rating=Rating.PARTLY_BORNE_OUT)
    [review] = claim_reviews(client.get(statement.get_absolute_url()).content.decode(), "https://x.example/")
    rating = review["reviewRating"]
    assert (rating["ratingValue"], rating["bestRating"], rating["worstRating"]) == (2, 3, 1)


def test_json_ld_cannot_be_broken_out_of(client):
    statement = public_statement(title="</script><script>alert(1)</script>")
    html = client.get(statement.get_absolute_url()).content.decode()
    head = html.split("</head>")[0]
    assert "</script><script>alert(1)" not in head
    [review] = claim_reviews(html, "https://x.example/")
    assert review["name"] == "</script><script>alert(1)</script>"


def test_claimreview_feed_lists_the_current_review_of_every_public_statement(client):
    first = public_statement(rating=Rating.KEPT)
    second = public_statement(kind=Kind.CRITICISM, rating=Rating.NOT_BORNE_OUT)
    response = client.get(reverse("factcheck:claimreview_feed"))
    feed = json.loads(response.content)
    assert feed["@type"] == "DataFeed"
    by_url = {item["url"]: item for item in feed["dataFeedElement"]}
    base = "https://pledges.dailycheck.example"
    assert by_url[base + first.get_absolute_url()]["reviewRating"]["alternateName"] == "Kept"
    assert by_url[base + second.get_absolute_url()]["reviewRating"]["alternateName"] == "Not borne out"
    page = claim_reviews(client.get(first.get_absolute_url()).content.decode(), base)[0]
    page.pop("@context")
    assert by_url[base + first.get_absolute_url()] == page
