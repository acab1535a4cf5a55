"""The statement, article, speaker, methodology and corrections pages, and their 404s."""

import datetime

import pytest
from django.urls import reverse

from factcheck.models import Correction
from factcheck.publishing import refresh_current_verdict
from factcheck.scales import CRITICISM_SCALE, PLEDGE_SCALE, Kind, Rating
from tests.factories import ArticleFactory, PublishedVerdictFactory, SourceFactory, StatementFactory, VerdictFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

BODY = (
    "The minister spoke at length. Critics were unconvinced. "
    "We will hire 1,000 new nurses by 2030. The money comes from the reserve.\n\n"
    "<b>Another</b> paragraph follows."
)


def statement_with_timeline():
    article = ArticleFactory(body=BODY, original_text=BODY, source_url="https://news.example/story")
    start = BODY.index("We will")
    end = BODY.index("2030.") + 5
    statement = StatementFactory(article=article, start=start, end=end, quote=BODY[start:end], title="1,000 nurses")
    first = PublishedVerdictFactory(
        statement=statement, rating=Rating.NOT_YET_RATED, headline="Too early", checked_on=datetime.date(2010, 1, 5)
    )
    latest = PublishedVerdictFactory(
        statement=statement,
        rating=Rating.COMPROMISE,
        headline="Half the nurses hired",
        explanation="First paragraph, see https://example.org/figures.\n\nSecond <em>paragraph</em>.",
        checked_on=datetime.date(2010, 3, 17),
    )
    SourceFactory(verdict=latest, title="NHS workforce figures", order=1)
    SourceFactory(verdict=latest, title="Department press release", order=2)
    Correction.objects.create(verdict=latest, note="We misstated the month.")
    refresh_current_verdict(statement)  # as publishing.correct_verdict does
    return statement, first, latest


def test_statement_page_shows_quote_in_context_rating_meaning_and_timeline(client):
    statement, _, _ = statement_with_timeline()
    response = client.get(statement.get_absolute_url())
    content = response.content.decode()
    assert "Critics were unconvinced." in content  # the sentence before
    assert "The money comes from the reserve." in content  # the sentence after
    assert f'href="{statement.article.get_absolute_url()}#statement-{statement.slug}"' in content
    assert PLEDGE_SCALE.step(Rating.COMPROMISE).meaning in content
    assert content.index("Half the nurses hired") < content.index("Too early")  # newest first
    assert "17 March 2010" in content and "5 January 2010" in content
    assert content.index("NHS workforce figures") < content.index("Department press release")
    assert "We misstated the month." in content


def test_explanation_is_escaped_split_into_paragraphs_and_links_made_clickable(client):
    statement, _, _ = statement_with_timeline()
    content = client.get(statement.get_absolute_url()).content.decode()
    assert '<a href="https://example.org/figures"' in content
    assert "<p>Second &lt;em&gt;paragraph&lt;/em&gt;.</p>" in content


def test_statement_page_has_canonical_and_open_graph_tags(client, settings):
    settings.PLEDGEBOOK_SITE_URL = "https://pledges.example"
    statement, _, _ = statement_with_timeline()
    content = client.get(statement.get_absolute_url()).content.decode()
    url = f"https://pledges.example{statement.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in content
    assert f'<meta property="og:url" content="{url}">' in content
    assert '<meta property="og:title" content="1,000 nurses: Compromise">' in content


def test_article_page_escapes_the_body_and_marks_each_public_statement(client):
    statement, _, _ = statement_with_timeline()
    draft_only = StatementFactory(
        article=statement.article, start=0, end=BODY.index(".") + 1, quote=BODY[: BODY.index(".") + 1]
    )
    VerdictFactory(statement=draft_only)
    content = client.get(statement.article.get_absolute_url()).content.decode()
    assert "&lt;b&gt;Another&lt;/b&gt;" in content
    assert f'id="statement-{statement.slug}"' in content
    assert f'<a href="{statement.get_absolute_url()}">We will hire 1,000 new nurses by 2030.</a>' in content
    assert "Pledge · Compromise" in content
    assert f'id="statement-{draft_only.slug}"' not in content
    assert draft_only.get_absolute_url() not in content


def test_article_without_public_statements_is_not_found(client):
    draft = VerdictFactory()
    assert client.get(draft.statement.article.get_absolute_url()).status_code == 404


