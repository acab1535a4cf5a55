"""Pledge deadlines: what "in early 2011", "this September" or "annually" mean as dates.

Pure functions, no database. A deadline keeps the precision the pledge gave (a day, a month, a
season or part of a year, a year, or a recurrence): readers see "Due: early 2011", never a day the
speaker did not name. `due_by` is the last day of that period, which is when a pledge becomes
overdue. `suggest_deadline` reads a quote (relative phrases need the article's date and are left
unset, with a note, without one); `parse_deadline` reads what an editor types in the same words.
The rules about which statements may have a deadline live in factcheck.followup.
"""

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models


class DuePrecision(models.TextChoices):
    DAY = "day", "A day"
    MONTH = "month", "A month"
    PERIOD = "period", "A season or part of a year"
    YEAR = "year", "A year"
    RECURRING = "recurring", "Recurring"


class YearPeriod(models.TextChoices):
    """Parts of a year a deadline may name, in the pledge's own words."""

    EARLY = "early", "early"
    MID = "mid", "mid"
    LATE = "late", "late"
    SPRING = "spring", "spring"
    SUMMER = "summer", "summer"
    AUTUMN = "autumn", "autumn"
    WINTER = "winter", "winter"


class Recurrence(models.TextChoices):
    YEAR = "year", "every year"
    QUARTER = "quarter", "every quarter"
    MONTH = "month", "every month"


# First and last month of each period; winter runs from December into the next year's February.
PERIOD_MONTHS = {
    YearPeriod.EARLY: (1, 4),
    YearPeriod.MID: (5, 8),
    YearPeriod.LATE: (9, 12),
    YearPeriod.SPRING: (3, 5),
    YearPeriod.SUMMER: (6, 8),
    YearPeriod.AUTUMN: (9, 11),
    YearPeriod.WINTER: (12, 14),
}
RECURRENCE_MONTHS = {Recurrence.YEAR: 12, Recurrence.QUARTER: 3, Recurrence.MONTH: 1}
FIRST_YEAR, LAST_YEAR = 1900, 2200
EXAMPLES = "17 March 2011, September 2011, early 2011, summer 2011, 2011 or every year"


def month_end(year: int, month: int) -> date:
    """The last day of a month; `month` may run past 12 into the next year."""
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: date, months: int) -> date:
    """The same day `months` later (the month's last day if it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


@dataclass(frozen=True)
class Deadline:
    """A deadline at the precision the pledge gave it; `phrase` is the pledge's own words for it."""

    precision: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    period: str = ""
    every: str = ""
    phrase: str = ""

    def __post_init__(self):
        if self.precision == DuePrecision.RECURRING:
            if self.every not in Recurrence.values:
                raise ValidationError("A recurring deadline needs a period: every year, quarter or month.")
            return
        if self.year is None or not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise ValidationError(f"A deadline's year must be between {FIRST_YEAR} and {LAST_YEAR}.")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValidationError(f"There is no month {self.month}.")
        if self.precision == DuePrecision.DAY:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= (self.day or 0) <= last:
                month = calendar.month_name[self.month]
                raise ValidationError(
                    f"{self.day} {month} {self.year} is not a date: {month} {self.year} has {last} days."
                )
        if self.precision == DuePrecision.PERIOD and self.period not in YearPeriod.values:
            raise ValidationError(f"“{self.period}” is not a part of a year.")

    @property
    def starts(self) -> date | None:
        """The first day of the deadline's period."""
        if self.precision == DuePrecision.DAY:
            return date(self.year, self.month, self.day)
        if self.precision == DuePrecision.MONTH:
            return date(self.year, self.month, 1)
        if self.precision == DuePrecision.PERIOD:
            return date(self.year, PERIOD_MONTHS[self.period][0], 1)
        if self.precision == DuePrecision.YEAR:
            return date(self.year, 1, 1)
        return None

    @property
    def due_by(self) -> date | None:
        """The last day of the deadline's period: after it, the pledge is overdue."""
        if self.precision == DuePrecision.DAY:
            return date(self.year, self.month, self.day)
        if self.precision == DuePrecision.MONTH:
            return month_end(self.year, self.month)
        if self.precision == DuePrecision.PERIOD:
            return month_end(self.year, PERIOD_MONTHS[self.period][1])
        if self.precision == DuePrecision.YEAR:
            return date(self.year, 12, 31)
        return None

    @property
    def label(self) -> str:
        """The deadline in words, at its own precision: "early 2011", "September 2009", "every year"."""
        if self.precision == DuePrecision.DAY:
            return f"{self.day} {calendar.month_name[self.month]} {self.year}"
        if self.precision == DuePrecision.MONTH:
            return f"{calendar.month_name[self.month]} {self.year}"
        if self.precision == DuePrecision.PERIOD:
            return f"mid-{self.year}" if self.period == YearPeriod.MID else f"{self.period} {self.year}"
        if self.precision == DuePrecision.YEAR:
            return str(self.year)
        return Recurrence(self.every).label

    @property
    def reader_text(self) -> str:
        """What readers see: "Due: early 2011", or "Every year"."""
        if self.precision == DuePrecision.RECURRING:
            return self.label[:1].upper() + self.label[1:]
        return f"Due: {self.label}"

    @property
    def period_months(self) -> int | None:
        """For a recurring pledge, how many months each period lasts."""
        return RECURRENCE_MONTHS.get(self.every)

    def same_dates(self, other: "Deadline | None") -> bool:
        return other is not None and replace(self, phrase="") == replace(other, phrase="")

    def as_fields(self) -> dict:
        """The statement's columns for this deadline."""
        return {
            "due_precision": self.precision,
            "due_year": self.year,
            "due_month": self.month,
            "due_day": self.day,
            "due_period": self.period,
            "due_every": self.every,
            "due_by": self.due_by,
            "due_phrase": self.phrase[:200],
        }

    @classmethod
    def from_statement(cls, statement) -> "Deadline | None":
        if not statement.due_precision:
            return None
        return cls(
            precision=statement.due_precision,
            year=statement.due_year,
            month=statement.due_month,
            day=statement.due_day,
            period=statement.due_period,
            every=statement.due_every,
            phrase=statement.due_phrase,
        )


