"""The article import service: raw bytes in, one Article (or a clear refusal) out.

The admin's import page, the `import_articles` command and `load_demo` all call
`import_article` (or `import_url`, which fetches a page and hands it on); none of
them parses or saves articles on its own. An article and its suggestions are
written in one transaction: all of it, or nothing.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from .decoding import UndecodableText, binary_kind, control_character_share, decode_text
from .fetching import FetchError, fetch_page
from .htmlpage import UnreadablePage, parse_html
from .models import Article, Outlet, Suggestion
from .plaintext import ParsedArticle, parse_plain_text
from .slugs import slug_base, unique_slug
from .suggesting import Candidate, suggest_statements

logger = logging.getLogger(__name__)

TEXT_EXTENSIONS = {"", ".txt", ".text"}
HTML_EXTENSIONS = {".html", ".htm"}
SUPPORTED = "plain text (.txt) or a saved web page (.html, .htm)"
# More control characters than this share of the text means the file is not text.
MAX_CONTROL_SHARE = 0.01
# Tries at writing one article: a concurrent import can take its slug between lookup and insert.
SAVE_ATTEMPTS = 3


class ArticleImportError(Exception):
    """A file was refused. The message is written for an editor."""


@dataclass(frozen=True)
class Overrides:
    """Metadata an editor gives that wins over what the importer detects."""

    outlet: str = ""
    published_at: datetime | None = None
    source_url: str = ""


@dataclass(frozen=True)
class ImportResult:
    article: Article
    created: bool
    suggestions: int = 0


def content_hash(body: str) -> str:
    """The fingerprint that makes an article unique: SHA-256 of its body, white space folded."""
    return hashlib.sha256(" ".join(body.split()).encode("utf-8")).hexdigest()


def import_article(
    *,
    data: bytes,
    filename: str = "",
    overrides: Overrides | None = None,
    imported_by: AbstractBaseUser | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import one article from raw bytes; refuse with ArticleImportError, writing nothing."""
    overrides = overrides or Overrides()
    original_text, parsed = read_article(data=data, filename=filename, url=overrides.source_url)
    fingerprint = content_hash(parsed.body)
    base_slug = slug_base(parsed.title)
    user = imported_by if imported_by and imported_by.is_authenticated else None
    article = _new_article(parsed, original_text, fingerprint, overrides, user, base_slug)
    # Validate before writing anything. The outlet is left out: it is looked up (or created and
    # validated) below, and checking a row just fetched would cost a query. A taken slug only gains a suffix.
    try:
        article.full_clean(exclude=["outlet"], validate_unique=False)
    except ValidationError as error:
        raise ArticleImportError(_describe(error)) from error
    if dry_run:
        existing, _ = _lookup(fingerprint, base_slug)
        if existing is not None:
            return ImportResult(article=existing, created=False)
        return ImportResult(article=article, created=True, suggestions=len(suggest_statements(article.body)))
    candidates: list[Candidate] | None = None
    attempts_left = SAVE_ATTEMPTS
    while True:
        try:
            # The lookup is inside the savepoint too: whatever fails undoes this file only, never
            # the batch transaction a caller (the command) may have wrapped around several files.
            with transaction.atomic():
                existing, slug_taken = _lookup(fingerprint, base_slug)
                if existing is not None:
                    return ImportResult(article=existing, created=False)
                if candidates is None:
                    candidates = suggest_statements(article.body)
                article.outlet = _outlet(overrides.outlet or parsed.outlet)
                if slug_taken:
                    article.slug = unique_slug(Article, article.title)
                # The lookup just checked slug and fingerprint; the unique constraints guard any race.
                article.save()
                Suggestion.objects.bulk_create(_suggestion(article, candidate) for candidate in candidates)
        except IntegrityError:
            # A concurrent import committed the same article, or took its slug, after the lookup:
            # the next attempt's lookup reports the duplicate or picks the next free slug.
            attempts_left -= 1
            if not attempts_left:
                raise
            article = _new_article(parsed, original_text, fingerprint, overrides, user, base_slug)
            continue
        except ValidationError as error:  # a new outlet's name
            raise ArticleImportError(_describe(error)) from error
        logger.info("article imported", extra={"article_id": article.pk, "file": filename})
        return ImportResult(article=article, created=True, suggestions=len(candidates))


