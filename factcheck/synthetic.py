"""A synthetic newsroom of any size, for benchmarks and load tests.

Rows are written in bulk, a batch of articles at a time, bypassing the services (importing,
tagging, publishing) that editors go through: those validate and save one row at a time, far
too slow for a million statements. The rows are built to pass the same rules (exact quotes at
their offsets, ratings on the statement's scale, a source for every rated published verdict)
and the tests check that they do.

What keeps it fast (10,000 articles, about 100,000 statements, in under a minute on PostgreSQL):
- rows are plain tuples in each table's column order, built once: no dicts, no model instances;
- on PostgreSQL they go in with binary COPY (no text formatting of dates and numbers on our side,
  no parsing on the server's), after the ids that other rows point at are taken from the tables'
  sequences, one query per table and batch; sources, corrections and topic links, which nothing
  points at, take theirs from the column default;
- each statement's current verdict, public dates and standing are computed as its timeline is
  drawn, as publishing.refresh_current_verdict() would compute them, and its verdicts are written
  before it, so that its search document (title, quote and published verdicts' text, migration
  0010) is computed as it is written: statements are written once and never updated (written
  first, each was rewritten by the verdicts' trigger: a million statements took 320 s, not 258 s);
- the StandingChange totals are added by a few upserts at the end of the run, not three queries
  for each (kind, month, rating);
- the database is the bottleneck (indexes, full-text vectors, foreign-key checks), so it is kept
  busy: each batch is drawn in a thread while the one before is written, and foreign keys are
  checked as each COPY ends (a statement and its verdicts, which point at each other, as each batch
  ends) rather than all at once in the final COMMIT, when nothing else runs.
Other databases (SQLite in the tests) take the same rows through executemany. Either way
simple-history records nothing (it does not see bulk writes): generated data needs no audit
history.
"""

import random
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from .caching import forget_public_pages
from .deadlines import NO_DEADLINE_FIELDS, Deadline, DuePrecision, Recurrence
from .evidence import statement_profile
from .importing import content_hash
from .models import (
    Article,
    Correction,
    EvidenceTerm,
    EvidenceTermCount,
    Outlet,
    Source,
    Speaker,
    StandingChange,
    Statement,
    Topic,
    Verdict,
)
from .scales import Kind, Rating, scale_for
from .tallies import recount

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


# What the timeline draws from, looked up once rather than for every statement and verdict.
TIMELINE_LENGTHS = [1, 2, 3, 4]
TIMELINE_CUM_WEIGHTS = list(accumulate([35, 30, 20, 15]))
FIRST_STEPS = {
    kind.value: [(rating.value, HEADLINES[rating]) for rating in ratings] for kind, ratings in FIRST_RATINGS.items()
}
LATER_STEPS = {
    kind.value: [
        (rating.value, HEADLINES[rating]) for rating in scale_for(kind).ratings if rating != Rating.NOT_YET_RATED
    ]
    for kind in Kind
}
PUBLISHED = Verdict.Status.PUBLISHED.value
DRAFT = Verdict.Status.DRAFT.value
CORRECTION_NOTE = "An earlier version of this verdict gave the wrong date for the latest figures."

# Each table's columns, in the order the rows (plain tuples) give them. Columns left out are
# NULL (nobody imported, authored or published generated rows) or, for the ids of rows nothing
# generated points at, the column's default.
SPEAKER_COLUMNS = ("id", "name", "slug", "role", "party")
ARTICLE_COLUMNS = (
    "id", "title", "slug", "outlet_id", "byline", "source_url", "published_at", "original_text", "body",
    "content_hash", "imported_at",
)  # fmt: skip
STATEMENT_COLUMNS = (
    "id", "article_id", "speaker_id", "kind", "quote", "start", "end", "title", "slug", "due_precision", "due_year",
    "due_month", "due_day", "due_period", "due_every", "due_by", "due_phrase", "created_at", "updated_at",
    "version", "current_verdict_id", "current_rating", "first_published_at", "last_update_at", "standing",
)  # fmt: skip
EVIDENCE_TERM_COLUMNS = ("term", "statement_id")
TOPIC_COLUMNS = ("statement_id", "topic_id")
VERDICT_COLUMNS = (
    "id", "statement_id", "rating", "headline", "explanation", "checked_on", "status", "published_at", "created_at",
    "updated_at", "version",
)  # fmt: skip
SOURCE_COLUMNS = ("verdict_id", "order", "title", "url", "article_id", "quote", "accessed_on")
CORRECTION_COLUMNS = ("verdict_id", "note", "changes", "created_at")


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


