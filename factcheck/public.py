"""Read-only queries for the public site. Every one starts from the publication gate.

`Statement.objects.public()` and `Verdict.objects.published()` decide what readers may
see; the helpers here only add what the pages need to show it, in a fixed number of
queries whatever the number of rows.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from .models import Article, Correction, Outlet, Source, Speaker, Statement, Topic, Verdict
from .scales import SCALES, Kind, Step
from .standings import current_counts


def published_verdicts() -> QuerySet[Verdict]:
    return Verdict.objects.published()


def public_statements() -> QuerySet[Statement]:
    """Public statements with their current verdict's headline and date, ready for a list.

    The current rating and the dates are columns of the statement (see
    publishing.refresh_current_verdict); the current verdict (its headline and date) is joined
    on its primary key. No subquery per row, whatever the number of rows.
    """
    return Statement.objects.public().with_current_verdict().select_related("speaker", "article__outlet")


def listed_statements() -> QuerySet[Statement]:
    """Public statements as the lists show them: without their articles' text (tens of
    kilobytes a row), which only a statement's own page quotes from."""
    return public_statements().defer("article__body", "article__original_text")


def in_order(statements: QuerySet[Statement], pks: list[int]) -> list[Statement]:
    """The statements with these primary keys, in the keys' order (one query)."""
    found = statements.in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def last_corrected_at(verdicts: list[Verdict], others: list[Correction] = ()):
    """The latest correction among `verdicts`' (prefetched by with_timeline) and `others`, or None."""
    return max(
        (
            *(correction.created_at for verdict in verdicts for correction in verdict.corrections.all()),
            *(correction.created_at for correction in others),
        ),
        default=None,
    )


def public_corrections() -> QuerySet[Correction]:
    """Corrections readers may see (Correction.objects.public()), newest first, with what each corrects."""
    return (
        Correction.objects.public()
        .select_related("verdict__statement__speaker", "statement__speaker", "article__outlet")
        .order_by("-created_at", "-pk")
    )


def record_corrections(statement: Statement) -> list[Correction]:
    """Corrections to a public statement itself and to its article, and those to its verdicts that
    were withdrawn (the note saying why: the verdict itself is no longer shown), oldest first. One query."""
    withdrawn = Q(verdict__statement=statement, verdict__published_at__isnull=False) & ~Q(
        verdict__status=Verdict.Status.PUBLISHED
    )
    return list(
        Correction.objects.filter(Q(statement=statement) | Q(article_id=statement.article_id) | withdrawn).order_by(
            "created_at", "pk"
        )
    )


def with_timeline(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    """Prefetch the published verdicts (newest first), their sources and corrections, and topics."""
    return statements.prefetch_related(
        Prefetch(
            "verdicts",
            queryset=published_verdicts()
            .latest_first()
            .prefetch_related(
                Prefetch("sources", queryset=Source.objects.select_related("article")),
                Prefetch("corrections", queryset=Correction.objects.order_by("created_at", "pk")),
            ),
            to_attr="published_verdicts",
        ),
        "topics",
    )


def _has_public(model, statements: QuerySet[Statement], link: str) -> QuerySet:
    """Rows of `model` with at least one public statement, tested row by row with LIMIT 1.

    A scalar subquery rather than EXISTS: PostgreSQL turned the EXISTS into a semi-join that
    hashed every statement of each topic (over a second at a million statements); this walks
    the row's own index entries and stops at the first public statement.
    """
    first = statements.filter(current_verdict__isnull=False, **{link: OuterRef("pk")}).order_by().values("pk")[:1]
    return model.objects.alias(first_public=Subquery(first)).filter(first_public__isnull=False)


def public_speakers() -> QuerySet[Speaker]:
    return _has_public(Speaker, Statement.objects.all(), "speaker")


def public_outlets() -> QuerySet[Outlet]:
    return _has_public(Outlet, Statement.objects.all(), "article__outlet")


def public_topics() -> QuerySet[Topic]:
    """Topics with at least one public statement, from their running tallies (factcheck.tallies),
    as the tracker lists them: testing each topic's statements cost a query per page that grew
    with the number of topics."""
    return Topic.objects.filter(public_statements__gt=0)


def years_said() -> list[int]:
    """The years public statements were made in, newest first (statements with no date are left out).

    Two small queries whatever the number of statements, rather than a DISTINCT over all of them:
    the span of article dates (the two ends of an index), then one EXISTS per year of that span,
    each stopping at the first public statement it meets. The EXISTS is built by the ORM once and
    repeated with each year's bounds: building it per year cost more than running them all.
    """
    span = Article.objects.aggregate(first=Min("published_at"), last=Max("published_at"))
    if span["first"] is None:
        return []
    years = range(timezone.localtime(span["last"]).year, timezone.localtime(span["first"]).year - 1, -1)
    field = Article._meta.get_field("published_at")

    def start_of(year: int):
        return field.get_db_prep_value(timezone.make_aware(datetime.datetime(year, 1, 1)), connection)

    said = Statement.objects.public().filter(
        article__published_at__gte=span["first"], article__published_at__lt=span["last"]
    )
    # Ordered, so the planner reads the year's articles from the published_at index.
    sql, params = said.order_by("-article__published_at").values("pk")[:1].query.sql_with_params()
    if len(params) != 2:  # the year's bounds must be its only parameters
        raise AssertionError(f"unexpected parameters in the year query: {params!r}")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT " + ", ".join(f"EXISTS ({sql})" for _ in years),
            [bound for year in years for bound in (start_of(year), start_of(year + 1))],
        )
        found = cursor.fetchone()
    return [year for year, exists in zip(years, found, strict=True) if exists]


@dataclass(frozen=True)
class RatingCount:
    step: Step
    count: int
    share: float  # 0–100, of the kind's total
    url: str  # the statement list filtered to this rating


@dataclass(frozen=True)
class KindScore:
    kind: Kind
    total: int
    ratings: list[RatingCount]
    url: str

    @property
    def plural(self) -> str:
        return f"{self.kind.label.lower()}s"


def scoreboard(statements: QuerySet[Statement], **extra_filters: str) -> list[KindScore]:
    """How many of `statements` stand at each rating, per kind, in one query (GROUP BY on columns).

    `extra_filters` are added to the links (e.g. speaker=<slug> on a speaker's page).
    """
    rows = statements.order_by().values_list("kind", "current_rating").annotate(n=Count("pk"))
    return scores_from({(kind, rating): n for kind, rating, n in rows}, **extra_filters)


def site_scoreboard() -> list[KindScore]:
    """The scoreboard of every public statement, from the monthly running totals: one small query."""
    return scores_from(current_counts())


def scores_from(counts: dict[tuple[str, str], int], **extra_filters: str) -> list[KindScore]:
    list_url = reverse("factcheck:statement_list")
    scores = []
    for kind, scale in SCALES.items():
        total = sum(n for (k, _), n in counts.items() if k == kind)
        ratings = [
            RatingCount(
                step=step,
                count=counts.get((kind, step.rating.value), 0),
                share=100 * counts.get((kind, step.rating.value), 0) / total if total else 0,
                url=f"{list_url}?{urlencode({'kind': kind, 'rating': step.rating.value, **extra_filters})}",
            )
            for step in scale.steps
        ]
        scores.append(
            KindScore(
                kind=Kind(kind),
                total=total,
                ratings=ratings,
                url=f"{list_url}?{urlencode({'kind': kind, **extra_filters})}",
            )
        )
    return scores
