"""When and where an article was published, as news text states it: date lines, outlets, bylines, addresses.

Articles saved as text carry their metadata in the words of the page they were copied from:
"Page last updated at 16:37 GMT, Wednesday, 17 March 2010", "Last Updated: Thursday,
17 February, 2005, 14:56 GMT 14:56 UK", "Published: 7:00AM GMT 17 Mar 2010", "By Andrew
Porter, Political Editor", "Story from BBC NEWS:" and the page's address. Each reader here
looks at one line and says what it states, or None. A line counts as a date only if the
whole line is a date (with its label, weekday, time and zone), so a date in the prose is
never taken for the article's; a date that is not a real one (31 February, a weekday that
does not match, a day still to come, day and month that could be either way round) is
ignored, never guessed.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from enum import IntEnum
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

LONDON = ZoneInfo("Europe/London")
# Older than this is not a news article's date.
EARLIEST_YEAR = 1900
# A line longer than this is prose, never a date, byline or outlet line (and is not searched).
LONGEST_METADATA_LINE = 200
# Article.source_url's length.
MAX_URL_LENGTH = 2000


class DateKind(IntEnum):
    """What a date line says the date is; the lower, the better it dates the article."""

    PUBLISHED = 1  # "Published:", "First published", "Posted"
    STATED = 2  # a date with no label, or a date in the page's address
    UPDATED = 3  # "Last updated", "Modified": the article is at least this old


@dataclass(frozen=True)
class StatedDate:
    when: datetime
    kind: DateKind


# Outlets by the names and web addresses they go by; the first name is the one the desk uses.
OUTLETS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "BBC News": (
        ("bbc", "bbc news", "bbc news online", "bbc online", "bbc politics"),
        ("bbc.co.uk", "bbc.com"),
    ),
    "The Independent": (
        (
            "independent",
            "the independent",
            "indy politics",
            "independent news and media",
            "independent digital news & media",
        ),
        ("independent.co.uk",),
    ),
    "The Guardian": (
        ("guardian", "the guardian", "guardian.co.uk", "guardian news and media", "guardian news & media"),
        ("theguardian.com", "guardian.co.uk"),
    ),
    "The Observer": (("observer", "the observer"), ("observer.co.uk",)),
    "The Times": (
        ("the times", "times online", "the sunday times", "times newspapers"),
        ("thetimes.co.uk", "timesonline.co.uk"),
    ),
    "The Daily Telegraph": (
        (
            "the daily telegraph",
            "daily telegraph",
            "the telegraph",
            "telegraph",
            "the sunday telegraph",
            "telegraph media group",
        ),
        ("telegraph.co.uk",),
    ),
    "Financial Times": (("financial times", "the financial times", "ft"), ("ft.com",)),
    "Daily Mail": (
        ("daily mail", "the daily mail", "mail online", "mailonline", "associated newspapers"),
        ("dailymail.co.uk",),
    ),
    "Daily Mirror": (("daily mirror", "the mirror", "mirror"), ("mirror.co.uk",)),
    "The Sun": (("the sun",), ("thesun.co.uk",)),
    "Evening Standard": (("evening standard", "the evening standard"), ("standard.co.uk",)),
    "The Scotsman": (("the scotsman", "scotsman"), ("scotsman.com",)),
    "The Herald": (("the herald", "herald scotland"), ("heraldscotland.com",)),
    "Sky News": (("sky news",), ("news.sky.com",)),
    "ITV News": (("itv news",), ("itv.com",)),
    "Channel 4 News": (("channel 4 news",), ("channel4.com",)),
    "Reuters": (("reuters",), ("reuters.com",)),
    "Associated Press": (("associated press", "ap"), ("apnews.com",)),
    "Press Association": (("press association", "pa", "pa media"), ("pa.media",)),
    "Agence France-Presse": (("agence france-presse", "afp"), ("afp.com",)),
    "Bloomberg": (("bloomberg", "bloomberg news"), ("bloomberg.com",)),
    "The Economist": (("the economist", "economist"), ("economist.com",)),
    "New Statesman": (("new statesman", "the new statesman"), ("newstatesman.com",)),
    "The Spectator": (("the spectator", "spectator"), ("spectator.co.uk",)),
}
_BY_NAME = {alias: name for name, (aliases, _) in OUTLETS.items() for alias in (*aliases, name.lower())}
_BY_DOMAIN = {domain: name for name, (_, domains) in OUTLETS.items() for domain in domains}
# Short names that are outlets only where an outlet is expected (a byline, a copyright), never as a line alone.
_TOO_SHORT_ALONE = {"ap", "pa", "ft", "mirror", "independent", "guardian", "telegraph", "observer", "spectator"}

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_WEEKDAYS = {name.lower(): number for number, name in enumerate(calendar.day_name)}
_WEEKDAYS |= {name.lower(): number for number, name in enumerate(calendar.day_abbr)}
_WEEKDAYS |= {"tues": 1, "weds": 2, "thur": 3, "thurs": 3}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_DATES = (
    re.compile(rf"(?<![\w/.:-]){_DAY}\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})(?![\w/.:-])", re.IGNORECASE),
    re.compile(rf"(?<![\w/.:-]){_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})(?![\w/.:-])", re.IGNORECASE),
    re.compile(r"(?<![\w/.:-])(?P<year>\d{4})([-/])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?![\w/.:-])"),
    re.compile(r"(?<![\w/.:-])(?P<first>\d{1,2})([/.])(?P<second>\d{1,2})\2(?P<year>\d{4})(?![\w/.:-])"),
)
_ZONES = {
    "gmt": UTC,
    "utc": UTC,
    "z": UTC,
    "bst": timezone(timedelta(hours=1)),
    "uk": LONDON,
    "cet": timezone(timedelta(hours=1)),
    "cest": timezone(timedelta(hours=2)),
    "est": timezone(timedelta(hours=-5)),
    "edt": timezone(timedelta(hours=-4)),
    "pst": timezone(timedelta(hours=-8)),
    "pdt": timezone(timedelta(hours=-7)),
}
_TIME = re.compile(
    r"(?<![\w:.])(?P<hour>\d{1,2})(?:[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?)?"
    r"\s*(?P<ampm>[ap]\.?m\.?)?"
    r"(?:\s*(?P<zone>gmt|utc|bst|uk|cet|cest|est|edt|pst|pdt|z|[+-]\d{2}:?\d{2})\b)?",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^(?:(?P<updated>(?:page\s+)?last\s+updated|updated|last\s+modified|modified)"
    r"|(?P<published>(?:first\s+)?published|posted|date[d]?))\b(?:\s+(?:at|on))?\s*:?\s*",
    re.IGNORECASE,
)
# Words a date line may hold besides its date and time.
_FILLER = {"at", "on"}

_URL = re.compile(r"^(?:<)?(?P<url>https?://\S+?)(?:>)?$", re.IGNORECASE)
_URL_DATE = (
    re.compile(r"/(?P<year>\d{4})/(?P<month>\d{2})/(?P<day>\d{2})(?:/|$)"),
    re.compile(rf"/(?P<year>\d{{4}})/{_MONTH}/(?P<day>\d{{1,2}})(?:/|$)", re.IGNORECASE),
    re.compile(r"/(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:/|$)"),
)
_BYLINE = re.compile(
    r"^By:?\s+(?P<name>[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]+|de|van|von|der|and|&))+)"
    r"(?:\s*(?:,|\||-|–|—)\s*(?P<role>[^.!?]{2,80}))?$"
)
_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)
_COPYRIGHT_NOISE = re.compile(
    r"©|\(c\)|\bcopyright\b|\b\d{4}\b|\bM{1,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})\b"
    r"|\b(?:of|limited|ltd|plc|llc|inc|all rights reserved)\b|[.,;:]",
    re.IGNORECASE,
)
_STORY_FROM = re.compile(r"^story from (?P<name>.+?):?$", re.IGNORECASE)
_FROM_OUTLET = re.compile(r"^(?:from|source:?|published (?:by|in))\s+(?P<name>.+?)\.?$", re.IGNORECASE)
_DISCLAIMER = re.compile(r"^the (?P<name>.+?) is not responsible for the content of external", re.IGNORECASE)
_AGENCY = re.compile(r"^[A-Z][A-Za-z .'-]*(?:,[^()]{0,40})?\((?P<name>Reuters|AP|AFP|PA|Bloomberg)\)\s*[-–—]")
_SEPARATORS = re.compile(r"\s+(?:\||·|•)\s+")


def outlet_named(text: str, *, alone: bool = False) -> str:
    """The desk's name for an outlet named `text` ("BBC NEWS", "guardian.co.uk"), or "".

    `alone`: the name stands on a line of its own, where a short name ("Mirror") may be a word of the text.
    """
    key = " ".join(text.replace("’", "'").split()).strip(" .:,").lower()
    if alone and key in _TOO_SHORT_ALONE:
        return ""
    return _BY_NAME.get(key, "")


def outlet_of_url(url: str) -> str:
    """The outlet whose web address this is ("https://news.bbc.co.uk/1/hi/..." is BBC News), or ""."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    while host:
        if host in _BY_DOMAIN:
            return _BY_DOMAIN[host]
        host = host.partition(".")[2]
    return ""