class _Database:
    """Ids handed out before rows are written, so related rows can point at them, and the writes."""

    def __init__(self):
        self.postgresql = connection.vendor == "postgresql"
        self.next: dict[type[models.Model], int] = {}
        self.sequences: dict[type[models.Model], str] = {}
        self.copy_types: dict[tuple[type[models.Model], tuple[str, ...]], list[int]] = {}
        self.circular = ""  # the statement-verdict foreign keys, checked per batch (checking_as_written)

    def take(self, model: type[models.Model], count: int) -> Sequence[int]:
        if not count:
            return []
        if self.postgresql:
            # nextval() row by row: safe beside anyone else inserting, unlike moving the sequence on.
            # Unless someone else took ids meanwhile they are consecutive, and come back as a range
            # rather than a list of every one. The sequence is looked up once: pg_get_serial_sequence()
            # in the query, evaluated for every row, cost eight times as much as nextval() itself.
            with connection.cursor() as cursor:
                if model not in self.sequences:
                    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [model._meta.db_table])
                    self.sequences[model] = cursor.fetchone()[0]
                cursor.execute(
                    "SELECT min(id), max(id), "
                    "CASE WHEN max(id) - min(id) + 1 <> count(*) THEN array_agg(id ORDER BY id) END "
                    "FROM (SELECT nextval(%s::regclass) AS id FROM generate_series(1, %s)) AS taken",
                    [self.sequences[model], count],
                )
                first, last, scattered = cursor.fetchone()
                return scattered or range(first, last + 1)
        # Other databases (SQLite in the tests): writes are serialised by the transaction.
        first = self.next.get(model) or (model.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        self.next[model] = first + count
        return range(first, first + count)

    @contextmanager
    def checking_as_written(self) -> Iterator[None]:
        """Check the foreign keys of what is written at the end of each COPY, not all at commit.

        Django makes them DEFERRABLE INITIALLY DEFERRED; left so, a 10,000-article run spent its
        last ten seconds in COMMIT checking about 1.2 million references one by one, with nothing
        else to do. Checked as written, the same checks run while the next batch is drawn. A
        statement and its verdicts point at each other, so those two stay deferred until the batch
        is written (`check_batch`). The constraints are put back as declared afterwards (this may
        run inside a longer transaction, such as a test's)."""
        if not self.postgresql:
            yield
            return
        tables = [
            model._meta.db_table
            for model in (Article, Statement, Statement.topics.through, EvidenceTerm, Verdict, Source, Correction)
        ]
        statement, verdict = Statement._meta.db_table, Verdict._meta.db_table
        with connection.cursor() as cursor:
            # Foreign keys, and the constraint trigger that a statement's current verdict is one of
            # its own published verdicts (migration 0012), which reads both tables: checked per batch.
            cursor.execute(
                "SELECT format('%%I.%%I', n.nspname, c.conname), c.contype = 't' OR "
                "(c.conrelid, c.confrelid) IN ((%s::regclass, %s::regclass), (%s::regclass, %s::regclass)) "
                "FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE c.contype IN ('f', 't') AND c.condeferrable AND c.condeferred "
                "AND c.conrelid = ANY(%s::regclass[])",
                [statement, verdict, verdict, statement, tables],
            )
            constraints = cursor.fetchall()
        names = ", ".join(name for name, circular in constraints if not circular)
        self.circular = ", ".join(name for name, circular in constraints if circular)
        if names:
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS {names} IMMEDIATE")
        yield
        # Not reached on an error: rolling back the run's savepoint or transaction restores them.
        if names:
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS {names} DEFERRED")

    def check_batch(self) -> None:
        """Check the references between the batch's statements and verdicts now that both are written."""
        if self.circular:
            with connection.cursor() as cursor:
                cursor.execute(f"SET CONSTRAINTS {self.circular} IMMEDIATE")
                cursor.execute(f"SET CONSTRAINTS {self.circular} DEFERRED")

    def write(self, model: type[models.Model], columns: tuple[str, ...], rows: list[tuple]) -> None:
        """Insert rows, tuples of values for `columns` (field names or attnames)."""
        if not rows:
            return
        model_fields = [model._meta.get_field(column) for column in columns]
        table = connection.ops.quote_name(model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(field.column) for field in model_fields)
        with connection.cursor() as cursor:
            if not self.postgresql:
                # The fields' own conversion, without bulk_create's pre_save(): the timestamps stay
                # the ones the current verdicts were computed from.
                placeholders = ", ".join(["%s"] * len(columns))
                prepared = [
                    [field.get_db_prep_save(value, connection) for field, value in zip(model_fields, row, strict=True)]
                    for row in rows
                ]
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", prepared)
                return
            types = self._types(model, model_fields, columns)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)") as copy:
                copy.set_types(types)
                for row in rows:
                    copy.write_row(row)

    def _types(self, model: type[models.Model], model_fields: list[models.Field], columns: tuple[str, ...]):
        """The columns' type oids, which binary COPY needs (PostgreSQL casts nothing)."""
        key = (model, columns)
        if key not in self.copy_types:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT attname, atttypid FROM pg_attribute WHERE attrelid = %s::regclass AND attnum > 0",
                    [model._meta.db_table],
                )
                oids = dict(cursor.fetchall())
            self.copy_types[key] = [oids[field.column] for field in model_fields]
        return self.copy_types[key]


