"""The statement list: each filter, combinations, bad values, pagination and sorting."""

import datetime

import pytest
from django.urls import reverse

from factcheck.models import Statement
from factcheck.publishing import unpublish_verdict
from factcheck.scales import Kind, Rating
from tests.factories import OutletFactory, PublishedVerdictFactory, SpeakerFactory, TopicFactory, VerdictFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

LIST = reverse("factcheck:statement_list")


def listed(client, query: dict) -> tuple[list[str], object]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [statement.title for statement in response.context_data["statements"]], response


def test_kind_filter_keeps_only_that_kind(client):
    public_statement(kind=Kind.PLEDGE, title="A pledge")
    public_statement(kind=Kind.CRITICISM, title="A criticism")
    titles, _ = listed(client, {"kind": "criticism"})
    assert titles == ["A criticism"]


def test_rating_filter_uses_the_current_published_rating(client):
    moved = public_statement(title="Was in the works, now kept")
    PublishedVerdictFactory(statement=moved, rating=Rating.KEPT, checked_on=datetime.date(2011, 1, 1))
    public_statement(title="Still in the works")
    drafted = public_statement(title="Kept only in a draft")
    VerdictFactory(statement=drafted, rating=Rating.KEPT, checked_on=datetime.date(2011, 1, 1))
    assert listed(client, {"rating": "kept"})[0] == ["Was in the works, now kept"]
    assert sorted(listed(client, {"rating": "in-the-works"})[0]) == ["Kept only in a draft", "Still in the works"]


def test_speaker_outlet_topic_and_year_filters(client):
    balls, gove = SpeakerFactory(slug="ed-balls"), SpeakerFactory(slug="michael-gove")
    bbc = OutletFactory(name="BBC News", slug="bbc-news")
    funding = TopicFactory(slug="funding")
    public_statement(title="Balls, BBC, funding, 2010", speaker=balls, outlet=bbc, topics=[funding], year=2010)
    public_statement(title="Gove, 2009", speaker=gove, year=2009)
    assert listed(client, {"speaker": "ed-balls"})[0] == ["Balls, BBC, funding, 2010"]
    assert listed(client, {"outlet": "bbc-news"})[0] == ["Balls, BBC, funding, 2010"]
    assert listed(client, {"topic": "funding"})[0] == ["Balls, BBC, funding, 2010"]
    assert listed(client, {"year": "2009"})[0] == ["Gove, 2009"]


def test_typing_part_of_a_speakers_name_finds_their_statements(client):
    public_statement(title="By Balls", speaker=SpeakerFactory(name="Ed Balls"))
    public_statement(title="By Gove", speaker=SpeakerFactory(name="Michael Gove"))
    titles, response = listed(client, {"speaker_name": "balls"})
    assert titles == ["By Balls"]
    assert "by speakers named like “balls”" in response.content.decode()


def test_the_speaker_filter_is_a_name_box_not_a_menu_of_every_speaker(client):
    for n in range(12):
        public_statement(speaker=SpeakerFactory(name=f"Speaker number {n}"))
    page = client.get(LIST).content.decode()
    assert 'name="speaker_name"' in page
    assert "Speaker number 7" in page  # in the list itself
    assert '<option value="speaker-number' not in page and 'name="speaker"' not in page


def test_a_speaker_chosen_by_link_stays_in_the_form(client):
    balls = SpeakerFactory(name="Ed Balls", slug="ed-balls")
    public_statement(title="By Balls", speaker=balls)
    page = listed(client, {"speaker": "ed-balls"})[1].content.decode()
    assert '<input type="hidden" name="speaker" value="ed-balls"' in page


def test_text_search_finds_title_quote_and_published_verdict_text(client):
    public_statement(title="Practice-based masters degree")
    by_verdict = public_statement(title="Something else")
    PublishedVerdictFactory(statement=by_verdict, explanation="The masters course opened in 2011.")
    public_statement(title="Unrelated pledge")
    assert sorted(listed(client, {"q": "masters"})[0]) == ["Practice-based masters degree", "Something else"]


