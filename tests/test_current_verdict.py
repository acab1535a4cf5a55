"""Each statement's copy of its current verdict follows every publication, correction and withdrawal.

The public list filters and sorts on Statement.current_verdict, current_rating and last_update_at;
they are written only by publishing.refresh_current_verdict(), called by every service that changes
what is published. These tests go through those services, with time frozen so dates are exact.
"""

import datetime
import importlib
from collections import Counter

import pytest
import time_machine
from django.apps import apps
from django.utils import timezone

from factcheck.charts import rating_history
from factcheck.models import Correction, StandingChange, Statement
from factcheck.public import scoreboard, site_scoreboard
from factcheck.publishing import (
    SourceData,
    correct_verdict,
    draft_verdict,
    publish_verdict,
    refresh_current_verdict,
    unpublish_verdict,
)
from factcheck.scales import Kind, Rating
from factcheck.standings import moves, standing_of
from factcheck.synthetic import generate_newsroom
from tests.factories import FactCheckerFactory, StatementFactory

pytestmark = pytest.mark.django_db

JAN, MAR, MAY = datetime.date(2024, 1, 10), datetime.date(2024, 3, 10), datetime.date(2024, 5, 10)


def at(day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2024, 6, day, 9, 0))


def publish(statement, *, rating, checked_on, editor, day: int, headline="Update"):
    author = FactCheckerFactory()
    verdict = draft_verdict(
        statement=statement,
        rating=rating,
        headline=headline,
        explanation="Checked.",
        checked_on=checked_on,
        sources=[SourceData(title="Figures", url="https://example.org/figures")],
        author=author,
    )
    with time_machine.travel(at(day), tick=False):
        return publish_verdict(verdict=verdict, publisher=editor)


def columns(statement) -> tuple:
    row = Statement.objects.get(pk=statement.pk)
    return row.current_verdict_id, row.current_rating, row.first_published_at, row.last_update_at


def totals() -> dict:
    """The StandingChange totals, zero rows left out."""
    return {
        (row.kind, f"{row.month:%Y-%m}", row.rating): (row.arrived, row.left)
        for row in StandingChange.objects.all()
        if row.arrived or row.left
    }


def totals_from_scratch() -> dict:
    """What the totals should be: every statement's standing recomputed from its published verdicts."""
    counts = Counter()
    for statement in Statement.objects.all():
        published = statement.verdicts.filter(status="published").order_by("checked_on", "published_at", "pk")
        counts.update(moves(statement.kind, standing_of(published.values_list("checked_on", "rating"))))
    result = {}
    for (kind, month, rating, direction), n in counts.items():
        arrived, left = result.get((kind, month, rating), (0, 0))
        result[(kind, month, rating)] = (arrived + n, left) if direction == "arrived" else (arrived, left + n)
    return result


def test_a_statement_without_a_published_verdict_has_no_current_verdict(editor):
    statement = StatementFactory()
    draft_verdict(statement=statement, rating=Rating.KEPT, headline="Draft", explanation=".", checked_on=JAN)
    assert columns(statement) == (None, "", None, None)
    assert not Statement.objects.public().exists()


def test_publishing_sets_the_current_verdict_and_its_dates(editor):
    statement = StatementFactory()
    verdict = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    assert columns(statement) == (verdict.pk, Rating.IN_THE_WORKS, at(1), at(1))
    assert list(Statement.objects.public()) == [statement]


def test_a_later_check_becomes_current_and_an_older_one_published_later_does_not(editor):
    statement = StatementFactory()
    first = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    newer = publish(statement, rating=Rating.KEPT, checked_on=MAY, editor=editor, day=2)
    assert columns(statement) == (newer.pk, Rating.KEPT, at(1), at(2))
    publish(statement, rating=Rating.STALLED, checked_on=MAR, editor=editor, day=3)
    # Checked before the May verdict, so not current; but it is the latest update readers saw.
    assert columns(statement) == (newer.pk, Rating.KEPT, at(1), at(3))
    assert first.pk != newer.pk