def test_speaker_page_has_a_scoreboard_and_their_statements(client):
    statement = public_statement(rating=Rating.KEPT, title="Kept pledge")
    public_statement(speaker=statement.speaker, kind=Kind.CRITICISM, title="Their criticism")
    response = client.get(statement.speaker.get_absolute_url())
    content = response.content.decode()
    assert "Kept pledge" in content and "Their criticism" in content
    pledges = next(score for score in response.context_data["scores"] if score.kind == Kind.PLEDGE)
    assert {row.step.rating: row.count for row in pledges.ratings}[Rating.KEPT] == 1
    assert f"?kind=pledge&amp;rating=kept&amp;speaker={statement.speaker.slug}" in content


def test_speaker_with_only_draft_statements_is_not_found(client):
    draft = VerdictFactory()
    assert client.get(draft.statement.speaker.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/statements/no-such-thing/", "/articles/no-such-thing/", "/speakers/no-such-thing/", "/preview/statements/x/"],
)
def test_unknown_addresses_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_methodology_is_generated_from_the_scales(client):
    content = client.get(reverse("factcheck:methodology")).content.decode()
    for scale in (PLEDGE_SCALE, CRITICISM_SCALE):
        for step in scale.steps:
            assert step.meaning in content
            assert f'id="{scale.kind}-{step.rating.value}"' in content


def test_corrections_page_lists_public_corrections_newest_first(client):
    older = PublishedVerdictFactory()
    newer = PublishedVerdictFactory()
    Correction.objects.create(verdict=older, note="Older correction")
    Correction.objects.create(verdict=newer, note="Newer correction")
    content = client.get(reverse("factcheck:corrections")).content.decode()
    assert content.index("Newer correction") < content.index("Older correction")


def test_tracker_scoreboard_counts_current_ratings_per_kind(client):
    public_statement(rating=Rating.KEPT)
    public_statement(rating=Rating.KEPT)
    public_statement(rating=Rating.BROKEN)
    public_statement(kind=Kind.CRITICISM, rating=Rating.NOT_BORNE_OUT)
    response = client.get(reverse("factcheck:home"))
    scores = {
        score.kind: {row.step.rating: row.count for row in score.ratings} for score in response.context_data["scores"]
    }
    assert scores[Kind.PLEDGE][Rating.KEPT] == 2
    assert scores[Kind.PLEDGE][Rating.BROKEN] == 1
    assert scores[Kind.CRITICISM][Rating.NOT_BORNE_OUT] == 1
    content = response.content.decode()
    assert 'role="img"' in content and "<desc" in content  # the chart is described for screen readers
    assert "?kind=pledge&amp;rating=kept" in content


def test_chart_follows_ratings_month_by_month(client):
    statement = public_statement(rating=Rating.IN_THE_WORKS, year=2010)  # checked 1 September 2010
    PublishedVerdictFactory(statement=statement, rating=Rating.KEPT, checked_on=datetime.date(2011, 2, 3))
    chart = client.get(reverse("factcheck:home")).context_data["chart"]
    assert [snapshot.day for snapshot in chart.snapshots] == [datetime.date(2010, 9, 30), datetime.date(2011, 2, 28)]
    first, last = ({s.step.rating: s.count for s in snap.segments} for snap in chart.snapshots)
    assert first[Rating.IN_THE_WORKS] == 1 and first[Rating.KEPT] == 0
    assert last[Rating.KEPT] == 1 and last[Rating.IN_THE_WORKS] == 0


def test_an_article_cited_as_a_source_has_a_page_but_one_cited_only_by_a_draft_does_not(client):
    """Found in review: "Use as source" cites a later article, and the verdict's link to it was a 404."""
    from tests.factories import ArticleFactory, SourceFactory, VerdictFactory
    from tests.public_data import public_statement

    later = ArticleFactory(title="Later report")
    statement = public_statement()
    SourceFactory(verdict=statement.current_verdict, article=later, url="")
    page = client.get(later.get_absolute_url())
    assert page.status_code == 200 and "We cite this article as evidence" in page.content.decode()
    unseen = ArticleFactory(title="Cited only by a draft")
    SourceFactory(verdict=VerdictFactory(), article=unseen, url="")
    assert client.get(unseen.get_absolute_url()).status_code == 404
