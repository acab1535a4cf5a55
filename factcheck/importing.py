"""The article import service: raw bytes in, one Article (or a clear refusal) out.

The admin's import page, the `import_articles` command and `load_demo` all call
`import_article`; none of them parses or saves articles on its own.
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
from django.utils.text import slugify

from .decoding import UndecodableText, decode_text
from .models import Article, Outlet
from .plaintext import ParsedArticle, parse_plain_text
from .slugs import unique_slug

logger = logging.getLogger(__name__)

TEXT_EXTENSIONS = {"", ".txt", ".text"}


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
    parsed = _parse(data, filename)
    fingerprint = content_hash(parsed.body)
    existing = Article.objects.filter(content_hash=fingerprint).first()
    if existing is not None:
        return ImportResult(article=existing, created=False)

    original_text = decode_text(data)
    article = Article(
        title=parsed.title,
        byline=parsed.byline,
        source_url=overrides.source_url,
        published_at=overrides.published_at or parsed.published_at,
        original_text=original_text,
        body=parsed.body,
        content_hash=fingerprint,
        imported_by=imported_by if imported_by and imported_by.is_authenticated else None,
    )
    if dry_run:
        return ImportResult(article=article, created=True)
    try:
        with transaction.atomic():
            article.outlet = _outlet(overrides.outlet or parsed.outlet)
            article.slug = unique_slug(Article, article.title)
            article.full_clean()
            article.save()
    except IntegrityError:
        # Another import of the same article won the race: report it as a duplicate.
        existing = Article.objects.filter(content_hash=fingerprint).first()
        if existing is None:
            raise
        return ImportResult(article=existing, created=False)
    except ValidationError as error:
        raise ArticleImportError(_describe(error)) from error
    logger.info("article imported", extra={"article_id": article.pk, "file": filename})
    return ImportResult(article=article, created=True)


def _parse(data: bytes, filename: str) -> ParsedArticle:
    extension = PurePath(filename).suffix.lower()
    if extension not in TEXT_EXTENSIONS:
        raise ArticleImportError(f"“{extension}” files are not supported; import plain text (.txt).")
    if not data.strip():
        raise ArticleImportError("The file is empty.")
    limit = settings.PLEDGEBOOK_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise ArticleImportError(f"The file is larger than the {limit // (1024 * 1024)} MB limit.")
    try:
        text = decode_text(data)
    except UndecodableText as error:
        raise ArticleImportError(f"The file is not readable text: {error}.") from error
    if "\x00" in text:
        raise ArticleImportError("The file is not plain text (it contains NUL bytes).")
    if not text.strip():
        raise ArticleImportError("The file contains only white space.")
    try:
        parsed = parse_plain_text(text)
    except ValueError as error:
        raise ArticleImportError("No headline was found: the first line should be the article's title.") from error
    if not parsed.body.strip():
        raise ArticleImportError("The article has a headline but no text.")
    return parsed


def _outlet(name: str) -> Outlet | None:
    if not name:
        return None
    outlet, _ = Outlet.objects.get_or_create(name=name, defaults={"slug": slugify(name)[:200] or "outlet"})
    return outlet


def _describe(error: ValidationError) -> str:
    return "; ".join(message for messages in error.message_dict.values() for message in messages)