def test_filters_combine(client):
    balls = SpeakerFactory(slug="ed-balls")
    public_statement(title="Balls pledge kept", speaker=balls, rating=Rating.KEPT)
    public_statement(title="Balls pledge broken", speaker=balls, rating=Rating.BROKEN)
    public_statement(title="Balls criticism", speaker=balls, kind=Kind.CRITICISM)
    public_statement(title="Someone else's kept pledge", rating=Rating.KEPT)
    titles, response = listed(client, {"kind": "pledge", "rating": "kept", "speaker": "ed-balls"})
    assert titles == ["Balls pledge kept"]
    title = response.content.decode().split("<title>")[1].split("</title>")[0]
    assert "Pledges rated Kept by" in title


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"kind": "promise"}, "There is no kind of statement called “promise”"),
        ({"rating": "excellent"}, "There is no rating called “excellent”"),
        ({"speaker": "nobody"}, "We have no speaker “nobody”"),
        ({"outlet": "<script>"}, "We have no outlet “&lt;script&gt;”"),
        ({"topic": "x' OR 1=1"}, "We have no topic"),
        ({"year": "last-year"}, "We have no statements said in “last-year”"),
        ({"sort": "random"}, "We cannot sort by “random”"),
    ],
)
def test_bad_filter_values_give_a_normal_page_with_a_message(client, query, message):
    public_statement(title="Still listed")
    titles, response = listed(client, query)
    assert titles == ["Still listed"]
    assert message in response.content.decode()


def test_a_bad_value_does_not_drop_the_good_filters(client):
    public_statement(title="A pledge", kind=Kind.PLEDGE)
    public_statement(title="A criticism", kind=Kind.CRITICISM)
    assert listed(client, {"kind": "criticism", "rating": "nonsense"})[0] == ["A criticism"]


def test_pagination_keeps_the_filters_and_tolerates_bad_page_numbers(client):
    for n in range(25):
        public_statement(title=f"Pledge {n:02d}", kind=Kind.PLEDGE)
    public_statement(title="A criticism", kind=Kind.CRITICISM)
    titles, response = listed(client, {"kind": "pledge"})
    content = response.content.decode()
    assert len(titles) == 20
    assert "25 statements" in content
    assert "?kind=pledge&amp;page=2" in content
    second, _ = listed(client, {"kind": "pledge", "page": "2"})
    assert len(second) == 5
    assert not set(titles) & set(second)
    assert listed(client, {"kind": "pledge", "page": "99"})[0] == second
    assert listed(client, {"kind": "pledge", "page": "abc"})[0] == titles


def test_sorting_by_latest_update_or_by_date_said(client):
    old_said = public_statement(title="Said 2009, updated last", year=2009)
    public_statement(title="Said 2011, updated first", year=2011)
    PublishedVerdictFactory(statement=old_said, rating=Rating.KEPT)
    assert listed(client, {})[0] == ["Said 2009, updated last", "Said 2011, updated first"]
    assert listed(client, {"sort": "said"})[0] == ["Said 2011, updated first", "Said 2009, updated last"]


def test_filters_are_kept_in_sort_and_export_links_and_in_the_title(client):
    public_statement(title="Hire nurses")
    response = client.get(LIST, {"kind": "pledge", "q": "nurses"})
    content = response.content.decode()
    assert "<title>Pledges matching “nurses” – " in content
    assert (
        "/statements.csv?kind=pledge&amp;q=nurses" in content or "/statements.csv?q=nurses&amp;kind=pledge" in content
    )
    assert "sort=said" in content and "kind=pledge" in content


def test_every_filter_has_a_label(client):
    public_statement()
    response = client.get(LIST)
    form = response.context_data["filterset"].form
    content = response.content.decode()
    for field in form:
        if field.name == "sort" or field.is_hidden:  # sorting is offered as links; a linked speaker is hidden
            continue
        assert f'<label for="{field.id_for_label}">' in content


def test_counts_of_kind_and_rating_lists_agree_with_a_fresh_count(client, editor):
    """Those lists are counted from the running totals; they must match counting the rows."""
    for rating in (Rating.KEPT, Rating.KEPT, Rating.BROKEN):
        public_statement(kind=Kind.PLEDGE, rating=rating)
    public_statement(kind=Kind.CRITICISM, rating=Rating.BORNE_OUT)
    gone = public_statement(kind=Kind.PLEDGE, rating=Rating.KEPT)
    unpublish_verdict(verdict=gone.verdicts.get(), editor=editor, note="Wrong article.")
    queries = [{}, {"kind": "pledge"}, {"rating": "kept"}, {"kind": "pledge", "rating": "broken"}, {"sort": "said"}]
    queries += [{"kind": "criticism", "rating": "kept"}, {"kind": "bogus", "rating": "kept"}]
    for query in queries:
        _, response = listed(client, query)
        valid = {name: value for name, value in query.items() if name != "sort" and value != "bogus"}
        expected = Statement.objects.public().filter(
            **{{"kind": "kind", "rating": "current_rating"}[name]: value for name, value in valid.items()}
        )
        assert response.context_data["page_obj"].paginator.count == expected.count(), query
