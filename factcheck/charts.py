"""The tracker's chart: how the pledges' ratings stood at the end of each month, drawn as SVG.

The geometry is worked out here in percentages so the template only draws rectangles; the
same figures go into a table under the chart for readers who cannot see it.
"""

import calendar
import datetime
from dataclasses import dataclass

from .scales import Kind, Step, scale_for
from .standings import monthly_changes

MAX_SNAPSHOTS = 8
ROW_HEIGHT = 46
LABEL_HEIGHT = 18
BAR_HEIGHT = 20


@dataclass(frozen=True)
class Segment:
    step: Step
    count: int
    x: float  # percentage of the bar's width
    width: float


@dataclass(frozen=True)
class Snapshot:
    day: datetime.date
    total: int
    segments: list[Segment]
    label_y: int
    bar_y: int

    @property
    def counts(self) -> list[int]:
        return [segment.count for segment in self.segments]


@dataclass(frozen=True)
class HistoryChart:
    kind: Kind
    steps: tuple[Step, ...]
    snapshots: list[Snapshot]
    height: int

    def summary(self) -> str:
        """A sentence describing the chart, for its <desc> and screen readers."""
        if not self.snapshots:
            return "No pledges have a published verdict yet."
        first, last = self.snapshots[0], self.snapshots[-1]
        now = ", ".join(f"{segment.count} {segment.step.label.lower()}" for segment in last.segments if segment.count)
        if first is last:
            pledges = "1 pledge" if last.total == 1 else f"{last.total} pledges"
            return f"At the end of {last.day:%B %Y}, {pledges} had a verdict: {now}."
        return (
            f"From {first.day:%B %Y} to {last.day:%B %Y} the number of pledges with a verdict went from "
            f"{first.total} to {last.total}. At the end of {last.day:%B %Y}: {now}."
        )


def _month_end(year: int, month: int, today: datetime.date) -> datetime.date:
    return min(datetime.date(year, month, calendar.monthrange(year, month)[1]), today)


def _pick(months: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """At most MAX_SNAPSHOTS months, evenly spread, always the first and the last."""
    if len(months) <= MAX_SNAPSHOTS:
        return months
    step = (len(months) - 1) / (MAX_SNAPSHOTS - 1)
    return [months[round(i * step)] for i in range(MAX_SNAPSHOTS)]


def rating_history(*, today: datetime.date, kind: Kind = Kind.PLEDGE) -> HistoryChart:
    """Each statement's rating as it stood at the end of each month with a published check. One query.

    Read from the monthly running totals in `standings` (a few hundred rows), not from the verdicts.
    """
    scale = scale_for(kind)
    rows = monthly_changes(kind)
    months = sorted({(month.year, month.month) for month, _, arrived, _ in rows if arrived})
    snapshots = []
    standing: dict[str, int] = {}
    position = 0
    for index, (year, month) in enumerate(_pick(months)):
        day = _month_end(year, month, today)
        while position < len(rows) and (rows[position][0].year, rows[position][0].month) <= (year, month):
            _, rating, arrived, left = rows[position]
            standing[rating] = standing.get(rating, 0) + arrived - left
            position += 1
        counts = [standing.get(step.rating, 0) for step in scale.steps]
        total = sum(counts)
        segments, x = [], 0.0
        for step, count in zip(scale.steps, counts, strict=True):
            width = 100 * count / total if total else 0
            segments.append(Segment(step=step, count=count, x=round(x, 3), width=round(width, 3)))
            x += width
        top = index * ROW_HEIGHT
        snapshots.append(
            Snapshot(day=day, total=total, segments=segments, label_y=top + 14, bar_y=top + LABEL_HEIGHT + 4)
        )
    return HistoryChart(kind=kind, steps=scale.steps, snapshots=snapshots, height=len(snapshots) * ROW_HEIGHT)