def date_of_url(url: str, *, today: date | None = None) -> StatedDate | None:
    """The date in an article's address (/2010/03/17/, /2010/mar/17/), if it is a real one."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    for pattern in _URL_DATE:
        if match := pattern.search(path):
            when = _real_date(int(match["year"]), _month_number(match["month"]), int(match["day"]), today=today)
            return StatedDate(when, DateKind.STATED) if when else None
    return None


def url_line(line: str) -> str:
    """The address on a line that holds nothing else, if it is a valid web address."""
    if len(line) > MAX_URL_LENGTH:
        return ""
    match = _URL.match(line.strip())
    if not match:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(match["url"])
    except ValidationError:
        return ""
    return match["url"]


def date_line(line: str, *, today: date | None = None) -> StatedDate | None:
    """The date a line states, if the whole line is a date ("Published: 17 March 2010, 16:37 GMT")."""
    if len(line) > LONGEST_METADATA_LINE:
        return None
    text = " ".join(line.split())
    kind = DateKind.STATED
    if label := _LABEL.match(text):
        kind = DateKind.UPDATED if label["updated"] else DateKind.PUBLISHED
        text = text[label.end() :]
    text = re.sub(r"(\d)T(\d)", r"\1 \2", text)  # ISO 8601's "2010-03-17T16:37"
    found = [(pattern, match) for pattern in _DATES for match in pattern.finditer(text)]
    if len(found) != 1:
        return None
    _, match = found[0]
    year, month, day = _date_parts(match)
    if month is None:
        return None
    rest = text[: match.start()] + " , " + text[match.end() :]
    times = [found_time for found_time in _TIME.finditer(rest) if found_time.group().strip()]
    clock = times[0] if times else None
    for found_time in reversed(times):
        rest = rest[: found_time.start()] + " " + rest[found_time.end() :]
    weekdays = set()
    for word in re.findall(r"[^\W_]+", rest):
        word = word.lower()
        if word in _WEEKDAYS:
            weekdays.add(_WEEKDAYS[word])
        elif word not in _FILLER:
            return None
    if re.search(r"[^\s,|:;()\-–—.]", re.sub(r"[^\W_]+", "", rest)):
        return None
    when = _real_date(year, month, day, today=today)
    if when is None or (weekdays and weekdays != {when.weekday()}):
        return None
    if clock is not None:
        when = _at_time(when, clock)
        if when is None:
            return None
    return StatedDate(when, kind)


def byline(line: str) -> tuple[str, str] | None:
    """(The writer's name, the outlet if the line names one) for "By Andrew Porter, Political Editor"."""
    if len(line) > LONGEST_METADATA_LINE:
        return None
    match = _BYLINE.match(" ".join(line.split()))
    if not match:
        return None
    name = match["name"]
    role = match["role"] or ""
    # "BBC News", "Political correspondent, BBC News", "BBC political correspondent", "The Times political editor"
    words = role.split()
    candidates = (role, role.rpartition(",")[2], " ".join(words[:2]), " ".join(words[:1]))
    outlet = next((found for found in (outlet_named(text, alone=True) for text in candidates) if found), "")
    return name, outlet


def outlet_line(line: str) -> str:
    """The outlet a line of page furniture names.

    "BBC News", "Political editor, BBC News", "Story from BBC NEWS:", "© BBC MMV", "From The Times".
    """
    if len(line) > LONGEST_METADATA_LINE:
        return ""
    text = " ".join(line.split())
    if name := outlet_named(text, alone=True):
        return name
    role, comma, name = text.rpartition(",")  # "Political editor, BBC News" under a byline
    if comma and len(role.split()) <= 4 and not re.search(r"\d", role) and (outlet := outlet_named(name)):
        return outlet
    for pattern in (_STORY_FROM, _FROM_OUTLET, _DISCLAIMER):
        if (match := pattern.match(text)) and (name := outlet_named(match["name"])):
            return name
    if is_copyright(text):
        return outlet_named(_COPYRIGHT_NOISE.sub(" ", text))
    return ""


def is_copyright(line: str) -> bool:
    """A copyright notice ("© BBC MMV"): page furniture, whoever it names."""
    return len(line) <= LONGEST_METADATA_LINE and bool(_COPYRIGHT.match(line.strip()))


def outlet_and_date_line(line: str, *, today: date | None = None) -> tuple[str, StatedDate] | None:
    """An outlet, a comma and a date on one line: "guardian.co.uk, Wednesday 17 March 2010 16.37 GMT"."""
    if len(line) > LONGEST_METADATA_LINE:
        return None
    name, comma, rest = line.partition(",")
    if not comma or not (outlet := outlet_named(name)):
        return None
    stated = date_line(rest, today=today)
    return (outlet, stated) if stated else None


def title_and_outlet(title: str) -> tuple[str, str]:
    """A page title's headline and outlet: "Pledge made - BBC News" is ("Pledge made", "BBC News")."""
    if len(title) > 1000:
        return title, ""
    for separator in (" | ", " - ", " – ", " — "):
        head, found, tail = title.rpartition(separator)
        if found and head.strip() and (outlet := outlet_named(tail, alone=True)):
            if separator == " | ":  # "Headline | Politics | The Guardian": the section goes too
                parts = head.split(" | ")
                while len(parts) > 1 and len(parts[-1].split()) <= 2:
                    parts.pop()
                head = " | ".join(parts)
            return head.strip(), outlet
    return title, ""


def agency_of(paragraph: str) -> str:
    """The news agency a wire story's dateline names: "LONDON (Reuters) - ..." is Reuters."""
    match = _AGENCY.match(paragraph)
    return outlet_named(match["name"]) if match else ""


def line_parts(line: str) -> list[str]:
    """A line's parts where a page puts several facts on one line: "By Jo Smith | 17 March 2010"."""
    return [part for part in _SEPARATORS.split(line) if part.strip()]


def _date_parts(match: re.Match) -> tuple[int, int | None, int]:
    groups = match.groupdict()
    year = int(groups["year"])
    if "first" in groups and groups["first"] is not None:
        first, second = int(groups["first"]), int(groups["second"])
        if first == second or first > 12:
            return year, second, first  # day first: 17/03/2010
        if second > 12:
            return year, first, second  # month first: 03/17/2010
        return year, None, 0  # 05/04/2010 is April or May: not guessed
    return year, _month_number(groups["month"]), int(groups["day"])


def _month_number(value: str) -> int:
    return int(value) if value.isdigit() else _MONTHS[value.lower().rstrip(".")]


def _real_date(year: int, month: int, day: int, *, today: date | None) -> datetime | None:
    """Midnight in London on that day, if the day exists and is not still to come."""
    try:
        day_found = date(year, month, day)
    except ValueError:
        return None
    today = today or datetime.now(LONDON).date()
    if day_found.year < EARLIEST_YEAR or day_found > today + timedelta(days=1):
        return None
    return datetime(year, month, day, tzinfo=LONDON)


def _at_time(day: datetime, clock: re.Match) -> datetime | None:
    """The day at the clock's time, in the clock's zone (London's if it names none)."""
    hour, minute, second = int(clock["hour"]), int(clock["minute"] or 0), int(clock["second"] or 0)
    if clock["minute"] is None and not clock["ampm"]:
        return None  # a lone number is not a time
    if clock["ampm"]:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if clock["ampm"].lower().startswith("p") else 0)
    zone_name = (clock["zone"] or "").lower()
    if zone_name[:1] in "+-" and zone_name:
        digits = zone_name[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        zone = timezone(offset if zone_name[0] == "+" else -offset)
    else:
        zone = _ZONES.get(zone_name, LONDON)
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
    except ValueError:
        return None
