"""Four eyes on the content: the editor who publishes must not have written any of what readers will see."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factcheck.publishing import PublishingError, SourceData, publish_verdict, update_draft, writers_of
from tests.factories import EditorFactory, SourceFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def edit(verdict, editor, **changes):
    """Save a draft through the service with some of its content changed."""
    values = {name: getattr(verdict, name) for name in ("rating", "headline", "explanation", "checked_on")}
    values.update(changes)
    return update_draft(verdict=verdict, editor=editor, **values)


@pytest.fixture
def draft(fact_checker):
    """A fact-checker's sourced draft, written through the history as the desk writes it."""
    verdict = SourceFactory(verdict__author=fact_checker).verdict
    return edit(verdict, fact_checker, headline="Recruitment has started")


def test_an_editor_who_rewrote_a_draft_cannot_publish_it(draft, editor):
    edit(draft, editor, headline="Hiring is well under way", explanation="The department's figures show it.")
    with pytest.raises(PublishingError, match="You wrote or changed its headline and explanation"):
        publish_verdict(verdict=draft, publisher=editor)
    draft.refresh_from_db()
    assert not draft.is_published


def test_a_second_editor_publishes_what_the_first_editor_rewrote(draft, editor):
    edit(draft, editor, headline="Hiring is well under way")
    other = EditorFactory(username="olga")
    publish_verdict(verdict=draft, publisher=other)
    draft.refresh_from_db()
    assert draft.is_published and draft.publisher == other


def test_an_editor_who_only_changed_the_sources_is_a_writer_too(draft, editor):
    sources = [SourceData.of(source) for source in draft.sources.all()]
    update_draft(
        verdict=draft,
        editor=editor,
        rating=draft.rating,
        headline=draft.headline,
        explanation=draft.explanation,
        checked_on=draft.checked_on,
        sources=[*sources, SourceData(title="Hansard", url="https://example.org/hansard")],
    )
    with pytest.raises(PublishingError, match="its sources"):
        publish_verdict(verdict=draft, publisher=editor)


def test_saving_a_draft_unchanged_does_not_make_the_editor_a_writer(draft, editor):
    edit(draft, editor)
    assert [entry.name for entry in writers_of([draft])[draft.pk]] == ["fiona"]
    publish_verdict(verdict=draft, publisher=editor)


def test_the_author_always_counts_even_without_history(editor):
    verdict = SourceFactory(verdict__author=editor).verdict  # factories write no history user
    with pytest.raises(PublishingError, match="another editor must check and publish it"):
        publish_verdict(verdict=verdict, publisher=editor)


@override_settings(PLEDGEBOOK_ALLOW_SELF_PUBLISH=True)
def test_small_desks_may_publish_what_they_rewrote(draft, editor):
    edit(draft, editor, headline="Hiring is well under way")
    publish_verdict(verdict=draft, publisher=editor)
    draft.refresh_from_db()
    assert draft.is_published


def test_who_wrote_what_takes_five_queries_for_any_number_of_drafts(fact_checker, editor):
    drafts = [SourceFactory(verdict__author=fact_checker).verdict for _ in range(5)]
    for verdict in drafts:
        edit(verdict, editor, checked_on=datetime.date(2010, 3, 17))
    with CaptureQueriesContext(connection) as queries:
        writers = writers_of(drafts)
    # Verdicts' and sources' history, statements never public and their history, authors with no history.
    assert len(queries) == 5
    assert all(
        {entry.name: entry.described for entry in writers[verdict.pk]}
        == {"eddie": "checked-on date", "fiona": "rating, headline, explanation, checked-on date and sources"}
        for verdict in drafts
    )


def change_data(verdict, **overrides) -> dict:
    rows = list(verdict.sources.all())
    data = {
        "rating": verdict.rating,
        "headline": verdict.headline,
        "explanation": verdict.explanation,
        "checked_on": verdict.checked_on.strftime("%d/%m/%Y"),
        "opened_version": verdict.version,
        "sources-TOTAL_FORMS": str(len(rows)),
        "sources-INITIAL_FORMS": str(len(rows)),
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
    }
    for index, source in enumerate(rows):
        data.update(
            {
                f"sources-{index}-id": source.pk,
                f"sources-{index}-verdict": verdict.pk,
                f"sources-{index}-order": source.order,
                f"sources-{index}-title": source.title,
                f"sources-{index}-url": source.url,
            }
        )
    data.update(overrides)
    return data