NO_DEADLINE_FIELDS = {
    "due_precision": "",
    "due_year": None,
    "due_month": None,
    "due_day": None,
    "due_period": "",
    "due_every": "",
    "due_by": None,
    "due_phrase": "",
}


@dataclass(frozen=True)
class DeadlineSuggestion:
    """What the quote says about a deadline: one to confirm, or a note saying why there is none."""

    deadline: Deadline | None
    note: str = ""


# -- Reading the words ------------------------------------------------------------------------

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
MONTH = r"(?P<month>" + MONTH_NAMES + r")\.?"
YEAR = r"(?P<year>(?:19|20|21)\d\d)"
SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn", "winter": "winter"}
PARTS = {"early": "early", "start": "early", "beginning": "early", "mid": "mid", "middle": "mid", "late": "late"}
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "fifteen": 15, "twenty": 20,
    "a couple of": 2, "a few": 3,
}  # fmt: skip
NUMBER = r"(?P<count>\d{1,2}|" + "|".join(sorted(NUMBERS, key=len, reverse=True)) + r")"


def _pattern(text: str) -> re.Pattern:
    return re.compile(r"\b" + text + r"\b", re.IGNORECASE)


RECURRING_WORDS = [
    (_pattern(r"(?:annually|yearly|once\s+a\s+year|every\s+(?:single\s+)?year|each\s+year|every\s+twelve\s+months)"),
     Recurrence.YEAR),
    (_pattern(r"(?:quarterly|every\s+(?:quarter|three\s+months))"), Recurrence.QUARTER),
    (_pattern(r"(?:monthly|every\s+(?:single\s+)?month|each\s+month)"), Recurrence.MONTH),
]  # fmt: skip
DAY_MONTH_YEAR = _pattern(r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH + r",?\s+" + YEAR)
MONTH_DAY_YEAR = _pattern(MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,\s*" + YEAR)
ISO_DAY = _pattern(YEAR + r"-(?P<month>\d{1,2})-(?P<day>\d{1,2})")
NUMERIC_DAY = _pattern(r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/" + YEAR)
MONTH_YEAR = _pattern(MONTH + r"\s+(?:of\s+)?" + YEAR)
SEASON_YEAR = _pattern(r"(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?" + YEAR)
PART_YEAR = _pattern(r"(?P<part>early|mid|late)[\s-]+" + YEAR)
PART_OF_YEAR = _pattern(r"(?:the\s+)?(?P<part>start|beginning|middle)\s+of\s+" + YEAR)
END_OF_YEAR = _pattern(r"(?:the\s+)?end\s+of\s+" + YEAR)
CUED_YEAR = _pattern(r"(?P<cue>by|in|before|during|within)\s+(?:the\s+year\s+)?" + YEAR)
BARE_YEAR = re.compile(r"^" + YEAR + r"$")
# Relative to the article's date.
THIS_OR_NEXT = _pattern(
    r"(?P<which>this|next)\s+(?P<unit>" + MONTH_NAMES + r"|spring|summer|autumn|fall|winter|year|month)"
)
PART_NEXT_YEAR = _pattern(r"(?P<part>early|late)\s+next\s+year")
END_OF_THIS_YEAR = _pattern(r"(?:(?:by\s+)?the\s+end\s+of\s+(?:the|this)\s+year|later\s+this\s+year)")
WITHIN = _pattern(
    r"(?:within|in|over)\s+(?:the\s+)?(?:next\s+|coming\s+)?"
    + NUMBER
    + r"\s+(?P<unit>years?|months?)(?:'|’)?(?:\s+time)?"
)
IN_MONTH = re.compile(r"\b(?:in|by|from|until|this)\s+(?P<month>[A-Z][a-z]+)\b(?!\s+(?:19|20|21)\d\d)")
# Promises of a time that names no date.
VAGUE = _pattern(
    r"(?:(?:by|before)\s+the\s+(?:next\s+|general\s+)?election|by\s+the\s+end\s+of\s+(?:this|the\s+next)\s+parliament"
    r"|in\s+the\s+(?:coming|next\s+few)\s+(?:weeks|months|years)|in\s+due\s+course|as\s+soon\s+as\s+possible)"
)


class NeedsDate(Exception):
    """The phrase is relative to the article's date, which is not known."""


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    phrase: str
    deadline: Deadline | None = None
    needs_date: bool = False
    invalid: str = ""


def _month_number(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _absolute(match: re.Match, kind: str) -> Deadline:
    phrase = match.group(0)
    year = int(match.group("year"))
    if kind == "day":
        month = match.group("month")
        number = int(month) if month.isdigit() else _month_number(month)
        return Deadline(DuePrecision.DAY, year, number, int(match.group("day")), phrase=phrase)
    if kind == "month":
        return Deadline(DuePrecision.MONTH, year, _month_number(match.group("month")), phrase=phrase)
    if kind == "season":
        return Deadline(DuePrecision.PERIOD, year, period=SEASONS[match.group("season").lower()], phrase=phrase)
    if kind == "part":
        return Deadline(DuePrecision.PERIOD, year, period=PARTS[match.group("part").lower()], phrase=phrase)
    if kind == "year" and match.groupdict().get("cue", "").lower() == "before":
        return Deadline(DuePrecision.YEAR, year - 1, phrase=phrase)
    return Deadline(DuePrecision.YEAR, year, phrase=phrase)


def _next_month_named(said_on: date, month: int, *, skip_this_year: bool = False) -> date:
    year = said_on.year + (1 if month < said_on.month or skip_this_year else 0)
    return date(year, month, 1)


def _relative(match: re.Match, kind: str, said_on: date | None) -> Deadline:
    if said_on is None:
        raise NeedsDate
    phrase = match.group(0)
    if kind == "this-next":
        which, unit = match.group("which").lower(), match.group("unit").lower()
        step = 1 if which == "next" else 0
        if unit == "year":
            return Deadline(DuePrecision.YEAR, said_on.year + step, phrase=phrase)
        if unit == "month":
            first = add_months(said_on.replace(day=1), step)
            return Deadline(DuePrecision.MONTH, first.year, first.month, phrase=phrase)
        if unit in SEASONS:
            period = SEASONS[unit]
            last_month = PERIOD_MONTHS[period][1]
            year = said_on.year + step
            if which == "this" and month_end(said_on.year, last_month) < said_on:
                year += 1  # "this spring", said in June: the spring to come
            return Deadline(DuePrecision.PERIOD, year, period=period, phrase=phrase)
        month = _month_number(unit)
        first = _next_month_named(said_on, month, skip_this_year=which == "next" and month <= said_on.month)
        return Deadline(DuePrecision.MONTH, first.year, first.month, phrase=phrase)
    if kind == "part-next-year":
        return Deadline(DuePrecision.PERIOD, said_on.year + 1, period=match.group("part").lower(), phrase=phrase)
    if kind == "end-of-this-year":
        return Deadline(DuePrecision.YEAR, said_on.year, phrase=phrase)
    if kind == "within":
        count = match.group("count").lower()
        number = int(count) if count.isdigit() else NUMBERS[count]
        months = number * (12 if match.group("unit").lower().startswith("year") else 1)
        end = add_months(said_on, months)
        return Deadline(DuePrecision.MONTH, end.year, end.month, phrase=phrase)
    if kind == "in-month":
        month = _month_number(match.group("month"))
        first = _next_month_named(said_on, month)
        return Deadline(DuePrecision.MONTH, first.year, first.month, phrase=phrase)
    raise AssertionError(kind)


ABSOLUTE = [
    (DAY_MONTH_YEAR, "day"),
    (MONTH_DAY_YEAR, "day"),
    (ISO_DAY, "day"),
    (NUMERIC_DAY, "day"),
    (MONTH_YEAR, "month"),
    (SEASON_YEAR, "season"),
    (PART_YEAR, "part"),
    (PART_OF_YEAR, "part"),
    (END_OF_YEAR, "year"),
    (CUED_YEAR, "year"),
]
RELATIVE = [
    (PART_NEXT_YEAR, "part-next-year"),
    (END_OF_THIS_YEAR, "end-of-this-year"),
    (THIS_OR_NEXT, "this-next"),
    (WITHIN, "within"),
    (IN_MONTH, "in-month"),
]


def _findings(text: str, said_on: date | None) -> list[_Found]:
    """Every deadline phrase in `text`, longest first where they overlap."""
    found: list[_Found] = []
    for pattern, every in RECURRING_WORDS:
        for match in pattern.finditer(text):
            deadline = Deadline(DuePrecision.RECURRING, every=every, phrase=match.group(0))
            found.append(_Found(match.start(), match.end(), match.group(0), deadline))
    for pattern, kind in ABSOLUTE:
        for match in pattern.finditer(text):
            try:
                found.append(_Found(match.start(), match.end(), match.group(0), _absolute(match, kind)))
            except ValidationError as error:
                found.append(_Found(match.start(), match.end(), match.group(0), invalid=" ".join(error.messages)))
    for pattern, kind in RELATIVE:
        for match in pattern.finditer(text):
            if kind == "in-month" and _month_number(match.group("month")) is None:
                continue
            try:
                found.append(_Found(match.start(), match.end(), match.group(0), _relative(match, kind, said_on)))
            except NeedsDate:
                found.append(_Found(match.start(), match.end(), match.group(0), needs_date=True))
            except ValidationError as error:
                found.append(_Found(match.start(), match.end(), match.group(0), invalid=" ".join(error.messages)))
    # Of overlapping phrases keep the longest ("early 2011" over "in 2011" inside "in early 2011").
    kept: list[_Found] = []
    for item in sorted(found, key=lambda f: (-(f.end - f.start), f.start)):
        if all(item.end <= other.start or item.start >= other.end for other in kept):
            kept.append(item)
    return sorted(kept, key=lambda f: f.start)


def suggest_deadline(text: str, *, said_on: date | None) -> DeadlineSuggestion:
    """The deadline a pledge's words give, for an editor to confirm; or none, with a note why.

    A recurrence ("annually") wins; otherwise the latest date named, ignoring dates before the
    pledge was made (references to the past). Phrases relative to the article ("this September")
    need its date: without one the deadline stays unset and the note says so.
    """
    findings = _findings(text, said_on)
    recurring = [f for f in findings if f.deadline and f.deadline.precision == DuePrecision.RECURRING]
    if recurring:
        return DeadlineSuggestion(recurring[0].deadline)
    dated = [f for f in findings if f.deadline and (said_on is None or f.deadline.due_by >= said_on)]
    if dated:
        return DeadlineSuggestion(max(dated, key=lambda f: (f.deadline.due_by, f.start)).deadline)
    if needs_date := [f for f in findings if f.needs_date]:
        return DeadlineSuggestion(
            None,
            f"“{needs_date[0].phrase}” depends on when it was said, and the article gives no date: "
            "set the deadline by hand, or give the article its date.",
        )
    if invalid := [f for f in findings if f.invalid]:
        return DeadlineSuggestion(None, f"“{invalid[0].phrase}” cannot be a deadline: {invalid[0].invalid}")
    if vague := VAGUE.search(text):
        return DeadlineSuggestion(None, f"“{vague.group(0)}” names no date: set one when it is known.")
    return DeadlineSuggestion(None)


LEADING_WORDS = re.compile(r"^\s*(?:due:?\s*)?(?:(?:by|in|before|during|within)\s+(?=\d))?", re.IGNORECASE)


def parse_deadline(text: str, *, said_on: date | None) -> Deadline | None:
    """An editor's deadline, typed in words ("early 2011", "17 March 2011", "every year"); None if blank.

    Raises ValidationError with a message for the editor when the words are not one deadline.
    """
    text = " ".join(text.split()).rstrip(".")
    if not text:
        return None
    core = text[LEADING_WORDS.match(text).end() :]
    if BARE_YEAR.match(core):
        return Deadline(DuePrecision.YEAR, int(core), phrase=text)
    for item in _findings(text, said_on):
        if item.start <= len(text) - len(core) and item.end == len(text):
            if item.invalid:
                raise ValidationError(item.invalid)
            if item.needs_date:
                raise ValidationError(
                    f"“{item.phrase}” depends on when the pledge was made, and its article has no date. "
                    f"Write the date itself, e.g. {EXAMPLES}."
                )
            return replace(item.deadline, phrase=text)
    raise ValidationError(f"“{text}” is not a deadline we can read. Write it as e.g. {EXAMPLES}, or leave it blank.")
