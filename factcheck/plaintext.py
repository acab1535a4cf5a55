"""Read a news article saved as plain text: title, metadata, and the prose without page furniture.

Web pages copied as text carry furniture around the article: share prompts, the
page's timestamp, sponsor lines, related links and site navigation. Metadata is
taken from it; the furniture is left out of the body but kept in the original.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

_LONDON = ZoneInfo("Europe/London")

# Lines that are page furniture wherever they stand, and the outlet they give away.
FURNITURE_LINES: dict[str, str] = {
    "click to follow": "",
    "indy politics": "The Independent",
    "share this page": "",
    "print sponsor": "",
    "advertisement": "",
}

# Outlet names recognised on a line of their own near the top.
KNOWN_OUTLETS = (
    "BBC News",
    "The Independent",
    "The Guardian",
    "The Times",
    "The Daily Telegraph",
    "Financial Times",
    "Sky News",
    "The Observer",
    "Reuters",
    "Press Association",
)

# Where the article ends and the page's trailing furniture begins.
END_MARKERS = (
    re.compile(r"^print sponsor$", re.IGNORECASE),
    re.compile(r"is not responsible for the content of external (internet )?sites", re.IGNORECASE),
    re.compile(r"^(related (stories|links|internet links)|more from|share this article)$", re.IGNORECASE),
)

BBC_TIMESTAMP = re.compile(
    r"^Page last updated at (?P<time>\d{1,2}:\d{2}) GMT, \w+,? (?P<date>\d{1,2} \w+ \d{4})$", re.IGNORECASE
)
DATELINE = re.compile(
    r"^(?:Published|Updated|Last updated)?:?\s*(?P<date>\d{1,2} \w+ \d{4})(?:,? (?P<time>\d{1,2}:\d{2}))?$"
)
BYLINE = re.compile(r"^By (?P<name>[A-Z][\w’'.-]+(?: (?:[A-Z][\w’'.-]+|de|van|von|and))+)$")

# How many lines at the top may hold the headline and metadata.
HEADER_LINES = 12


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str
    byline: str = ""
    outlet: str = ""
    published_at: datetime | None = None


def parse_plain_text(text: str) -> ParsedArticle:
    """Split normalised text into headline, metadata and body. Raises ValueError with no headline."""
    paragraphs = _paragraphs(text)
    paragraphs = _cut_trailing_furniture(paragraphs)
    title, byline, outlet, published_at = "", "", "", None
    body: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index < HEADER_LINES and not body:
            lines = paragraph.split("\n")
            found = [_header_metadata(line) for line in lines]
            if all(item is not None for item in found):
                for kind, value in found:
                    if kind == "published_at" and published_at is None:
                        published_at = value
                    elif kind == "byline" and not byline:
                        byline = value
                    elif kind == "outlet" and not outlet:
                        outlet = value
                continue
            if not title and len(lines) == 1:
                title = paragraph
                continue
        elif paragraph.lower() in FURNITURE_LINES:
            continue
        body.append(paragraph)
    if not title or not _looks_like_title(title):
        raise ValueError("no headline")
    body = _drop_pull_quotes(body)
    return ParsedArticle(title=title, body="\n\n".join(body), byline=byline, outlet=outlet, published_at=published_at)


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each line stripped of surrounding spaces."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", text)
    paragraphs = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append("\n".join(lines))
    return paragraphs


def _cut_trailing_furniture(paragraphs: list[str]) -> list[str]:
    for index, paragraph in enumerate(paragraphs):
        first_line = paragraph.split("\n", 1)[0]
        if index > 0 and any(marker.search(first_line) for marker in END_MARKERS):
            return paragraphs[:index]
    return paragraphs


def _header_metadata(line: str) -> tuple[str, object] | None:
    """Recognise one header line as furniture or metadata; None if it is neither."""
    lowered = line.lower()
    if lowered in FURNITURE_LINES:
        outlet = FURNITURE_LINES[lowered]
        return ("outlet", outlet) if outlet else ("furniture", None)
    if match := BBC_TIMESTAMP.match(line):
        stamp = datetime.strptime(f"{match['date']} {match['time']}", "%d %B %Y %H:%M")
        return "published_at", stamp.replace(tzinfo=ZoneInfo("UTC")).astimezone(_LONDON)
    if match := DATELINE.match(line):
        try:
            stamp = datetime.strptime(f"{match['date']} {match['time'] or '00:00'}", "%d %B %Y %H:%M")
        except ValueError:
            return None
        return "published_at", stamp.replace(tzinfo=_LONDON)
    if match := BYLINE.match(line):
        return "byline", match["name"]
    for outlet in KNOWN_OUTLETS:
        if lowered == outlet.lower():
            return "outlet", outlet
    return None


def _looks_like_title(line: str) -> bool:
    """A headline is a line of words, not too long, with letters in it."""
    return 3 <= len(line) <= 300 and len(re.findall(r"[^\W\d_]", line)) >= 3


def _drop_pull_quotes(paragraphs: list[str]) -> list[str]:
    """Drop pull quotes: a line repeated from the article's prose, with its attribution line."""
    kept: list[str] = []
    skip_attribution = False
    for index, paragraph in enumerate(paragraphs):
        lines = paragraph.split("\n")
        if skip_attribution and len(lines) == 1 and _is_attribution(paragraph):
            skip_attribution = False
            continue
        skip_attribution = False
        others = paragraphs[:index] + paragraphs[index + 1 :]
        repeated = len(lines[0]) >= 30 and not lines[0].endswith((".", "?", "!", '"', "”"))
        repeated = repeated and any(lines[0] in other and lines[0] != other for other in others)
        if repeated and len(lines) <= 2 and all(_is_attribution(line) for line in lines[1:]):
            skip_attribution = len(lines) == 1
            continue
        kept.append(paragraph)
    return kept


def _is_attribution(line: str) -> bool:
    return "\n" not in line and len(line) <= 80 and not line.endswith((".", "?", "!"))