def test_the_bypass_found_in_review_is_closed_in_the_admin(client, fact_checker, editor):
    """A fact-checker drafts; an editor rewrites the headline and explanation, then tries to publish."""
    verdict = VerdictFactory(author=fact_checker)
    SourceFactory(verdict=verdict)
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_verdict_change", args=[verdict.pk]),
        change_data(verdict, headline="Editor's headline", explanation="Editor's words."),
    )
    assert response.status_code == 302
    publish_url = reverse("admin:factcheck_verdict_publish", args=[verdict.pk])
    page = client.get(publish_url).content.decode()
    assert "You wrote or changed its headline and explanation: another editor must check and publish it." in page
    assert "Yes, publish it" not in page
    assert "<strong>eddie</strong> wrote or changed the headline and explanation" in page
    assert "<strong>fiona</strong> wrote or changed the rating, headline, explanation" in page
    response = client.post(publish_url, {"opened_version": verdict.version + 1})
    assert any("another editor must check" in str(m) for m in get_messages(response.wsgi_request))
    verdict.refresh_from_db()
    assert not verdict.is_published


def test_the_verdict_page_says_what_stands_in_the_way_and_offers_no_publish_link(client, fact_checker, editor):
    verdict = VerdictFactory(author=editor)
    client.force_login(editor)
    page = client.get(reverse("admin:factcheck_verdict_change", args=[verdict.pk])).content.decode()
    assert "Before this draft can be published:" in page
    assert "It needs at least one source: a verdict rated In the works must show readers what we checked." in page
    assert "another editor must check and publish it" in page
    assert "desk-publish-link" not in page


def test_publishing_or_withdrawing_writes_nothing_and_the_pages_stay_up(client, draft, editor):
    """An editor who only published and withdrew a verdict is not one of its writers (found in review:
    an empty contribution broke the dashboard, the verdict page and the publish page)."""
    from factcheck.publishing import unpublish_verdict

    publish_verdict(verdict=draft, publisher=editor)
    unpublish_verdict(verdict=draft, editor=editor, note="Withdrawn while we recheck the figures.")
    assert [entry.name for entry in writers_of([draft])[draft.pk]] == ["fiona"]
    client.force_login(editor)
    for url in (
        reverse("admin:desk"),
        reverse("admin:factcheck_verdict_change", args=[draft.pk]),
        reverse("admin:factcheck_verdict_publish", args=[draft.pk]),
    ):
        assert client.get(url).status_code == 200, url
    publish_verdict(verdict=draft, publisher=editor)


def test_the_editor_who_tagged_a_statement_does_not_publish_its_first_verdict(editor, fact_checker):
    """What the first publication makes public of the statement (title, quote, criteria) has writers too."""
    from factcheck.followup import set_follow_up
    from factcheck.scales import Kind
    from factcheck.tagging import tag_statement
    from tests.factories import ArticleFactory, SpeakerFactory

    article = ArticleFactory(body="The minister said 200 places will be created by 2011.")
    statement = tag_statement(
        article=article, speaker=SpeakerFactory(), kind=Kind.PLEDGE, title="200 places", quote="200 places", user=editor
    )
    verdict = SourceFactory(verdict__statement=statement, verdict__author=fact_checker).verdict
    with pytest.raises(PublishingError, match="statement's title, quote"):
        publish_verdict(verdict=verdict, publisher=editor)
    other = EditorFactory(username="olga")
    set_follow_up(statement=statement, deadline_text="", success_criteria="Places filled.", user=other)
    with pytest.raises(PublishingError, match="success criteria"):
        publish_verdict(verdict=verdict, publisher=other)
    publish_verdict(verdict=verdict, publisher=EditorFactory(username="third"))