def test_correcting_the_rating_changes_the_current_rating_and_the_update_time(editor):
    statement = StatementFactory()
    verdict = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    with time_machine.travel(at(5), tick=False):
        correct_verdict(verdict=verdict, editor=editor, note="Wrong rating.", rating=Rating.BROKEN)
    assert columns(statement) == (verdict.pk, Rating.BROKEN, at(1), at(5))


def test_correcting_checked_on_reorders_the_timeline(editor):
    statement = StatementFactory()
    older = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    newer = publish(statement, rating=Rating.STALLED, checked_on=MAR, editor=editor, day=2)
    assert columns(statement)[:2] == (newer.pk, Rating.STALLED)
    with time_machine.travel(at(7), tick=False):
        correct_verdict(verdict=older, editor=editor, note="It was checked in May.", checked_on=MAY)
    assert columns(statement) == (older.pk, Rating.IN_THE_WORKS, at(1), at(7))
    assert Statement.objects.get(pk=statement.pk).standing == [["2024-03", "stalled"], ["2024-05", "in-the-works"]]
    assert totals() == totals_from_scratch()


def test_unpublishing_the_current_verdict_falls_back_to_the_previous_one(editor):
    statement = StatementFactory()
    older = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    newer = publish(statement, rating=Rating.KEPT, checked_on=MAR, editor=editor, day=2)
    with time_machine.travel(at(9), tick=False):
        unpublish_verdict(verdict=newer, editor=editor, note="Published by mistake.")
    # The withdrawal note is a correction to a draft now: it is not a public update.
    assert columns(statement) == (older.pk, Rating.IN_THE_WORKS, at(1), at(1))
    assert totals() == totals_from_scratch() == {("pledge", "2024-01", "in-the-works"): (1, 0)}


def test_a_correction_to_an_earlier_verdict_counts_as_an_update(editor):
    statement = StatementFactory()
    older = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    publish(statement, rating=Rating.KEPT, checked_on=MAR, editor=editor, day=2)
    with time_machine.travel(at(4), tick=False):
        correct_verdict(verdict=older, editor=editor, note="Typo.", headline="Work under way")
    assert columns(statement)[1:] == (Rating.KEPT, at(1), at(4))


def test_the_instance_passed_in_is_refreshed_too(editor):
    statement = StatementFactory()
    verdict = publish(statement, rating=Rating.KEPT, checked_on=JAN, editor=editor, day=1)
    stale = Statement.objects.get(pk=statement.pk)
    Statement.objects.filter(pk=statement.pk).update(current_verdict=None, current_rating="")
    refresh_current_verdict(stale)
    assert (stale.current_verdict_id, stale.current_rating) == (verdict.pk, Rating.KEPT)
    assert columns(statement)[:2] == (verdict.pk, Rating.KEPT)


def test_refreshing_leaves_no_history_record_and_no_version_bump(editor):
    statement = StatementFactory()
    records, version = statement.history.count(), statement.version
    publish(statement, rating=Rating.KEPT, checked_on=JAN, editor=editor, day=1)
    statement.refresh_from_db()
    assert (statement.history.count(), statement.version) == (records, version)


def test_a_statement_whose_only_verdict_is_unpublished_leaves_every_public_surface(client, editor, settings):
    settings.PLEDGEBOOK_SITE_URL = "http://testserver"
    statement = StatementFactory(title="Zebracrossing pledge", slug="zebracrossing")
    verdict = publish(statement, rating=Rating.KEPT, checked_on=JAN, editor=editor, day=1, headline="Zebra kept")
    verdict = correct_verdict(verdict=verdict, editor=editor, note="Zebracrossing date fixed.", checked_on=MAR)
    speaker_url, article_url = statement.speaker.get_absolute_url(), statement.article.get_absolute_url()
    surfaces = [
        "/",
        "/statements/",
        "/statements/?kind=pledge&rating=kept",
        "/statements/?q=zebracrossing",
        "/statements.csv",
        "/statements.json",
        "/claimreview.json",
        "/feeds/verdicts/",
        "/sitemap-statements.xml",
        "/corrections/",
    ]

    def shows(content: bytes) -> bool:
        return any(mark in content.decode() for mark in ("/statements/zebracrossing/", "Zebracrossing"))

    for url in surfaces:
        assert shows(client.get(url).content), url
    for url in (statement.get_absolute_url(), speaker_url, article_url):
        assert client.get(url).status_code == 200, url

    unpublish_verdict(verdict=verdict, editor=editor, note="Withdrawn pending a re-check.")

    assert columns(statement) == (None, "", None, None)
    assert totals() == {}
    for url in surfaces:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not shows(response.content), url
    for url in (statement.get_absolute_url(), speaker_url, article_url):
        assert client.get(url).status_code == 404, url


