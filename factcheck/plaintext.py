"""Read a news article saved as plain text: title, metadata, and the prose without page furniture.

Web pages copied as text carry furniture around the article: share prompts, the
page's timestamp, sponsor lines, related links and site navigation. Metadata is
taken from it; the furniture is left out of the body but kept in the original.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from .news_metadata import (
    DateKind,
    StatedDate,
    agency_of,
    byline,
    date_line,
    date_of_url,
    is_copyright,
    line_parts,
    outlet_and_date_line,
    outlet_line,
    outlet_of_url,
    title_and_outlet,
    url_line,
)

# Lines that are page furniture wherever they stand.
FURNITURE_LINES = {
    "click to follow",
    "share this page",
    "print sponsor",
    "advertisement",
    "e-mail this to a friend",
    "printable version",
    "e-mail this to a friend printable version",
}

# Where the article ends and the page's trailing furniture begins.
END_MARKERS = (
    re.compile(r"^print sponsor$", re.IGNORECASE),
    re.compile(r"is not responsible for the content of external (internet )?sites", re.IGNORECASE),
    re.compile(r"^(related (stories|links|internet links)|more from|share this article)$", re.IGNORECASE),
)
STORY_FROM = re.compile(r"^story from .+:$", re.IGNORECASE)

# How many lines at the top may hold the headline and metadata.
HEADER_LINES = 12
# How much of the end is read for metadata: paragraphs of metadata alone, and lines of the trailing furniture.
FOOTER_PARAGRAPHS = 8
FOOTER_LINES = 100


@dataclass(frozen=True)
class ParsedArticle:
    title: str
    body: str
    byline: str = ""
    outlet: str = ""
    published_at: datetime | None = None
    source_url: str = ""


@dataclass
class _Metadata:
    """What the page furniture says about the article, in the order it says it."""

    dates: list[StatedDate] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def add(self, facts: list[tuple[str, object]]) -> None:
        for kind, value in facts:
            getattr(self, kind).append(value)

    def published_at(self) -> datetime | None:
        """The date that best dates the article: published before stated before updated, the first of each."""
        dates = self.dates + [found for found in map(date_of_url, self.urls) if found]
        return min(dates, key=lambda found: found.kind).when if dates else None


def parse_plain_text(text: str) -> ParsedArticle:
    """Split normalised text into headline, metadata and body. Raises ValueError with no headline."""
    paragraphs = _paragraphs(text)
    header, footer = _Metadata(), _Metadata()
    paragraphs = _cut_trailing_furniture(paragraphs, footer)
    title = ""
    body: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        if index < HEADER_LINES and not body:
            lines = paragraph.split("\n")
            found = [_header_facts(line) for line in lines]
            if all(facts is not None for facts in found):
                for facts in found:
                    header.add(facts)
                continue
            if not title and len(lines) == 1:
                title = paragraph
                continue
        elif paragraph.lower() in FURNITURE_LINES:
            continue
        body.append(paragraph)
    if not title or not _looks_like_title(title):
        raise ValueError("no headline")
    title, title_outlet = title_and_outlet(title)
    body = _drop_pull_quotes(body)
    urls = header.urls + footer.urls
    outlets = [
        *header.outlets,
        title_outlet,
        agency_of(body[0]) if body else "",
        *footer.outlets,
        *map(outlet_of_url, urls),
    ]
    return ParsedArticle(
        title=title,
        body="\n\n".join(body),
        byline=next(iter(header.bylines), ""),
        outlet=next((outlet for outlet in outlets if outlet), ""),
        published_at=_Metadata(dates=header.dates + footer.dates, urls=urls).published_at(),
        source_url=next(iter(urls), ""),
    )


def _paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines, each line stripped of surrounding spaces."""
    blocks = re.split(r"\n[ \t\u00a0]*\n", text)
    paragraphs = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if lines:
            paragraphs.append("\n".join(lines))
    return paragraphs


def _cut_trailing_furniture(paragraphs: list[str], footer: _Metadata) -> list[str]:
    """The paragraphs before the page's trailing furniture; what the furniture says goes into `footer`.

    The furniture starts at an end marker ("Related stories", "Story from BBC NEWS:"), or is the
    run of paragraphs at the end that hold only metadata ("Published: 2005/02/17", "© BBC MMV").
    """
    kept = paragraphs
    for index, paragraph in enumerate(paragraphs):
        first_line = paragraph.split("\n", 1)[0]
        if index > 0 and (any(marker.search(first_line) for marker in END_MARKERS) or _is_story_from(first_line)):
            kept = paragraphs[:index]
            break
    trailing: list[list[tuple[str, object]]] = []
    while (
        len(kept) > 2
        and len(trailing) < FOOTER_PARAGRAPHS
        and kept[-1].count("\n") < FOOTER_LINES
        and (facts := _footer_facts(kept[-1].split("\n"), lone_urls=True)) is not None
    ):
        trailing.insert(0, facts)
        kept = kept[:-1]
    for facts in trailing:
        footer.add(facts)
    lines = [line for paragraph in paragraphs[len(kept) + len(trailing) :] for line in paragraph.split("\n")]
    footer.add(_footer_facts(lines[:FOOTER_LINES], lone_urls=False, skip_unknown=True) or [])
    return kept


def _header_facts(line: str) -> list[tuple[str, object]] | None:
    """What a line at the top states (its date, byline, outlet, address), [] for furniture; None for prose."""
    if line.lower() in FURNITURE_LINES:
        return []
    facts: list[tuple[str, object]] = []
    for part in line_parts(line):
        if stated := date_line(part):
            facts.append(("dates", stated))
        elif writer := byline(part):
            name, outlet = writer
            facts.extend([("bylines", name), ("outlets", outlet)] if outlet else [("bylines", name)])
        elif outlet := outlet_line(part):
            facts.append(("outlets", outlet))
        elif both := outlet_and_date_line(part):
            facts.extend([("outlets", both[0]), ("dates", both[1])])
        elif url := url_line(part):
            facts.append(("urls", url))
        else:
            return None
    return facts


def _footer_facts(lines: list[str], *, lone_urls: bool, skip_unknown: bool = False) -> list[tuple[str, object]] | None:
    """What lines at the end state: labelled dates, outlets, and the address after "Story from …:".

    A bare date there is not the article's (related stories list theirs). With `skip_unknown`,
    other lines are furniture; without it, they make the lines prose (None).
    """
    facts: list[tuple[str, object]] = []
    after_story_from = False
    for line in lines:
        stated = date_line(line)
        if line.lower() in FURNITURE_LINES or (is_copyright(line) and not outlet_line(line)):
            pass
        elif stated and stated.kind != DateKind.STATED:
            facts.append(("dates", stated))
        elif outlet := outlet_line(line):
            facts.append(("outlets", outlet))
        elif (lone_urls or after_story_from) and (url := url_line(line)):
            facts.append(("urls", url))
        elif not skip_unknown:
            return None
        after_story_from = _is_story_from(line)
    return facts


def _is_story_from(line: str) -> bool:
    """ "Story from BBC NEWS:", the line BBC pages end the article with, before its address."""
    return bool(STORY_FROM.match(line)) and bool(outlet_line(line))


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
