"""Verdicts in the admin: scale-limited ratings, drafting with sources, publishing, corrections, deletion."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse

from factcheck.models import Correction, Verdict
from factcheck.scales import Kind, Rating
from tests.factories import (
    ArticleFactory,
    PublishedVerdictFactory,
    SourceFactory,
    StatementFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("admin:factcheck_verdict_add")


def change_url(verdict):
    return reverse("admin:factcheck_verdict_change", args=[verdict.pk])


def publish_url(verdict):
    return reverse("admin:factcheck_verdict_publish", args=[verdict.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def sources_management(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "sources-TOTAL_FORMS": str(len(rows)),
        "sources-INITIAL_FORMS": str(initial),
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"sources-{index}-{key}": value for key, value in row.items()})
    return data


def verdict_data(statement, **overrides) -> dict:
    data = {
        "statement": statement.pk,
        "rating": Rating.IN_THE_WORKS,
        "headline": "Hiring has started",
        "explanation": "First paragraph.\n\nSee https://example.org/report.",
        "checked_on": "17/03/2010",
        **sources_management([]),
    }
    data.update(overrides)
    return data


def existing_sources(verdict) -> dict:
    """The source rows the change form shows for the verdict's sources, as the browser posts them back."""
    rows = [
        {"id": s.pk, "verdict": verdict.pk, "order": s.order, "title": s.title, "url": s.url, "quote": s.quote}
        for s in verdict.sources.all()
    ]
    return sources_management(rows, initial=len(rows))


def change_data(verdict, **overrides) -> dict:
    data = {
        "rating": verdict.rating,
        "headline": verdict.headline,
        "explanation": verdict.explanation,
        "checked_on": verdict.checked_on.strftime("%d/%m/%Y"),
        "opened_version": verdict.version,
        **existing_sources(verdict),
    }
    data.update(overrides)
    return data


def test_rating_choices_are_the_statement_kinds_scale(client, fact_checker):
    client.force_login(fact_checker)
    pledge = StatementFactory(kind=Kind.PLEDGE)
    criticism = StatementFactory(kind=Kind.CRITICISM)
    pledge_choices = dict(
        client.get(add_url(), {"statement": pledge.pk}).context["adminform"].form.fields["rating"].widget.choices
    )
    assert Rating.KEPT in pledge_choices and Rating.BORNE_OUT not in pledge_choices
    criticism_choices = dict(
        client.get(add_url(), {"statement": criticism.pk}).context["adminform"].form.fields["rating"].widget.choices
    )
    assert Rating.BORNE_OUT in criticism_choices and Rating.KEPT not in criticism_choices


def test_without_a_statement_the_menu_groups_the_two_scales(client, fact_checker):
    client.force_login(fact_checker)
    choices = client.get(add_url()).context["adminform"].form.fields["rating"].widget.choices
    assert [group for group, _ in choices[1:]] == ["Pledge scale", "Criticism scale"]


def test_the_scale_endpoint_gives_a_statements_ratings(client, fact_checker):
    client.force_login(fact_checker)
    criticism = StatementFactory(kind=Kind.CRITICISM)
    scale = client.get(reverse("admin:factcheck_verdict_scale", args=[criticism.pk])).json()
    assert scale["kind"] == "criticism" and ["borne-out", "Borne out"] in scale["choices"]


def test_a_new_verdict_is_checked_today_unless_the_editor_says_otherwise(client, fact_checker):
    client.force_login(fact_checker)
    form = client.get(add_url()).context["adminform"].form
    assert form.initial["checked_on"] == datetime.date.today()


def test_rating_from_the_other_scale_is_refused(client, fact_checker):
    client.force_login(fact_checker)
    statement = StatementFactory(kind=Kind.CRITICISM)
    response = client.post(add_url(), verdict_data(statement, rating=Rating.KEPT))
    assert response.status_code == 200
    assert (
        "Kept is a pledge rating; a criticism is rated Not yet rated, Borne out, Partly borne out, "
        "Not borne out or Unverifiable (opinion)." in response.content.decode()
    )
    assert not Verdict.objects.exists()