@dataclass
class _Batch:
    """A batch of articles and everything under them as drawn, before it has ids: rows point at
    each other by their position in the batch, and become tuples in the *_COLUMNS order when the
    batch is written."""

    articles: list[tuple] = field(default_factory=list)  # ARTICLE_COLUMNS but the id
    statements: list[list] = field(default_factory=list)  # article (position) ... slug
    currents: list[tuple] = field(default_factory=list)  # a statement's current_verdict (position) ... standing
    topics: list[tuple] = field(default_factory=list)  # (statement position, topic id)
    terms: list[tuple] = field(default_factory=list)  # (term, statement position): the evidence finder's index
    verdicts: list[tuple] = field(default_factory=list)  # (statement position, rating, ..., checked_on, published_at)
    sources: list[tuple] = field(default_factory=list)  # (verdict position, order, title, cited article position)
    corrected: list[int] = field(default_factory=list)  # positions of the verdicts corrected


class _Newsroom:
    """The random choices for one run."""

    def __init__(self, *, seed: int, drafts_ratio: float, run: int, speakers: int, database: _Database):
        self.random = random.Random(seed)
        self.drafts_ratio = drafts_ratio
        self.run = run
        self.now = timezone.now()
        # (kind, "YYYY-MM", rating) -> [arrived, left], added to StandingChange at the end of the run.
        self.moves: dict[tuple[str, str, str], list[int]] = {}
        # How many of the run's statements hold each evidence term, added to EvidenceTermCount at the end.
        self.term_counts: Counter[str] = Counter()
        self.outlets = [
            Outlet.objects.get_or_create(name=name, defaults={"slug": slugify(name), "homepage": url})[0]
            for name, url in OUTLETS
        ]
        self.topic_ids = [
            Topic.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0].pk for name in TOPICS
        ]
        self.speakers = [self._speaker(pk, number) for number, pk in enumerate(database.take(Speaker, speakers), 1)]
        database.write(Speaker, SPEAKER_COLUMNS, self.speakers)

    def _speaker(self, pk: int, number: int) -> tuple:
        r = self.random
        name = f"{r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
        return (pk, name, f"{slugify(name)}-{self.run}-{number}", r.choice(ROLES), r.choice(PARTIES))

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

    def draw(self, numbers: range) -> _Batch:
        """Draw a batch of articles and everything under them. It touches no database, so it can
        run in a thread while the previous batch is written. The draws come in a fixed order
        (articles, timelines, sources, topics, corrections): a seed always gives the same newsroom."""
        r, batch = self.random, _Batch()
        published_on = []
        for number in numbers:
            article, statements, terms = self.article(len(batch.articles), number)
            batch.terms += [(term, len(batch.statements) + index) for term, index in terms]
            batch.articles.append(article)
            batch.statements.extend(statements)
            published_on += [article[5].date()] * len(statements)
        published = []  # for each statement, its published verdicts: (position, rating, checked_on, published_at)
        for position, (statement, day) in enumerate(zip(batch.statements, published_on, strict=True)):
            public = []
            for rating, headline, explanation, checked_on, published_at in self.timeline(statement[2], day):
                if published_at is not None:
                    public.append((len(batch.verdicts), rating, checked_on, published_at))
                batch.verdicts.append((position, rating, headline, explanation, checked_on, published_at))
            published.append(public)
        citable = [(position, article[0][:300]) for position, article in enumerate(batch.articles)]
        for position, verdict in enumerate(batch.verdicts):
            self.sources(position, verdict[1], citable, batch.sources)
        for position in range(len(batch.statements)):
            batch.topics += [(position, topic) for topic in r.sample(self.topic_ids, k=r.randrange(1, 3))]
        batch.corrected = [verdict[0] for public in published for verdict in public if r.random() < 0.02]
        corrected = set(batch.corrected)
        batch.currents = [
            self.current(statement[2], public, corrected)
            for statement, public in zip(batch.statements, published, strict=True)
        ]
        return batch

    def article(self, position: int, number: int) -> tuple[tuple, list[list], list[tuple]]:
        """An article whose body holds about ten exact quotes, its statements' columns from article
        (its position in the batch) to due_phrase, and their evidence terms (term, statement's index)."""
        r = self.random
        published = EPOCH + timedelta(days=r.randrange(0, 12 * 365))
        speakers = r.sample(self.speakers, k=min(len(self.speakers), r.randrange(2, 5)))
        paragraphs = [f"{r.choice(FILLER)} {r.choice(FILLER)}"]
        offset = len(paragraphs[0]) + 2
        statements = []
        terms = []
        for index in range(r.randrange(8, 13)):
            kind = Kind.PLEDGE.value if r.random() < 0.6 else Kind.CRITICISM.value
            quote_template, title_template = r.choice(PLEDGES if kind == Kind.PLEDGE else CRITICISMS)
            words = self._words(published.year)
            quote = quote_template.format(**words)
            title = title_template.format(**words)[:200]
            speaker_id, name, _, role, _ = r.choice(speakers)
            lead = f"{name}, {role}, said: “"
            start = offset + len(lead)
            paragraph = f"{lead}{quote}” {r.choice(FILLER)}"
            slug = f"{slugify(title)[:150]}-{self.run}-{number}-{index}"
            deadline = _deadline(quote, words) if kind == Kind.PLEDGE.value else None
            due = tuple((deadline.as_fields() if deadline else NO_DEADLINE_FIELDS).values())
            statements.append([position, speaker_id, kind, quote, start, start + len(quote), title, slug, *due])
            for term in statement_profile(title=title, quote=quote, speaker=name).terms:
                self.term_counts[term] += 1
                terms.append((term, index))
            paragraphs.append(paragraph)
            offset += len(paragraph) + 2
        paragraphs.append(f"Reporting by the politics desk, story {self.run}-{number}.")
        body = "\n\n".join(paragraphs)
        outlet = r.choice(self.outlets)
        title = f"{statements[0][6]}, says {speakers[0][1]}"
        byline = f"By {r.choice(FIRST_NAMES)} {r.choice(LAST_NAMES)}"
        article = (
            title,
            f"{slugify(title)[:150]}-{self.run}-{number}",
            outlet.pk,
            byline,
            f"{outlet.homepage}/politics/{self.run}-{number}",
            datetime.combine(published, time(r.randrange(6, 22), r.randrange(60)), tzinfo=UTC),
            f"{title}\n\n{body}",
            body,
            content_hash(body),
            self.now,
        )
        return article, statements, terms

    def timeline(self, kind: str, published_on: date) -> list[tuple]:
        """One to four verdicts, oldest first, as (rating, headline, explanation, checked_on,
        published_at); published_at is None for a draft, and only the last of a published timeline
        may be a (pending) draft. checked_on grows at every step."""
        r = self.random
        count = r.choices(TIMELINE_LENGTHS, cum_weights=TIMELINE_CUM_WEIGHTS)[0]
        draft_only = r.random() < self.drafts_ratio
        pending_follow_up = not draft_only and count > 1 and r.random() < 0.15
        checked_on = published_on
        verdicts = []
        for step in range(count):
            checked_on += timedelta(days=r.randrange(20, 240))
            rating, headlines = r.choice(FIRST_STEPS[kind] if step == 0 else LATER_STEPS[kind])
            headline = r.choice(headlines)
            explanation = f"{r.choice(FILLER)}\n\n{r.choice(FILLER)}"
            if draft_only or (pending_follow_up and step == count - 1):
                published_at = None
            else:
                published_at = datetime.combine(checked_on, time(r.randrange(7, 20), r.randrange(60)), tzinfo=UTC)
            verdicts.append((rating, headline, explanation, checked_on, published_at))
        return verdicts

    def sources(self, verdict: int, rating: str, citable: list[tuple[int, str]], rows: list) -> None:
        """Add the evidence for a verdict to `rows`: at least one source for a rated verdict, a
        fifth citing an article of the batch (the others a web page)."""
        r = self.random
        count = r.randrange(0, 2) if rating == Rating.NOT_YET_RATED else r.randrange(1, 3)
        for order in range(1, count + 1):
            if r.random() < 0.2:
                cited, title = r.choice(citable)
                rows.append((verdict, order, title, cited))
            else:
                rows.append((verdict, order, r.choice(SOURCE_TITLES), None))

    def current(self, kind: str, published: list[tuple], corrected: set[int]) -> tuple:
        """A statement's current verdict (position) and rating, first publication, last update and
        standing, from its published verdicts (position, rating, checked_on, published_at) oldest
        first, as publishing.refresh_current_verdict() computes them; adds its moves to the run's."""
        if not published:
            return None, "", None, None, []
        by_month: dict[str, str] = {}
        for _, rating, checked_on, _ in published:
            by_month[f"{checked_on.year:04d}-{checked_on.month:02d}"] = rating
        standing = [[month, rating] for month, rating in by_month.items()]
        for index, (month, rating) in enumerate(standing):
            self.moves.setdefault((kind, month, rating), [0, 0])[0] += 1
            if index + 1 < len(standing):
                self.moves.setdefault((kind, standing[index + 1][0], rating), [0, 0])[1] += 1
        last_update = max(verdict[3] for verdict in published)
        if any(verdict[0] in corrected for verdict in published):
            last_update = max(last_update, self.now)
        current, current_rating = published[-1][:2]
        return current, current_rating, published[0][3], last_update, standing


