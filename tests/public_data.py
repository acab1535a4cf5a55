"""Build a small public newsroom for the public-site tests: varied kinds, ratings, people and dates."""

import datetime

from django.utils import timezone

from factcheck.models import Correction
from factcheck.publishing import refresh_current_verdict
from factcheck.scales import Kind, Rating
from tests.factories import (
    ArticleFactory,
    OutletFactory,
    PublishedVerdictFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
    TopicFactory,
)

PLEDGE_RATINGS = [Rating.KEPT, Rating.BROKEN, Rating.IN_THE_WORKS, Rating.STALLED, Rating.COMPROMISE]
CRITICISM_RATINGS = [Rating.BORNE_OUT, Rating.NOT_BORNE_OUT, Rating.PARTLY_BORNE_OUT]


def said_on(year: int, month: int = 6) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, 15, 12, 0))


def public_statement(*, kind=Kind.PLEDGE, rating=None, year=2010, speaker=None, outlet=None, topics=(), **fields):
    """A statement with one published, sourced verdict, said in `year`."""
    article = ArticleFactory(published_at=said_on(year), outlet=outlet or OutletFactory())
    statement = StatementFactory(article=article, kind=kind, speaker=speaker or SpeakerFactory(), **fields)
    statement.topics.set(topics)
    rating = rating or (Rating.IN_THE_WORKS if kind == Kind.PLEDGE else Rating.BORNE_OUT)
    verdict = PublishedVerdictFactory(statement=statement, rating=rating, checked_on=datetime.date(year, 9, 1))
    SourceFactory(verdict=verdict, title=f"Source for {statement.title}")
    return statement


def newsroom(size: int) -> list:
    """`size` public statements spread over kinds, ratings, speakers, outlets, topics and years,
    each with two published verdicts, two sources and a correction."""
    speakers = [SpeakerFactory() for _ in range(3)]
    outlets = [OutletFactory() for _ in range(2)]
    topics = [TopicFactory() for _ in range(3)]
    statements = []
    for n in range(size):
        kind = Kind.PLEDGE if n % 3 else Kind.CRITICISM
        ratings = PLEDGE_RATINGS if kind == Kind.PLEDGE else CRITICISM_RATINGS
        statement = public_statement(
            kind=kind,
            rating=Rating.NOT_YET_RATED,
            year=2009 + n % 3,
            speaker=speakers[n % 3],
            outlet=outlets[n % 2],
            topics=topics[: 1 + n % 3],
        )
        later = PublishedVerdictFactory(
            statement=statement, rating=ratings[n % len(ratings)], checked_on=datetime.date(2012, 1 + n % 12, 1)
        )
        SourceFactory(verdict=later)
        SourceFactory(verdict=later, title="A second source")
        Correction.objects.create(verdict=later, note=f"We corrected a figure in update {n}.")
        refresh_current_verdict(statement)  # as publishing.correct_verdict does
        statements.append(statement)
    return statements