def test_raw_html_in_the_explanation_is_refused(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(add_url(), verdict_data(StatementFactory(), explanation="<p>Done</p>"))
    assert "Write plain text, not HTML" in response.content.decode()
    assert not Verdict.objects.exists()


def test_fact_checker_drafts_a_verdict_with_ordered_sources_through_the_service(client, fact_checker):
    client.force_login(fact_checker)
    statement = StatementFactory()
    cited = ArticleFactory()
    rows = [
        {"order": "2", "title": "Second", "url": "https://example.org/2", "quote": ""},
        {"order": "1", "title": "First", "url": "", "article": str(cited.pk), "quote": "Hiring began."},
        {"order": "", "title": "", "url": "", "quote": ""},  # an untouched extra row, as the browser sends it
    ]
    response = client.post(add_url(), verdict_data(statement, **sources_management(rows)))
    assert response.status_code == 302, (
        response.context["errors"],
        response.context["inline_admin_formsets"][0].formset.errors,
    )
    verdict = Verdict.objects.get()
    assert verdict.status == Verdict.Status.DRAFT
    assert verdict.author == fact_checker
    assert list(verdict.sources.values_list("order", "title", "article")) == [
        (1, "First", cited.pk),
        (2, "Second", None),
    ]


def test_a_source_with_both_a_web_address_and_an_article_is_refused(client, fact_checker):
    client.force_login(fact_checker)
    rows = [{"order": "1", "title": "Both", "url": "https://example.org", "article": str(ArticleFactory().pk)}]
    response = client.post(add_url(), verdict_data(StatementFactory(), **sources_management(rows)))
    assert "either a web address or an article" in response.content.decode()
    assert not Verdict.objects.exists()


def test_publish_page_shows_the_verdict_as_readers_will_see_it_and_changes_nothing(client, editor, fact_checker):
    verdict = SourceFactory(verdict__author=fact_checker, verdict__explanation="See https://example.org/x.").verdict
    client.force_login(editor)
    html = client.get(publish_url(verdict)).content.decode()
    assert "As readers will see it" in html
    assert verdict.headline in html
    assert '<a href="https://example.org/x" rel="nofollow">https://example.org/x</a>' in html
    assert "Department of Health press release" in html
    verdict.refresh_from_db()
    assert not verdict.is_published


def test_editor_publishes_from_the_confirmation_page(client, editor, fact_checker):
    verdict = SourceFactory(verdict__author=fact_checker).verdict
    client.force_login(editor)
    response = client.post(publish_url(verdict), {"opened_version": verdict.version})
    assert response.status_code == 302
    assert any(m.startswith("Published.") for m in messages_of(response))
    verdict.refresh_from_db()
    assert verdict.is_published and verdict.publisher == editor and verdict.version == 2


@pytest.mark.parametrize(
    ("make_verdict", "message"),
    [
        (lambda author: VerdictFactory(author=author, rating=Rating.KEPT), "at least one source"),
        (lambda author: PublishedVerdictFactory(author=author), "already published"),
    ],
)
def test_publishing_refusals_are_shown_as_messages_and_change_nothing(
    client, editor, fact_checker, make_verdict, message
):
    verdict = make_verdict(fact_checker)
    before = Verdict.objects.values().get(pk=verdict.pk)
    client.force_login(editor)
    response = client.post(publish_url(verdict), {"opened_version": 1})
    assert response.status_code == 302
    assert any(message in m for m in messages_of(response))
    assert Verdict.objects.values().get(pk=verdict.pk) == before


def test_publish_page_says_what_stands_in_the_way_and_offers_no_button(client, editor, fact_checker):
    verdict = VerdictFactory(author=fact_checker, rating=Rating.KEPT)
    client.force_login(editor)
    response = client.get(publish_url(verdict))
    html = response.content.decode()
    assert response.status_code == 200
    assert "It needs at least one source: a verdict rated Kept must show readers what we checked." in html
    assert "Yes, publish it" not in html


def test_editor_cannot_publish_their_own_verdict(client, editor):
    verdict = SourceFactory(verdict__author=editor).verdict
    client.force_login(editor)
    response = client.post(publish_url(verdict), {"opened_version": verdict.version})
    assert any("another editor must check and publish it" in m for m in messages_of(response))
    verdict.refresh_from_db()
    assert not verdict.is_published


@override_settings(PLEDGEBOOK_ALLOW_SELF_PUBLISH=True)
def test_small_desks_let_an_editor_publish_their_own_verdict(client, editor):
    verdict = SourceFactory(verdict__author=editor).verdict
    client.force_login(editor)
    client.post(publish_url(verdict), {"opened_version": verdict.version})
    verdict.refresh_from_db()
    assert verdict.is_published


def test_publishing_a_draft_changed_since_the_preview_is_refused(client, editor, fact_checker):
    verdict = SourceFactory(verdict__author=fact_checker).verdict
    client.force_login(fact_checker)
    client.post(change_url(verdict), change_data(verdict, headline="Changed after the preview"))
    client.force_login(editor)
    response = client.post(publish_url(verdict), {"opened_version": 1})
    assert any("Changed by fiona at" in m for m in messages_of(response))
    verdict.refresh_from_db()
    assert not verdict.is_published and verdict.headline == "Changed after the preview"


def test_publish_action_sends_a_single_verdict_to_its_confirmation_page(client, editor, fact_checker):
    verdicts = [SourceFactory(verdict__author=fact_checker).verdict for _ in range(2)]
    client.force_login(editor)
    changelist = reverse("admin:factcheck_verdict_changelist")
    response = client.post(changelist, {"action": "publish_selected", "_selected_action": [verdicts[0].pk]})
    assert response["Location"] == publish_url(verdicts[0])
    response = client.post(changelist, {"action": "publish_selected", "_selected_action": [v.pk for v in verdicts]})
    assert any("one verdict at a time" in m for m in messages_of(response))
    assert not Verdict.objects.published().exists()


# Corrections ------------------------------------------------------------------


def test_changing_a_published_verdict_without_a_note_is_refused(client, editor):
    verdict = PublishedVerdictFactory()
    client.force_login(editor)
    response = client.post(change_url(verdict), change_data(verdict, headline="Quietly changed"))
    assert "write a correction note" in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.headline != "Quietly changed" and not Correction.objects.exists()


def test_correcting_a_published_verdict_records_the_change_note_and_editor(client, editor):
    verdict = PublishedVerdictFactory(rating=Rating.IN_THE_WORKS)
    client.force_login(editor)
    response = client.post(
        change_url(verdict),
        change_data(verdict, rating=Rating.STALLED, correction_note="We misread the figures."),
    )
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert verdict.rating == Rating.STALLED and verdict.is_published and verdict.version == 2
    correction = Correction.objects.get()
    assert correction.note == "We misread the figures."
    assert correction.editor == editor
    assert correction.changes == {"rating": [Rating.IN_THE_WORKS.value, Rating.STALLED.value]}
    public = client.get(verdict.statement.get_absolute_url()).content.decode()
    assert "We misread the figures." in public


def test_a_note_without_a_change_is_refused(client, editor):
    verdict = PublishedVerdictFactory()
    client.force_login(editor)
    response = client.post(change_url(verdict), change_data(verdict, correction_note="Nothing really"))
    assert "Nothing was changed" in response.content.decode()
    assert not Correction.objects.exists()


def test_fact_checker_sees_a_published_verdict_read_only(client, fact_checker):
    verdict = PublishedVerdictFactory()
    client.force_login(fact_checker)
    response = client.get(change_url(verdict))
    assert response.status_code == 200
    assert 'name="headline"' not in response.content.decode()
    client.post(change_url(verdict), change_data(verdict, headline="Changed", correction_note="x"))
    verdict.refresh_from_db()
    assert verdict.headline != "Changed"


def test_sources_of_a_published_verdict_cannot_be_edited(client, editor):
    source = SourceFactory(verdict=PublishedVerdictFactory())
    client.force_login(editor)
    html = client.get(change_url(source.verdict)).content.decode()
    assert 'name="sources-0-title"' not in html
    assert "Department of Health press release" in html


def test_editor_unpublishes_with_a_public_note(client, editor):
    verdict = PublishedVerdictFactory()
    client.force_login(editor)
    url = reverse("admin:factcheck_verdict_unpublish", args=[verdict.pk])
    response = client.post(url, {"note": "", "opened_version": verdict.version})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    response = client.post(url, {"note": "The source was withdrawn.", "opened_version": verdict.version})
    assert response.status_code == 302
    verdict.refresh_from_db()
    assert not verdict.is_published
    assert Correction.objects.get().changes == {"status": ["published", "draft"]}
    assert client.get(verdict.statement.get_absolute_url()).status_code == 404


# Deletion ---------------------------------------------------------------------


def test_deleting_a_published_verdict_is_refused_with_a_message(client, editor):
    verdict = PublishedVerdictFactory()
    client.force_login(editor)
    response = client.post(reverse("admin:factcheck_verdict_delete", args=[verdict.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert any("is published, so it cannot be deleted" in m for m in messages_of(response))
    assert Verdict.objects.filter(pk=verdict.pk).exists()


def test_bulk_delete_refuses_when_any_verdict_is_published(client, editor):
    published, draft = PublishedVerdictFactory(), VerdictFactory()
    client.force_login(editor)
    response = client.post(
        reverse("admin:factcheck_verdict_changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk, draft.pk], "post": "yes"},
    )
    assert "is published, so it cannot be deleted" in response.content.decode()
    assert Verdict.objects.count() == 2


def test_editor_may_delete_a_draft(client, editor):
    draft = VerdictFactory()
    client.force_login(editor)
    client.post(reverse("admin:factcheck_verdict_delete", args=[draft.pk]), {"post": "yes"})
    assert not Verdict.objects.exists()


def test_deleting_a_statement_with_a_published_verdict_is_refused(client, editor):
    statement = PublishedVerdictFactory().statement
    client.force_login(editor)
    response = client.post(reverse("admin:factcheck_statement_delete", args=[statement.pk]), {"post": "yes"})
    assert any("Readers have seen" in m and "cannot be deleted" in m for m in messages_of(response))
    response = client.post(
        reverse("admin:factcheck_statement_changelist"),
        {"action": "delete_selected", "_selected_action": [statement.pk], "post": "yes"},
    )
    assert "cannot be deleted. An editor can unpublish its verdicts" in response.content.decode()
    assert statement.__class__.objects.filter(pk=statement.pk).exists()


def test_statement_timeline_lists_verdicts_newest_first(client, fact_checker):
    statement = StatementFactory()
    old = PublishedVerdictFactory(statement=statement, checked_on=datetime.date(2010, 1, 1), headline="Old news")
    new = VerdictFactory(statement=statement, checked_on=datetime.date(2011, 1, 1), headline="New draft")
    client.force_login(fact_checker)
    html = client.get(reverse("admin:factcheck_statement_change", args=[statement.pk])).content.decode()
    assert html.index(new.headline) < html.index(old.headline)
    assert f"{add_url()}?statement={statement.pk}" in html
