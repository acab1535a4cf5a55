"""A synthetic newsroom of any size, for benchmarks and load tests.

Rows are written in bulk, a batch of articles at a time, bypassing the services (importing,
tagging, publishing) that editors go through: those validate and save one row at a time, far
too slow for a million statements. The rows are built to pass the same rules (exact quotes at
their offsets, ratings on the statement's scale, a source for every rated published verdict)
and the tests check that they do.

On PostgreSQL rows go in with COPY, ids taken from the tables' sequences first so that related
rows can point at them; bulk_create was three times slower (1,000 articles in 17 s). Other
databases use bulk_create. Either way simple-history records nothing (it does not see bulk
writes): generated data needs no audit history.
"""

import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from .importing import content_hash
from .models import Article, Correction, Outlet, Source, Speaker, Statement, Topic, Verdict
from .scales import Kind, Rating, scale_for
from .standings import apply_moves, moves, standing_of

OUTLETS = [
    ("The Northern Courier", "https://northern-courier.example"),
    ("Daily Ledger", "https://dailyledger.example"),
    ("The Civic Times", "https://civictimes.example"),
    ("Evening Dispatch", "https://eveningdispatch.example"),
    ("The Westminster Review", "https://westminster-review.example"),
    ("Coastal Gazette", "https://coastalgazette.example"),
    ("Metro Bulletin", "https://metrobulletin.example"),
    ("The Valley Post", "https://valleypost.example"),
]
TOPICS = [
    "Health",
    "Housing",
    "Education",
    "Transport",
    "Environment",
    "Policing",
    "Economy",
    "Welfare",
    "Children's services",
    "Local government",
    "Energy",
    "Immigration",
]
FIRST_NAMES = [
    "Alex", "Bridget", "Callum", "Deborah", "Ewan", "Farah", "Gareth", "Helen", "Imran", "Joanna",
    "Kieran", "Laura", "Malcolm", "Nadia", "Owen", "Priya", "Rhys", "Sarah", "Tom", "Una",
    "Victor", "Wendy", "Yusuf", "Zoe",
]  # fmt: skip
LAST_NAMES = [
    "Ahmed", "Baker", "Campbell", "Davies", "Evans", "Fletcher", "Graham", "Hughes", "Iqbal", "Jones",
    "Khan", "Lloyd", "McKenzie", "Nolan", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Thomas",
    "Walsh", "Young",
]  # fmt: skip
ROLES = [
    "Health Secretary", "Housing Minister", "Education Secretary", "Transport Secretary", "Chancellor",
    "Shadow Chancellor", "Mayor", "Council Leader", "Opposition spokesperson", "Home Secretary",
]  # fmt: skip
PARTIES = ["Labour", "Conservative", "Liberal Democrat", "Green", "Scottish National Party", "Plaid Cymru"]
PLACES = [
    "Leeds", "Bristol", "Cardiff", "Glasgow", "Norwich", "Plymouth", "Sheffield", "Newcastle", "Belfast",
    "Derby", "the North East", "the Midlands", "rural Wales", "inner London",
]  # fmt: skip

