"""How public statements stood, month by month, kept as running totals so the tracker never scans them.

A statement's *standing* is the list of months in which its rating as at the month's end was set,
each with that rating: its published verdicts oldest first (checked_on, published_at, id), the
last of each month kept. Each entry means the statement *arrived* at that rating in that month
and, from the next entry's month on, *left* it. Summed over every statement into StandingChange
rows (kind, month, rating, arrived, left):
- the ratings as at the end of month M are the sums of (arrived - left) over months up to M: the
  tracker's chart, from a few hundred rows whatever the number of statements;
- summed over all months they are the current ratings: the tracker's scoreboard.

publishing.refresh_current_verdict() recomputes a statement's standing whenever what is published
changes and applies the difference to the totals, in the same transaction; the generator and the
data migration fill both in bulk.
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models import F, Sum

from .models import StandingChange

Standing = list[list[str]]  # [["2024-03", "kept"], ...], oldest first (JSON-friendly)


def standing_of(verdicts: Iterable[tuple[datetime.date, str]]) -> Standing:
    """The standing of a statement from its published (checked_on, rating) pairs, oldest first."""
    by_month: dict[str, str] = {}
    for checked_on, rating in verdicts:
        by_month[f"{checked_on:%Y-%m}"] = rating
    return [[month, rating] for month, rating in by_month.items()]


def moves(kind: str, standing: Standing) -> Counter:
    """(kind, month, rating, "arrived" | "left") -> 1 for each move in a standing."""
    counts: Counter = Counter()
    for index, (month, rating) in enumerate(standing):
        counts[(kind, month, rating, "arrived")] += 1
        if index + 1 < len(standing):
            counts[(kind, standing[index + 1][0], rating, "left")] += 1
    return counts


def apply_moves(counts: Counter) -> None:
    """Add `counts` (negative to take away) to the StandingChange totals."""
    totals: dict[tuple[str, str, str], dict[str, int]] = {}
    for (kind, month, rating, direction), n in counts.items():
        if n:
            totals.setdefault((kind, month, rating), {"arrived": 0, "left": 0})[direction] += n
    for (kind, month, rating), change in totals.items():
        day = datetime.date.fromisoformat(f"{month}-01")
        row, _ = StandingChange.objects.select_for_update().get_or_create(kind=kind, month=day, rating=rating)
        StandingChange.objects.filter(pk=row.pk).update(
            arrived=F("arrived") + change["arrived"], left=F("left") + change["left"]
        )


def change_standing(kind: str, before: Standing, after: Standing) -> None:
    """Move one statement's contribution to the totals from `before` to `after`."""
    if before == after:
        return
    counts = moves(kind, after)
    counts.subtract(moves(kind, before))
    apply_moves(counts)


def current_counts() -> dict[tuple[str, str], int]:
    """(kind, rating) -> how many public statements stand at that rating now. One query."""
    rows = (
        StandingChange.objects.order_by()
        .values_list("kind", "rating")
        .annotate(n=Sum("arrived") - Sum("left"))
        .filter(n__gt=0)
    )
    return {(kind, rating): n for kind, rating, n in rows}


def monthly_changes(kind: str) -> list[tuple[datetime.date, str, int, int]]:
    """(month, rating, arrived, left) for a kind, oldest month first. One query."""
    return list(
        StandingChange.objects.filter(kind=kind)
        .order_by("month", "rating")
        .values_list("month", "rating", "arrived", "left")
    )
