"""No lost update: a save made on top of someone else's newer save is refused, nothing overwritten."""

import pytest
import time_machine
from django.urls import reverse

from factcheck.models import Statement, Verdict
from tests.factories import EditorFactory, SpeakerFactory, StatementFactory, VerdictFactory

pytestmark = pytest.mark.django_db


def statement_data(statement, **overrides):
    return {
        "kind": statement.kind,
        "quote": statement.quote,
        "speaker": statement.speaker_id,
        "title": statement.title,
        "opened_version": statement.version,
        **overrides,
    }


def verdict_data(verdict, **overrides):
    return {
        "rating": verdict.rating,
        "headline": verdict.headline,
        "explanation": verdict.explanation,
        "checked_on": verdict.checked_on.strftime("%d/%m/%Y"),
        "opened_version": verdict.version,
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "sources-MIN_NUM_FORMS": "0",
        "sources-MAX_NUM_FORMS": "1000",
        **overrides,
    }


def test_every_successful_statement_save_increments_its_version(client, fact_checker):
    statement = StatementFactory()
    url = reverse("admin:factcheck_statement_change", args=[statement.pk])
    client.force_login(fact_checker)
    assert client.get(url).context["adminform"].form["opened_version"].value() == 1
    assert client.post(url, statement_data(statement, title="Renamed")).status_code == 302
    statement.refresh_from_db()
    assert (statement.title, statement.version) == ("Renamed", 2)


@time_machine.travel("2026-03-02 14:05 +00:00", tick=False)
def test_second_statement_save_is_refused_with_who_and_when(client, fact_checker):
    statement = StatementFactory()
    url = reverse("admin:factcheck_statement_change", args=[statement.pk])
    opened_by_both = statement_data(statement)
    other = EditorFactory(username="olga")
    client.force_login(other)
    client.post(url, {**opened_by_both, "title": "Olga's title"})

    client.force_login(fact_checker)
    response = client.post(url, {**opened_by_both, "title": "Fiona's title", "speaker": SpeakerFactory().pk})
    assert response.status_code == 200
    assert "Changed by olga at 14:05 since you opened it" in response.content.decode()
    statement.refresh_from_db()
    assert (statement.title, statement.version) == ("Olga's title", 2)


@time_machine.travel("2026-07-02 09:30 +00:00", tick=False)
def test_second_verdict_save_is_refused_and_nothing_is_overwritten(client, fact_checker):
    verdict = VerdictFactory()
    url = reverse("admin:factcheck_verdict_change", args=[verdict.pk])
    opened_by_both = verdict_data(verdict)
    client.force_login(EditorFactory(username="olga"))
    assert client.post(url, {**opened_by_both, "headline": "Olga's headline"}).status_code == 302

    client.force_login(fact_checker)
    response = client.post(url, {**opened_by_both, "headline": "Fiona's headline"})
    # Local time is Europe/London: 09:30 UTC is 10:30 BST.
    assert "Changed by olga at 10:30 since you opened it" in response.content.decode()
    verdict.refresh_from_db()
    assert (verdict.headline, verdict.version) == ("Olga's headline", 2)


def test_a_form_without_its_opened_version_is_refused(client, fact_checker):
    statement = StatementFactory()
    client.force_login(fact_checker)
    data = statement_data(statement, title="No version")
    del data["opened_version"]
    response = client.post(reverse("admin:factcheck_statement_change", args=[statement.pk]), data)
    assert "This form lost the version it was opened at: reload the page" in response.content.decode()
    assert Statement.objects.get().title != "No version"


def test_history_records_who_changed_what_and_shows_it_in_the_admin(client, fact_checker):
    verdict = VerdictFactory()
    client.force_login(fact_checker)
    client.post(reverse("admin:factcheck_verdict_change", args=[verdict.pk]), verdict_data(verdict, headline="Edited"))
    record = verdict.history.first()
    assert record.history_user == fact_checker and record.headline == "Edited"
    html = client.get(reverse("admin:factcheck_verdict_history", args=[verdict.pk])).content.decode()
    assert "fiona" in html and "Edited" in html


def test_old_versions_cannot_be_restored_from_history(client, editor):
    verdict = VerdictFactory(headline="First")
    client.force_login(editor)
    client.post(reverse("admin:factcheck_verdict_change", args=[verdict.pk]), verdict_data(verdict, headline="Second"))
    first = verdict.history.order_by("history_date").first()
    url = reverse("admin:factcheck_verdict_simple_history", args=[verdict.pk, first.history_id])
    response = client.post(url, verdict_data(verdict, headline="First", opened_version=2), follow=True)
    assert "can be read but not restored" in response.content.decode()
    assert Verdict.objects.get().headline == "Second"