# (quote, title): the words said, and the desk's short title for them.
PLEDGES = [
    ("We will hire {n:,} more nurses by {year}.", "Hire {n:,} more nurses by {year}"),
    ("We will build {n:,} new homes in {place} before {year}.", "{n:,} new homes in {place} by {year}"),
    ("Every school in {place} will have a qualified counsellor by {year}.", "A counsellor in every {place} school"),
    ("We will cut waiting times at {place} hospitals to under {k} weeks.", "{place} waits under {k} weeks"),
    ("We will invest £{m} million in {place}'s buses over the next {k} years.", "£{m}m for {place} buses"),
    ("We will plant {n:,} trees across {place} by {year}.", "Plant {n:,} trees in {place}"),
    ("No family in {place} will pay more council tax next year.", "Council tax freeze in {place}"),
    ("We will open {k} new railway stations by {year}.", "{k} new railway stations by {year}"),
    ("We will train {n:,} new apprentices every single year.", "{n:,} apprentices a year"),
    ("We will halve child poverty in {place} by {year}.", "Halve child poverty in {place}"),
]
CRITICISMS = [
    ("This government has not built a single new hospital in {place}.", "No new hospital in {place}"),
    ("Waiting lists in {place} have doubled since {year0}.", "{place} waiting lists doubled"),
    ("This budget will cost every household £{k:,}00 a year.", "Budget costs households £{k:,}00"),
    ("They promised {n:,} police officers and delivered barely half.", "Half of {n:,} police officers"),
    ("The £{m} million fund for {place} has not reached one school.", "£{m}m {place} fund unspent"),
    ("Bus fares in {place} have risen faster than wages for {k} years.", "{place} fares outpace wages"),
    ("Rents in {place} are rising three times faster than pay.", "{place} rents outpace pay"),
    ("The flood defences promised for {place} are {k} years late.", "{place} flood defences late"),
]
FILLER = [
    "The announcement came after weeks of pressure from local campaigners.",
    "Officials declined to say how the plan would be paid for.",
    "Figures published last month showed the gap widening.",
    "The remarks were made at a press conference on Monday.",
    "Opposition members said they would study the detail closely.",
    "A spokesperson said further details would follow in the spring.",
    "Independent analysts have questioned similar targets in the past.",
    "The department said the figures were provisional.",
]
HEADLINES = {
    Rating.NOT_YET_RATED: ["Too early to judge", "No evidence yet either way"],
    Rating.IN_THE_WORKS: ["Work has started", "Funding confirmed, delivery under way"],
    Rating.STALLED: ["Plans on hold", "No progress since the announcement"],
    Rating.COMPROMISE: ["Delivered in part", "A smaller scheme went ahead"],
    Rating.KEPT: ["Target met", "Delivered as promised"],
    Rating.BROKEN: ["Scheme abandoned", "Deadline missed and plan dropped"],
    Rating.BORNE_OUT: ["Official figures back the claim", "Later data bears this out"],
    Rating.PARTLY_BORNE_OUT: ["Right on the trend, wrong on the scale", "Partly supported by the data"],
    Rating.NOT_BORNE_OUT: ["The figures say otherwise", "Later evidence contradicts this"],
    Rating.UNVERIFIABLE: ["A matter of opinion", "Cannot be settled by evidence"],
}
SOURCE_TITLES = [
    "Department statistics release",
    "Office for National Statistics bulletin",
    "Council committee minutes",
    "Written answer in Parliament",
    "National Audit Office report",
    "Freedom of Information response",
]
FIRST_RATINGS = {
    Kind.PLEDGE: [Rating.NOT_YET_RATED, Rating.IN_THE_WORKS, Rating.IN_THE_WORKS, Rating.STALLED],
    Kind.CRITICISM: [Rating.NOT_YET_RATED, Rating.PARTLY_BORNE_OUT, Rating.BORNE_OUT, Rating.NOT_BORNE_OUT],
}
EPOCH = date(2012, 1, 1)


@dataclass
class GenerationReport:
    articles: int = 0
    statements: int = 0
    public_statements: int = 0
    verdicts: int = 0
    published_verdicts: int = 0
    draft_verdicts: int = 0
    sources: int = 0
    corrections: int = 0
    speakers: int = 0

    def __str__(self) -> str:
        return ", ".join(f"{getattr(self, f.name):,} {f.name.replace('_', ' ')}" for f in fields(self))