def generate_newsroom(
    *,
    articles: int,
    seed: int = 1,
    drafts_ratio: float = 0.1,
    batch_size: int = 1000,
    progress: Callable[[int], None] | None = None,
    dry_run: bool = False,
) -> GenerationReport:
    """Add `articles` synthetic articles with their statements, verdicts, sources and corrections
    (with `dry_run`, generate and write them all, then roll back).

    Each batch is drawn in a thread while the one before is written: the database works while
    Python draws (the thread waiting on the database lets the other run)."""
    if articles < 1:
        raise ValueError("Generate at least one article.")
    if not 0 <= drafts_ratio <= 1:
        raise ValueError("The drafts ratio is a share between 0 and 1.")
    if batch_size < 1:
        raise ValueError("A batch holds at least one article.")
    report = GenerationReport()
    with transaction.atomic():
        run = (Article.objects.aggregate(last=Max("pk"))["last"] or 0) + 1
        database = _Database()
        newsroom = _Newsroom(
            seed=seed,
            drafts_ratio=drafts_ratio,
            run=run,
            speakers=min(5000, max(10, articles // 10)),
            database=database,
        )
        report.speakers = len(newsroom.speakers)
        batches = [
            range(run + first, run + min(first + batch_size, articles)) for first in range(0, articles, batch_size)
        ]
        with database.checking_as_written(), ThreadPoolExecutor(max_workers=1) as drawing:
            drawn = drawing.submit(newsroom.draw, batches[0])
            for numbers, following in zip(batches, [*batches[1:], None], strict=True):
                batch = drawn.result()
                if following:
                    drawn = drawing.submit(newsroom.draw, following)
                _write_batch(database, batch, newsroom.now, report)
                if progress:
                    progress(len(numbers))
        _add_moves(newsroom.moves)
        _add_term_counts(newsroom.term_counts)
        recount()  # speakers' and topics' tallies of public statements (factcheck.tallies)
        if dry_run:
            transaction.set_rollback(True)
        else:
            # COPY sends no signals: cached public pages are dropped once the rows are committed.
            transaction.on_commit(forget_public_pages)
    return report


def _add_moves(moves: dict[tuple[str, str, str], list[int]]) -> None:
    """Add the run's moves to the StandingChange totals: what standings.apply_moves() does, in a
    few upserts rather than three queries per (kind, month, rating). Adding (not overwriting)
    in the database keeps totals right beside an editor publishing at the same time."""
    table = connection.ops.quote_name(StandingChange._meta.db_table)
    left = connection.ops.quote_name("left")
    rows = [
        (kind, connection.ops.adapt_datefield_value(date(int(month[:4]), int(month[5:]), 1)), rating, *counts)
        for (kind, month, rating), counts in moves.items()
    ]
    with connection.cursor() as cursor:
        for first in range(0, len(rows), 500):
            chunk = rows[first : first + 500]
            values = ", ".join(["(%s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (kind, month, rating, arrived, {left}) VALUES {values} "
                f"ON CONFLICT (kind, month, rating) DO UPDATE SET arrived = {table}.arrived + excluded.arrived, "
                f"{left} = {table}.{left} + excluded.{left}",
                [value for row in chunk for value in row],
            )


def _add_term_counts(counts: Counter[str]) -> None:
    """Add the run's statements to the evidence finder's term counts (factcheck.evidence), a few upserts."""
    table = connection.ops.quote_name(EvidenceTermCount._meta.db_table)
    rows = list(counts.items())
    with connection.cursor() as cursor:
        for first in range(0, len(rows), 500):
            chunk = rows[first : first + 500]
            values = ", ".join(["(%s, %s)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (term, statements) VALUES {values} "
                f"ON CONFLICT (term) DO UPDATE SET statements = {table}.statements + excluded.statements",
                [value for row in chunk for value in row],
            )


def _deadline(quote: str, words: dict) -> Deadline | None:
    """The deadline the generated pledge names, as an editor would confirm it."""
    if f"by {words['year']}" in quote:
        return Deadline(DuePrecision.YEAR, words["year"], phrase=f"by {words['year']}")
    if f"before {words['year']}" in quote:
        return Deadline(DuePrecision.YEAR, words["year"] - 1, phrase=f"before {words['year']}")
    if "every single year" in quote:
        return Deadline(DuePrecision.RECURRING, every=Recurrence.YEAR, phrase="every single year")
    return None


def _write_batch(database: _Database, batch: _Batch, now: datetime, report: GenerationReport) -> None:
    """Take the batch's ids, turn its positions into them, and write it, parents first (but verdicts
    before their statements)."""
    article_ids = database.take(Article, len(batch.articles))
    statement_ids = database.take(Statement, len(batch.statements))
    verdict_ids = database.take(Verdict, len(batch.verdicts))
    articles = [(pk, *article) for pk, article in zip(article_ids, batch.articles, strict=True)]
    statements = []
    for pk, statement, (current, *columns) in zip(statement_ids, batch.statements, batch.currents, strict=True):
        current_id = None if current is None else verdict_ids[current]
        statements.append((pk, article_ids[statement[0]], *statement[1:], now, now, 1, current_id, *columns))
    topics = [(statement_ids[statement], topic) for statement, topic in batch.topics]
    terms = [(term, statement_ids[statement]) for term, statement in batch.terms]
    verdicts = []
    for pk, (statement, *columns, published_at) in zip(verdict_ids, batch.verdicts, strict=True):
        status = DRAFT if published_at is None else PUBLISHED
        verdicts.append((pk, statement_ids[statement], *columns, status, published_at, now, now, 1))
    sources = []
    for verdict, order, title, cited in batch.sources:
        pk, checked_on = verdict_ids[verdict], batch.verdicts[verdict][4]
        if cited is None:
            url = f"https://data.example.gov.uk/releases/{pk}/{order}"
            sources.append((pk, order, title, url, None, "", checked_on))
        else:
            sources.append((pk, order, title, "", article_ids[cited], "", checked_on))
    corrections = []
    for verdict in batch.corrected:
        checked_on = batch.verdicts[verdict][4]
        changes = {"checked_on": [str(checked_on - timedelta(days=1)), str(checked_on)]}
        corrections.append((verdict_ids[verdict], CORRECTION_NOTE, changes, now))
    database.write(Article, ARTICLE_COLUMNS, articles)
    database.write(Verdict, VERDICT_COLUMNS, verdicts)  # before their statements: see the module's docstring
    database.write(Statement, STATEMENT_COLUMNS, statements)
    database.check_batch()
    database.write(Statement.topics.through, TOPIC_COLUMNS, topics)
    database.write(EvidenceTerm, EVIDENCE_TERM_COLUMNS, terms)
    database.write(Source, SOURCE_COLUMNS, sources)
    database.write(Correction, CORRECTION_COLUMNS, corrections)
    published = sum(1 for verdict in batch.verdicts if verdict[5] is not None)
    report.articles += len(articles)
    report.statements += len(statements)
    report.public_statements += sum(1 for current in batch.currents if current[0] is not None)
    report.verdicts += len(verdicts)
    report.published_verdicts += published
    report.draft_verdicts += len(verdicts) - published
    report.sources += len(sources)
    report.corrections += len(corrections)
