"""Everything the database keeps that can be computed again from the desk's own rows: check it, repair it.

The services keep these copies in step as they write (publishing.refresh_current_verdict, the
tallies, the standings, PostgreSQL's search-document triggers); a write that goes around them
(a shell, raw SQL, a deleted published verdict) would leave readers' pages wrong without anybody
noticing. `find_drift` recomputes each store from the source rows and lists every difference;
`repair` rewrites what differs, in one transaction.

- each statement's copy of its current verdict: current verdict, rating, public dates, standing
  (from its published verdicts and public corrections, as `publishing.copied_values` computes it);
- the tracker's running totals (StandingChange) from every statement's standing;
- speakers' and topics' counts of public statements (factcheck.tallies);
- on PostgreSQL, every statement's search document (migration 0010's function);
- the evidence finder's index (factcheck.evidence): each statement's terms, as the analysis
  computes them now. A change to the analysis (factcheck.textprofile) leaves older statements'
  terms stale, and a statement written around the services is in no index; both are reported.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Max

from .caching import forget_public_pages
from .evidence import rebuild_index, statement_profile
from .models import Correction, EvidenceTerm, Speaker, StandingChange, Statement, Topic, Verdict
from .publishing import copied_values
from .standings import moves
from .tallies import recount

CHUNK = 5_000
COPIED = ("current_verdict_id", "current_rating", "first_published_at", "last_update_at", "standing")


@dataclass(frozen=True)
class Difference:
    """One value the database holds that its source rows say should be another."""

    store: str
    what: str
    found: object
    expected: object

    def __str__(self) -> str:
        return f"{self.store}: {self.what} is {self.found!r}, should be {self.expected!r}"


@dataclass
class Drift:
    """Every difference found, and what repairing them needs."""

    differences: list[Difference] = field(default_factory=list)
    statements: dict[int, dict] = field(default_factory=dict)  # pk -> the copied values it should have
    standings: bool = False
    tallies: bool = False
    documents: list[int] = field(default_factory=list)
    evidence_index: bool = False

    def __bool__(self) -> bool:
        return bool(self.differences)


def find_drift() -> Drift:
    """Recompute every derived store from the source rows and list each difference. Writes nothing."""
    drift = Drift()
    expected_moves: Counter = Counter()
    public_by_speaker: Counter = Counter()
    public_ids: set[int] = set()
    for rows in _statement_chunks():
        expected = _copied_values(rows)
        for pk, title, kind, speaker_id, *found in rows:
            values = expected[pk]
            for name, value in zip(COPIED, found, strict=True):
                if value != values[name]:
                    what = f"statement {pk} “{title}” {name}"
                    drift.differences.append(Difference("statement", what, value, values[name]))
                    drift.statements[pk] = values
            expected_moves.update(moves(kind, values["standing"]))
            if values["current_verdict_id"] is not None:
                public_by_speaker[speaker_id] += 1
                public_ids.add(pk)
    _compare_standings(drift, expected_moves)
    _compare_tallies(drift, public_by_speaker, public_ids)
    _compare_documents(drift)
    _compare_evidence_index(drift)
    return drift


def repair(drift: Drift) -> None:
    """Rewrite what `find_drift` found wrong, in one transaction; public pages are dropped after it."""
    with transaction.atomic():
        for pk, values in drift.statements.items():
            Statement.objects.filter(pk=pk).update(**values)
        if drift.standings:
            _rewrite_standings()
        if drift.tallies:
            recount()
        if drift.documents:
            Statement.objects.filter(pk__in=drift.documents).update(search_document=None)  # the trigger recomputes
        if drift.evidence_index:
            rebuild_index()
        transaction.on_commit(forget_public_pages)


def _statement_chunks() -> Iterator[list[tuple]]:
    return _chunks(Statement.objects.values_list("pk", "title", "kind", "speaker_id", *COPIED))


def _copied_values(rows: list[tuple]) -> dict[int, dict]:
    """What each statement of a chunk should hold, from its published verdicts and public corrections."""
    ids = [row[0] for row in rows]
    published: dict[int, list] = {pk: [] for pk in ids}
    for statement_id, *verdict in (
        Verdict.objects.published()
        .filter(statement_id__in=ids)
        .values_list("statement_id", "pk", "rating", "checked_on", "published_at")
    ):
        published[statement_id].append(tuple(verdict))
    corrected = _latest(
        Correction.objects.filter(verdict__status=Verdict.Status.PUBLISHED, verdict__statement_id__in=ids),
        "verdict__statement_id",
    )
    for pk, at in _latest(Correction.objects.filter(statement_id__in=ids), "statement_id").items():
        corrected[pk] = max(at, corrected.get(pk, at))
    article_of = dict(Statement.objects.filter(pk__in=ids).values_list("pk", "article_id"))
    by_article = _latest(Correction.objects.filter(article_id__in=set(article_of.values())), "article_id")
    for pk, article_id in article_of.items():
        if article_id in by_article:
            corrected[pk] = max(by_article[article_id], corrected.get(pk, by_article[article_id]))
    return {pk: copied_values(published[pk], corrected.get(pk) if published[pk] else None) for pk in ids}


def _latest(corrections, key: str) -> dict:
    return dict(corrections.order_by().values(key).annotate(last=Max("created_at")).values_list(key, "last"))


def _compare_standings(drift: Drift, expected_moves: Counter) -> None:
    expected: dict[tuple, list[int]] = {}
    for (kind, month, rating, direction), n in expected_moves.items():
        expected.setdefault((kind, f"{month}-01", rating), [0, 0])[0 if direction == "arrived" else 1] += n
    found = {
        (kind, month.isoformat(), rating): [arrived, left]
        for kind, month, rating, arrived, left in StandingChange.objects.values_list(
            "kind", "month", "rating", "arrived", "left"
        )
        if arrived or left
    }
    for key in sorted(set(expected) | set(found)):
        if expected.get(key, [0, 0]) != found.get(key, [0, 0]):
            drift.standings = True
            what = "{}s, {}, {} [arrived, left]".format(*key)
            drift.differences.append(Difference("running totals", what, found.get(key), expected.get(key)))


def _rewrite_standings() -> None:
    expected_moves: Counter = Counter()
    for kind, standing in Statement.objects.values_list("kind", "standing").iterator(chunk_size=CHUNK):
        expected_moves.update(moves(kind, standing))
    StandingChange.objects.all().delete()
    rows: dict[tuple, StandingChange] = {}
    for (kind, month, rating, direction), n in expected_moves.items():
        row = rows.setdefault((kind, month, rating), StandingChange(kind=kind, month=f"{month}-01", rating=rating))
        setattr(row, direction, getattr(row, direction) + n)
    StandingChange.objects.bulk_create(rows.values(), batch_size=1_000)


def _compare_tallies(drift: Drift, public_by_speaker: Counter, public_ids: set[int]) -> None:
    for pk, name, count in Speaker.objects.values_list("pk", "name", "public_statements"):
        if count != public_by_speaker.get(pk, 0):
            drift.tallies = True
            what = f"speaker {pk} “{name}”"
            drift.differences.append(Difference("speaker tally", what, count, public_by_speaker.get(pk, 0)))
    by_topic: Counter = Counter()
    links = Statement.topics.through.objects.values_list("statement_id", "topic_id")
    for statement_id, topic_id in links.iterator(chunk_size=CHUNK):
        if statement_id in public_ids:
            by_topic[topic_id] += 1
    for pk, name, count in Topic.objects.values_list("pk", "name", "public_statements"):
        if count != by_topic.get(pk, 0):
            drift.tallies = True
            drift.differences.append(Difference("topic tally", f"topic {pk} “{name}”", count, by_topic.get(pk, 0)))


def _compare_documents(drift: Drift) -> None:
    """PostgreSQL only: documents that differ from what the statement's trigger would compute now."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id, title FROM factcheck_statement "
            "WHERE search_document IS DISTINCT FROM factcheck_statement_document(id, title, quote) ORDER BY id"
        )
        for pk, title in cursor.fetchall():
            drift.documents.append(pk)
            drift.differences.append(Difference("search document", f"statement {pk} “{title}”", "stale", "current"))