def import_url(
    *,
    url: str,
    overrides: Overrides | None = None,
    imported_by: AbstractBaseUser | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Fetch a web page (short timeout, size cap, HTML only) and import it like a saved .html file."""
    overrides = overrides or Overrides()
    try:
        page = fetch_page(url)
    except FetchError as error:
        raise ArticleImportError(str(error)) from error
    overrides = Overrides(
        outlet=overrides.outlet,
        published_at=overrides.published_at,
        source_url=overrides.source_url or page.url,
    )
    return import_article(
        data=page.data, filename="page.html", overrides=overrides, imported_by=imported_by, dry_run=dry_run
    )


def read_article(*, data: bytes, filename: str, url: str = "") -> tuple[str, ParsedArticle]:
    """Check and parse a file without touching the database: (original text, parsed article)."""
    extension = PurePath(filename).suffix.lower()
    if extension not in TEXT_EXTENSIONS | HTML_EXTENSIONS:
        raise ArticleImportError(f"“{extension}” files are not supported; import {SUPPORTED}.")
    limit = settings.PLEDGEBOOK_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise ArticleImportError(f"The file is larger than the {limit / (1024 * 1024):g} MB limit.")
    if not data:
        raise ArticleImportError("The file is empty.")
    if kind := binary_kind(data):
        raise ArticleImportError(f"The file is {kind}, not an article. Import {SUPPORTED}.")
    try:
        text = decode_text(data)
    except UndecodableText as error:
        raise ArticleImportError(f"The file is not readable text: {error}.") from error
    if "\x00" in text:
        raise ArticleImportError("The file is not plain text (it contains NUL bytes).")
    if not text.strip():
        raise ArticleImportError("The file contains only white space.")
    if control_character_share(text) > MAX_CONTROL_SHARE:
        raise ArticleImportError("The file is not plain text (it is full of control characters).")
    parsed = _parse_html(text, url) if extension in HTML_EXTENSIONS else _parse_text(text)
    if not parsed.body.strip():
        raise ArticleImportError("The article has a headline but no text.")
    return text, parsed


def _parse_text(text: str) -> ParsedArticle:
    try:
        return parse_plain_text(text)
    except ValueError as error:
        raise ArticleImportError("No headline was found: the first line should be the article's title.") from error


def _parse_html(text: str, url: str) -> ParsedArticle:
    try:
        return parse_html(text, url=url)
    except UnreadablePage as error:
        raise ArticleImportError(f"The web page could not be imported: {error}.") from error


def _new_article(
    parsed: ParsedArticle,
    original_text: str,
    fingerprint: str,
    overrides: Overrides,
    user: AbstractBaseUser | None,
    slug: str,
) -> Article:
    return Article(
        title=parsed.title,
        slug=slug,
        byline=parsed.byline[:200],
        source_url=overrides.source_url,
        published_at=overrides.published_at or parsed.published_at,
        original_text=original_text,
        body=parsed.body,
        content_hash=fingerprint,
        imported_by=user,
    )


def _lookup(fingerprint: str, slug: str) -> tuple[Article | None, bool]:
    """One query for both checks: (the article with this fingerprint, if any; whether `slug` is taken)."""
    # Both columns are unique and indexed. Three columns, no ordering: the usual answer is no row at
    # all, and a narrow query is quicker to build; the whole article is fetched only for a duplicate.
    rows = (
        Article.objects.filter(Q(content_hash=fingerprint) | Q(slug=slug))
        .order_by()
        .values_list("pk", "content_hash", "slug")
    )
    found = list(rows)
    duplicate = next((pk for pk, found_hash, _ in found if found_hash == fingerprint), None)
    existing = Article.objects.get(pk=duplicate) if duplicate is not None else None
    return existing, any(found_slug == slug for _, _, found_slug in found)


def _suggestion(article: Article, candidate: Candidate) -> Suggestion:
    return Suggestion(
        article=article,
        kind=candidate.kind,
        quote=candidate.quote,
        start=candidate.start,
        end=candidate.end,
        speaker_name=candidate.speaker_name[:200],
        reason=candidate.reason[:200],
    )


def _outlet(name: str) -> Outlet | None:
    if not name:
        return None
    name = name[:200]
    outlet = Outlet.objects.filter(name__iexact=name).first()
    if outlet is None:
        outlet = Outlet(name=name, slug=unique_slug(Outlet, name))
        outlet.full_clean()
        outlet.save()
    return outlet


def _describe(error: ValidationError) -> str:
    return "; ".join(message for messages in error.message_dict.values() for message in messages)
