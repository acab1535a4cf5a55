"""Read a saved web page: the article's main text and its metadata, found by trafilatura.

Pages are parsed by a library made for news pages, never by regular expressions over
HTML. Markup, scripts and navigation are left behind; what the page shows as text
(including text that looks like markup, such as "&lt;script&gt;") is kept as text.
"""

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import trafilatura

from .news_metadata import outlet_named, outlet_of_url
from .plaintext import ParsedArticle

logger = logging.getLogger(__name__)

_LONDON = ZoneInfo("Europe/London")
_DATE_PARAMS = {"outputformat": "%Y-%m-%dT%H:%M:%S%z", "original_date": True, "extensive_search": False}


class UnreadablePage(ValueError):
    """The page holds no article text, or no headline."""


def parse_html(html: str, *, url: str = "") -> ParsedArticle:
    """Extract headline, byline, site name, date and body paragraphs from a page's HTML."""
    try:
        document = trafilatura.bare_extraction(
            html,
            url=url or None,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as error:  # lxml and trafilatura raise many kinds of error on broken markup
        logger.info("trafilatura could not parse a page", exc_info=True)
        raise UnreadablePage("the page could not be read") from error
    if document is None or not (document.text or "").strip():
        raise UnreadablePage("no article text was found on the page")
    title = " ".join((document.title or "").split())[:500]
    if not title:
        raise UnreadablePage("the page has no headline")
    paragraphs = [" ".join(line.split()) for line in document.text.split("\n")]
    paragraphs = [paragraph for paragraph in paragraphs if paragraph]
    if paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return ParsedArticle(
        title=title,
        body="\n\n".join(paragraphs),
        byline=" ".join((document.author or "").split())[:200],
        outlet=_outlet(" ".join((document.sitename or "").split())[:200], url),
        published_at=_published_at(document.date),
    )


def _outlet(site_name: str, url: str) -> str:
    """The site's name as the desk knows it ("BBC" is BBC News), or the outlet its address belongs to."""
    return outlet_named(site_name) or site_name or outlet_of_url(url)


def _published_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        stamp = datetime.strptime(value, _DATE_PARAMS["outputformat"])
    except ValueError:
        try:
            stamp = datetime.fromisoformat(value)
        except ValueError:
            return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=_LONDON)