def _compare_evidence_index(drift: Drift) -> None:
    """Each statement's indexed terms against what factcheck.evidence computes from it now. (How many
    statements and articles hold each term are statistics, not copies: deletions leave them as they
    were; a repair counts them afresh too.)"""
    for rows in _chunks(Statement.objects.values_list("pk", "title", "quote", "success_criteria", "speaker__name")):
        indexed: dict[int, set[str]] = defaultdict(set)
        for pk, term in EvidenceTerm.objects.filter(statement_id__in=[row[0] for row in rows]).values_list(
            "statement_id", "term"
        ):
            indexed[pk].add(term)
        for pk, title, quote, criteria, speaker in rows:
            terms = statement_profile(title=title, quote=quote, success_criteria=criteria, speaker=speaker).terms
            if indexed[pk] != terms:
                drift.evidence_index = True
                what = f"statement {pk} “{title}” terms that differ"
                drift.differences.append(
                    Difference("evidence index", what, sorted(indexed[pk] - terms), sorted(terms - indexed[pk]))
                )


def _chunks(rows) -> Iterator[list[tuple]]:
    """Rows (a values_list whose first value is the primary key) in primary-key order, a chunk at a time."""
    last = 0
    while chunk := list(rows.filter(pk__gt=last).order_by("pk")[:CHUNK]):
        yield chunk
        last = chunk[-1][0]