def test_the_tracker_scoreboard_and_chart_from_the_totals_match_the_statements(editor):
    generate_newsroom(articles=5, seed=4)
    statement = StatementFactory()
    first = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    publish(statement, rating=Rating.KEPT, checked_on=MAR, editor=editor, day=2)
    correct_verdict(verdict=first, editor=editor, note="Later than we said.", checked_on=MAY)
    assert totals() == totals_from_scratch()
    assert site_scoreboard() == scoreboard(Statement.objects.public())
    chart = rating_history(today=datetime.date(2040, 1, 1), kind=Kind.PLEDGE)
    for snapshot in chart.snapshots:
        standing = {}
        for pledge in Statement.objects.filter(kind=Kind.PLEDGE):
            checked = pledge.verdicts.filter(status="published", checked_on__lte=snapshot.day)
            latest = checked.order_by("-checked_on", "-published_at", "-pk").first()
            if latest:
                standing[latest.rating] = standing.get(latest.rating, 0) + 1
        assert {s.step.rating: s.count for s in snapshot.segments if s.count} == standing, snapshot.day


def test_the_migration_backfill_computes_what_refresh_computes(editor):
    generate_newsroom(articles=6, seed=5)
    statement = StatementFactory()
    older = publish(statement, rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    publish(statement, rating=Rating.KEPT, checked_on=MAR, editor=editor, day=2)
    with time_machine.travel(at(6), tick=False):
        correct_verdict(verdict=older, editor=editor, note="Typo.", headline="Work under way")
    for pk in Statement.objects.values_list("pk", flat=True):
        refresh_current_verdict(pk)
    expected = {s.pk: columns(s) for s in Statement.objects.all()}
    standings, expected_totals = dict(Statement.objects.values_list("pk", "standing")), totals()
    Statement.objects.update(
        current_verdict=None, current_rating="", first_published_at=None, last_update_at=None, standing=[]
    )
    StandingChange.objects.all().delete()
    for name in ("0005_perf_current_verdict", "0006_perf_standings"):
        importlib.import_module(f"factcheck.migrations.{name}").backfill(apps, None)
    assert {s.pk: columns(s) for s in Statement.objects.all()} == expected
    assert dict(Statement.objects.values_list("pk", "standing")) == standings
    assert totals() == expected_totals == totals_from_scratch()
    assert Correction.objects.exists()


def test_the_generator_fills_what_refresh_computes():
    generate_newsroom(articles=8, seed=9, drafts_ratio=0.3)
    generated = {s.pk: (*columns(s), s.standing) for s in Statement.objects.all()}
    assert totals() == totals_from_scratch()
    for pk in generated:
        refresh_current_verdict(pk)
    assert {s.pk: (*columns(s), s.standing) for s in Statement.objects.all()} == generated
    assert totals() == totals_from_scratch()
    assert any(value[0] is None for value in generated.values())
    assert any(value[0] is not None for value in generated.values())


def test_a_second_generated_newsroom_adds_to_the_totals_rather_than_overwriting_them(editor):
    generate_newsroom(articles=4, seed=9)
    publish(StatementFactory(), rating=Rating.IN_THE_WORKS, checked_on=JAN, editor=editor, day=1)
    first = totals()
    generate_newsroom(articles=4, seed=9)  # the same seed: the same months and ratings again
    assert totals() == totals_from_scratch()
    assert any(totals()[key][0] > arrived for key, (arrived, _) in first.items() if key[1] != "2024-01")
