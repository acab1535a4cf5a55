"""A backup made with dumpdata restores into an empty database exactly as it was.

The format is XML: Django's JSON encoder cuts datetimes to milliseconds, so a JSON dump would
not bring back verdicts' published_at (and every other timestamp) exactly.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from factcheck.models import Article, Correction, Outlet, Source, Speaker, Statement, Suggestion, Topic, Verdict
from factcheck.publishing import SourceData, draft_verdict, publish_verdict
from factcheck.synthetic import generate_newsroom
from tests.factories import ArticleFactory, EditorFactory, FactCheckerFactory, StatementFactory, TopicFactory

pytestmark = pytest.mark.django_db

MODELS = [Outlet, Speaker, Topic, Article, Statement, Verdict, Source, Correction, Suggestion]
BACKUP = ["dumpdata", "--natural-foreign", "--exclude=contenttypes", "--exclude=auth.permission", "--format=xml"]


def snapshot() -> dict[str, list[dict]]:
    """Every row of the newsroom's tables, field by field, and who the users are."""
    rows = {model._meta.label: list(model.objects.order_by("pk").values()) for model in MODELS}
    # Statement–topic links: the pairs are the data; the link table's own ids are not backed up.
    rows["statement topics"] = sorted(Statement.topics.through.objects.values_list("statement_id", "topic_id"))
    rows["users"] = list(get_user_model().objects.order_by("pk").values("pk", "username", "password"))
    rows["groups"] = sorted(
        (user.username, group.name) for user in get_user_model().objects.all() for group in user.groups.all()
    )
    return rows


def newsroom():
    """Hand-made rows with the awkward cases, and a generated newsroom for volume."""
    checker, editor = FactCheckerFactory(username="fiona"), EditorFactory(username="eddie")
    article = ArticleFactory(
        title="Minister’s “pledge” — £58m",
        body="She said: “We will hire 1,000 nurses.”\n\nCritics\u00a0doubted it.",
        imported_by=checker,
    )
    statement = StatementFactory(article=article, start=11, end=38, quote=article.body[11:38])
    statement.topics.set([TopicFactory(name="Health"), TopicFactory(name="Santé")])
    cited = ArticleFactory()
    verdict = draft_verdict(
        statement=statement,
        rating="in-the-works",
        headline="Hiring under way",
        explanation="Figures: 5 < 6 & “quoted”, not HTML.\n\nSecond paragraph.",
        checked_on=timezone.localdate(),
        sources=[
            SourceData(title="Press release", url="https://example.org/a"),
            SourceData(title="Earlier report", article=cited),
        ],
        author=checker,
    )
    publish_verdict(verdict=verdict, publisher=editor)
    draft_verdict(
        statement=statement,
        rating="kept",
        headline="Draft follow-up",
        explanation="Not yet.",
        checked_on=timezone.localdate(),
        author=checker,
    )
    Correction.objects.create(
        verdict=verdict, note="Date fixed.", changes={"checked_on": ["2024-01-01", "2024-01-02"]}, editor=editor
    )
    Suggestion.objects.create(article=article, kind="pledge", quote="We will", start=11, end=18, speaker_name="Ann")
    generate_newsroom(articles=4, seed=11)


def restore_into_an_empty_database(backup):
    """Empty every table (as a new database would be) and load the backup."""
    # Inside the test's transaction, PostgreSQL refuses to empty tables with foreign-key checks
    # still pending: run them first.
    connection.check_constraints()
    call_command("flush", interactive=False, verbosity=0)
    assert not Article.objects.exists() and not Verdict.objects.exists()
    call_command("loaddata", str(backup), verbosity=0)


def test_dumpdata_and_loaddata_restore_every_row_exactly(tmp_path):
    newsroom()
    before = snapshot()
    assert all(before[label] for label in ["factcheck.Correction", "factcheck.Source", "factcheck.Verdict"])
    backup = tmp_path / "backup.xml"
    call_command(*BACKUP, output=str(backup), verbosity=0)

    restore_into_an_empty_database(backup)

    after = snapshot()
    for label, rows in before.items():
        assert after[label] == rows, label


def test_restored_published_timestamps_keep_their_microseconds(tmp_path):
    newsroom()
    published_at = Verdict.objects.published().filter(headline="Hiring under way").get().published_at
    backup = tmp_path / "backup.xml"
    call_command(*BACKUP, output=str(backup), verbosity=0)
    restore_into_an_empty_database(backup)
    assert Verdict.objects.get(headline="Hiring under way").published_at == published_at
