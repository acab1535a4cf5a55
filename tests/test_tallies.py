"""Speakers' and topics' counts of public statements stay equal to a fresh count, whatever editors do."""

import datetime

import pytest

from factcheck.models import Speaker, Statement, Topic
from factcheck.publishing import SourceData, draft_verdict, publish_verdict, unpublish_verdict
from factcheck.scales import Rating
from factcheck.tagging import update_statement
from factcheck.tallies import recount
from tests.factories import EditorFactory, SpeakerFactory, StatementFactory, TopicFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db


def edit(statement, **changes):
    """An editor's change through the tagging service, everything else as it was."""
    values = {"title": statement.title, "speaker": statement.speaker, "kind": statement.kind, "topics": []}
    values.update(changes)
    if "speaker" in changes:
        values["note"] = "Attributed to the wrong minister."
    return update_statement(statement=statement, user=EditorFactory(), **values)


def counts() -> dict[str, int]:
    return {
        **{f"speaker {s.slug}": s.public_statements for s in Speaker.objects.all()},
        **{f"topic {t.slug}": t.public_statements for t in Topic.objects.all()},
    }


def fresh_counts() -> dict[str, int]:
    recount()
    return counts()


def publish(statement: Statement, editor) -> None:
    verdict = draft_verdict(
        statement=statement,
        rating=Rating.IN_THE_WORKS,
        headline="Under way",
        explanation="Work has started.",
        checked_on=datetime.date(2011, 1, 1),
        sources=[SourceData(title="Report", url="https://example.org/report")],
    )
    publish_verdict(verdict=verdict, publisher=editor)


def test_publishing_a_first_verdict_counts_the_statement_once(editor):
    health = TopicFactory(slug="health")
    statement = StatementFactory(speaker=SpeakerFactory(slug="ed-balls"))
    statement.topics.set([health])
    assert counts() == {"speaker ed-balls": 0, "topic health": 0}
    publish(statement, editor)
    publish(statement, editor)  # a second verdict: still one statement
    assert counts() == {"speaker ed-balls": 1, "topic health": 1} == fresh_counts()


def test_unpublishing_the_only_verdict_takes_the_statement_out(editor):
    statement = public_statement(speaker=SpeakerFactory(slug="ed-balls"), topics=[TopicFactory(slug="health")])
    assert counts() == {"speaker ed-balls": 1, "topic health": 1}
    unpublish_verdict(verdict=statement.verdicts.get(), editor=editor, note="Withdrawn.")
    assert counts() == {"speaker ed-balls": 0, "topic health": 0} == fresh_counts()


def test_changing_a_public_statements_speaker_and_topics_moves_it(editor):
    health, schools = TopicFactory(slug="health"), TopicFactory(slug="schools")
    balls, gove = SpeakerFactory(slug="ed-balls"), SpeakerFactory(slug="michael-gove")
    statement = public_statement(speaker=balls, topics=[health])
    edit(statement, speaker=gove, topics=[schools])
    assert (
        counts()
        == {
            "speaker ed-balls": 0,
            "speaker michael-gove": 1,
            "topic health": 0,
            "topic schools": 1,
        }
        == fresh_counts()
    )


def test_changing_a_draft_only_statement_counts_nothing():
    health = TopicFactory(slug="health")
    statement = StatementFactory(speaker=SpeakerFactory(slug="ed-balls"))
    edit(statement, topics=[health])
    assert counts() == {"speaker ed-balls": 0, "topic health": 0} == fresh_counts()


def test_the_tracker_lists_topics_and_speakers_by_their_tallies(client):
    balls = SpeakerFactory(name="Ed Balls")
    health = TopicFactory(name="Health")
    for _ in range(3):
        public_statement(speaker=balls, topics=[health])
    page = client.get("/").content.decode()
    assert "Ed Balls" in page and "3 statements" in page