class _Ids:
    """Primary keys handed out before the rows are written, so related rows can point at them."""

    def __init__(self):
        self.next: dict[type[models.Model], int] = {}

    def take(self, model: type[models.Model], count: int) -> list[int]:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                    [model._meta.db_table, count],
                )
                return [row[0] for row in cursor.fetchall()]
        # Other databases (SQLite in the tests): writes are serialised by the transaction.
        first = self.next.get(model) or (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        self.next[model] = first + count
        return list(range(first, first + count))


def _write(model: type[models.Model], rows: list[dict]) -> None:
    """Insert rows (dicts of column values): COPY on PostgreSQL, bulk_create elsewhere."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**row) for row in rows], batch_size=500)
        return
    columns = list(rows[0])
    names = ", ".join(connection.ops.quote_name(model._meta.get_field(column).column) for column in columns)
    with connection.cursor() as cursor, cursor.cursor.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(tuple(json.dumps(value) if isinstance(value, list) else value for value in row.values()))


class _Newsroom:
    """The random choices for one run; each method returns plain rows (dicts of column values)."""

    def __init__(self, *, seed: int, drafts_ratio: float, run: int, speakers: int):
        self.random = random.Random(seed)
        self.drafts_ratio = drafts_ratio
        self.run = run
        self.now = timezone.now()
        self.ids = _Ids()
        self.standings: Counter = Counter()
        self.outlets = [
            Outlet.objects.get_or_create(name=name, defaults={"slug": slugify(name), "homepage": url})[0]
            for name, url in OUTLETS
        ]
        self.topic_ids = [
            Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk for name in TOPICS
        ]
        self.speakers = [self._speaker(pk, number) for number, pk in enumerate(self.ids.take(Speaker, speakers), 1)]
        _write(Speaker, self.speakers)

    def _speaker(self, pk: int, number: int) -> dict:
        name = f"{self.random.choice(FIRST_NAMES)} {self.random.choice(LAST_NAMES)}"
        return {
            "id": pk,
            "name": name,
            "slug": f"{slugify(name)}-{self.run}-{number}",
            "role": self.random.choice(ROLES),
            "party": self.random.choice(PARTIES),
        }

    def _words(self, year: int) -> dict:
        r = self.random
        return {
            "n": r.randrange(100, 50_000),
            "k": r.randrange(2, 19),
            "m": r.randrange(5, 900),
            "year": year + r.randrange(2, 8),
            "year0": year - r.randrange(1, 6),
            "place": r.choice(PLACES),
        }

    def article(self, pk: int, number: int) -> tuple[dict, list[dict]]:
        """An article whose body holds about ten exact quotes; returns it and its statements (without ids)."""
        r = self.random
        published = EPOCH + timedelta(days=r.randrange(0, 12 * 365))
        speakers = r.sample(self.speakers, k=min(len(self.speakers), r.randrange(2, 5)))
        paragraphs = [f"{r.choice(FILLER)} {r.choice(FILLER)}"]
        offset = len(paragraphs[0]) + 2
        statements = []
        for index in range(r.randrange(8, 13)):
            kind = Kind.PLEDGE if r.random() < 0.6 else Kind.CRITICISM
            quote_template, title_template = r.choice(PLEDGES if kind == Kind.PLEDGE else CRITICISMS)
            words = self._words(published.year)
            quote = quote_template.format(**words)
            title = title_template.format(**words)[:200]
            speaker = r.choice(speakers)
            lead = f"{speaker['name']}, {speaker['role']}, said: “"
            start = offset + len(lead)
            paragraph = f"{lead}{quote}” {r.choice(FILLER)}"
            statements.append(
                {
                    "article_id": pk,
                    "speaker_id": speaker["id"],
                    "kind": kind.value,
                    "quote": quote,
                    "start": start,
                    "end": start + len(quote),
                    "title": title,
                    "slug": f"{slugify(title)[:150]}-{self.run}-{number}-{index}",
                    "created_at": self.now,
                    "updated_at": self.now,
                    "version": 1,
                }
            )
            paragraphs.append(paragraph)
            offset += len(paragraph) + 2
        paragraphs.append(f"Reporting by the politics desk, story {self.run}-{number}.")
        body = "\n\n".join(paragraphs)
        outlet = r.choice(self.outlets)
        title = f"{statements[0]['title']}, says {speakers[0]['name']}"
        article = {
            "id": pk,
            "title": title,
            "slug": f"{slugify(title)[:150]}-{self.run}-{number}",
            "outlet_id": outlet.pk,
            "byline": f"By {r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}",
            "source_url": f"{outlet.homepage}/politics/{self.run}-{number}",
            "published_at": datetime.combine(published, time(r.randrange(6, 22), r.randrange(60)), tzinfo=UTC),
            "original_text": f"{title}\n\n{body}",
            "body": body,
            "content_hash": content_hash(body),
            "imported_by_id": None,
            "imported_at": self.now,
        }
        return article, statements

    def timeline(self, statement: dict, published_on: date) -> list[dict]:
        """One to four verdicts for a statement, oldest first (without ids); the last may be a pending draft."""
        r = self.random
        kind = Kind(statement["kind"])
        later = [rating for rating in scale_for(kind).ratings if rating != Rating.NOT_YET_RATED]
        count = r.choices([1, 2, 3, 4], weights=[35, 30, 20, 15])[0]
        draft_only = r.random() < self.drafts_ratio
        pending_follow_up = not draft_only and count > 1 and r.random() < 0.15
        checked_on = published_on
        verdicts = []
        for step in range(count):
            checked_on += timedelta(days=r.randrange(20, 240))
            rating = r.choice(FIRST_RATINGS[kind]) if step == 0 else r.choice(later)
            draft = draft_only or (pending_follow_up and step == count - 1)
            verdicts.append(
                {
                    "statement_id": statement["id"],
                    "rating": rating.value,
                    "headline": r.choice(HEADLINES[rating]),
                    "explanation": f"{r.choice(FILLER)}\n\n{r.choice(FILLER)}",
                    "checked_on": checked_on,
                    "status": Verdict.Status.DRAFT.value if draft else Verdict.Status.PUBLISHED.value,
                    "author_id": None,
                    "publisher_id": None,
                    "published_at": None
                    if draft
                    else datetime.combine(checked_on, time(r.randrange(7, 20), r.randrange(60)), tzinfo=UTC),
                    "created_at": self.now,
                    "updated_at": self.now,
                    "version": 1,
                }
            )
        return verdicts

    def sources(self, verdict: dict, articles: list[dict]) -> list[dict]:
        """Evidence for a verdict: at least one for a rated verdict, a fifth citing an earlier article."""
        r = self.random
        count = r.randrange(0, 2) if verdict["rating"] == Rating.NOT_YET_RATED else r.randrange(1, 3)
        rows = []
        for order in range(1, count + 1):
            row = {"verdict_id": verdict["id"], "order": order, "quote": "", "accessed_on": verdict["checked_on"]}
            if r.random() < 0.2:
                cited = r.choice(articles)
                row.update(title=cited["title"][:300], url="", article_id=cited["id"])
            else:
                url = f"https://data.example.gov.uk/releases/{verdict['id']}/{order}"
                row.update(title=r.choice(SOURCE_TITLES), url=url, article_id=None)
            rows.append(row)
        return rows


def generate_newsroom(
    *,
    articles: int,
    seed: int = 1,
    drafts_ratio: float = 0.1,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
) -> GenerationReport:
    """Add `articles` synthetic articles with their statements, verdicts, sources and corrections."""
    if articles < 1:
        raise ValueError("Generate at least one article.")
    if not 0 <= drafts_ratio <= 1:
        raise ValueError("The drafts ratio is a share between 0 and 1.")
    report = GenerationReport()
    with transaction.atomic():
        run = (Article.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        newsroom = _Newsroom(seed=seed, drafts_ratio=drafts_ratio, run=run, speakers=min(5000, max(10, articles // 10)))
        report.speakers = len(newsroom.speakers)
        for first in range(0, articles, batch_size):
            size = min(batch_size, articles - first)
            _write_batch(newsroom, range(run + first, run + first + size), report)
            if progress:
                progress(size)
        apply_moves(newsroom.standings)
    return report


def _set_current_verdicts(
    statements: list[dict], published: list[dict], corrections: list[dict], standings: Counter
) -> None:
    """Fill each statement's copy of its current verdict and its standing, as publishing.refresh_current_verdict()
    would, and add its moves to `standings` (written once, at the end of the run)."""
    corrected_at = {correction["verdict_id"]: correction["created_at"] for correction in corrections}
    timelines: dict[int, list[dict]] = {}
    for verdict in published:
        timelines.setdefault(verdict["statement_id"], []).append(verdict)
    for statement in statements:
        timeline = timelines.get(statement["id"], [])
        current = max(timeline, key=lambda v: (v["checked_on"], v["published_at"], v["id"]), default=None)
        times = [verdict["published_at"] for verdict in timeline]
        times += [corrected_at[verdict["id"]] for verdict in timeline if verdict["id"] in corrected_at]
        statement["current_verdict_id"] = current["id"] if current else None
        statement["current_rating"] = current["rating"] if current else ""
        statement["first_published_at"] = min((v["published_at"] for v in timeline), default=None)
        statement["last_update_at"] = max(times, default=None)
        order = sorted(timeline, key=lambda v: (v["checked_on"], v["published_at"], v["id"]))
        statement["standing"] = standing_of((v["checked_on"], v["rating"]) for v in order)
        standings.update(moves(statement["kind"], statement["standing"]))


def _write_batch(newsroom: _Newsroom, numbers: range, report: GenerationReport) -> None:
    r, ids = newsroom.random, newsroom.ids
    built = [newsroom.article(pk, number) for pk, number in zip(ids.take(Article, len(numbers)), numbers, strict=True)]
    articles = [article for article, _ in built]
    statements = [statement for _, statements in built for statement in statements]
    for statement, pk in zip(statements, ids.take(Statement, len(statements)), strict=True):
        statement["id"] = pk
    published_on = {article["id"]: article["published_at"].date() for article in articles}
    timelines = [newsroom.timeline(statement, published_on[statement["article_id"]]) for statement in statements]
    verdicts = [verdict for timeline in timelines for verdict in timeline]
    for verdict, pk in zip(verdicts, ids.take(Verdict, len(verdicts)), strict=True):
        verdict["id"] = pk
    sources = [source for verdict in verdicts for source in newsroom.sources(verdict, articles)]
    for source, pk in zip(sources, ids.take(Source, len(sources)), strict=True):
        source["id"] = pk
    topics = [
        {"statement_id": statement["id"], "topic_id": topic}
        for statement in statements
        for topic in r.sample(newsroom.topic_ids, k=r.randrange(1, 3))
    ]
    published = [verdict for verdict in verdicts if verdict["status"] == Verdict.Status.PUBLISHED]
    corrected = [verdict for verdict in published if r.random() < 0.02]
    corrections = [
        {
            "id": pk,
            "verdict_id": verdict["id"],
            "note": "An earlier version of this verdict gave the wrong date for the latest figures.",
            "changes": json.dumps(
                {"checked_on": [str(verdict["checked_on"] - timedelta(days=1)), str(verdict["checked_on"])]}
            ),
            "editor_id": None,
            "created_at": newsroom.now,
        }
        for verdict, pk in zip(corrected, ids.take(Correction, len(corrected)), strict=True)
    ]
    _set_current_verdicts(statements, published, corrections, newsroom.standings)
    _write(Article, articles)
    _write(Statement, statements)
    _write(Statement.topics.through, topics)
    _write(Verdict, verdicts)
    _write(Source, sources)
    _write(Correction, corrections)
    report.articles += len(articles)
    report.statements += len(statements)
    report.public_statements += len({verdict["statement_id"] for verdict in published})
    report.verdicts += len(verdicts)
    report.published_verdicts += len(published)
    report.draft_verdicts += len(verdicts) - len(published)
    report.sources += len(sources)
    report.corrections += len(corrections)
