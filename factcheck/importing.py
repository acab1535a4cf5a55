"""The article import service: raw bytes in, one Article (or a clear refusal) out.

The admin's import page and `load_demo` call `import_article` (or `import_url`, which
fetches a page and hands it on); the `import_articles` command calls
`import_articles_batch`, which writes many files with a few queries. None of them
parses or saves articles on its own. An article and its suggestions are written in
one transaction: all of it, or nothing.
"""

import hashlib
import logging
from collections.abc import Iterable, Sequence
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from .concurrency import check_version
from .decoding import UndecodableText, binary_kind, control_character_share, decode_text, normalise_text
from .evidence import find_evidence_on_import, refresh_article_evidence
from .fetching import FetchError, fetch_page
from .htmlpage import UnreadablePage, parse_html
from .models import Article, Outlet, Statement, Suggestion
from .plaintext import ParsedArticle, parse_plain_text
from .public_record import check_public_change, record_correction
from .publishing import refresh_current_verdict
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


@dataclass(frozen=True)
class ImportItem:
    """One file for `import_articles_batch`: its bytes and its name (the extension says its format)."""

    data: bytes
    filename: str = ""


@dataclass
class _Prepared:
    """A file read, parsed and validated: everything needed to write it, nothing written yet."""

    filename: str
    parsed: ParsedArticle
    original_text: str
    overrides: Overrides
    user: AbstractBaseUser | None
    article: Article  # validated and unsaved; its slug is the base slug, no outlet yet
    candidates: list[Candidate] | None = None

    def fresh_article(self) -> Article:
        """The same article, unsaved again: for another try after a write was undone."""
        return _new_article(self.parsed, self.original_text, self.article.content_hash, self.overrides, self.user)

    def suggestions(self) -> list[Candidate]:
        if self.candidates is None:
            self.candidates = suggest_statements(self.article.body)
        return self.candidates


def import_article(
    *,
    data: bytes,
    filename: str = "",
    overrides: Overrides | None = None,
    imported_by: AbstractBaseUser | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import one article from raw bytes; refuse with ArticleImportError, writing nothing."""
    prepared = _prepare(data=data, filename=filename, overrides=overrides or Overrides(), imported_by=imported_by)
    article = prepared.article
    if dry_run:
        existing, _ = _lookup(article.content_hash, article.slug)
        if existing is not None:
            return ImportResult(article=existing, created=False)
        return ImportResult(article=article, created=True, suggestions=len(prepared.suggestions()))
    return _save(prepared)


def import_articles_batch(
    *,
    items: Sequence[ImportItem],
    overrides: Overrides | None = None,
    imported_by: AbstractBaseUser | None = None,
    dry_run: bool = False,
    executor: Executor | None = None,
) -> list[ImportResult | Exception]:
    """Import many files, each as `import_article` would, in order; one outcome per item.

    An outcome is an ImportResult, an ArticleImportError (the file was refused), or another
    exception (one file's unexpected failure, for the caller to log): files are independent.
    Every file is read and validated first; then the batch is written at once, in a savepoint: one
    lookup query, then bulk INSERTs of the articles and of their suggestions. If the database
    refuses any of it (a concurrent import took a fingerprint or slug) the savepoint is rolled back
    and the files are written again one by one, each in its own savepoint, so the outcomes are
    exactly those of importing the files one by one and a refused file leaves nothing behind.
    A file with the same body as an earlier one in the batch is "already imported".

    With an `executor` (a pool of processes, from a bulk import), the suggestions are spotted in its
    workers while the batch waits: pure work on each body's text, the import's largest part.
    """
    overrides = overrides or Overrides()
    outcomes: list[ImportResult | Exception | None] = [None] * len(items)
    prepared: dict[int, _Prepared] = {}
    for index, item in enumerate(items):
        try:
            prepared[index] = _prepare(
                data=item.data, filename=item.filename, overrides=overrides, imported_by=imported_by
            )
        except Exception as error:  # a refusal, or an unexpected failure: either way the other files go on
            outcomes[index] = error
    if executor is not None:
        _spot_suggestions(prepared.values(), executor)
    if dry_run:
        results = _check_batch(prepared)
    else:
        try:
            with transaction.atomic():
                results = _write_batch(prepared)
        except IntegrityError as error:  # a concurrent import, usually: expected now and then
            logger.info("batch import undone (%s); importing its files one by one", error)
            results = _write_one_by_one(prepared)
        except Exception:  # anything else would also undo the batch; the traceback says what
            logger.warning("batch import undone; importing its files one by one", exc_info=True)
            results = _write_one_by_one(prepared)
    for index, result in results.items():
        outcomes[index] = result
    return outcomes


def _spot_suggestions(prepared: Iterable[_Prepared], executor: Executor) -> None:
    """Each file's suggestions, spotted in the executor's workers. A file whose spotting failed there is
    left to spot again when it is written, where a failure is that file's own outcome."""
    try:
        futures = [(item, executor.submit(suggest_statements, item.article.body)) for item in prepared]
    except BrokenExecutor:  # a worker died (killed, out of memory): the files are spotted when written
        logger.warning("suggestion workers are gone; spotting suggestions in this process", exc_info=True)
        return
    failed = []
    for item, future in futures:
        if future.exception() is None:
            item.candidates = future.result()
        else:
            failed.append(future.exception())
    if failed:
        logger.warning(
            "suggestions for %d of %d files not spotted in a worker; spotting them in this process",
            len(failed),
            len(futures),
            exc_info=failed[0],
        )


def _prepare(*, data: bytes, filename: str, overrides: Overrides, imported_by: AbstractBaseUser | None) -> _Prepared:
    """Read, parse and validate a file, writing nothing; refuse it with ArticleImportError."""
    original_text, parsed = read_article(data=data, filename=filename, url=overrides.source_url)
    user = imported_by if imported_by and imported_by.is_authenticated else None
    article = _new_article(parsed, original_text, content_hash(parsed.body), overrides, user)
    # Validate before writing anything. The outlet is left out: it is looked up (or created and
    # validated) when writing, and checking a row just fetched would cost a query. A taken slug only gains a suffix.
    try:
        article.full_clean(exclude=["outlet"], validate_unique=False)
    except ValidationError as error:
        raise ArticleImportError(_describe(error)) from error
    return _Prepared(filename, parsed, original_text, overrides, user, article)


def _save(prepared: _Prepared) -> ImportResult:
    """Write one prepared file in its own savepoint, unless its body is already imported."""
    article = prepared.article
    attempts_left = SAVE_ATTEMPTS
    while True:
        try:
            # The lookup is inside the savepoint too: whatever fails undoes this file only, never
            # the batch transaction a caller (the command) may have wrapped around several files.
            with transaction.atomic():
                existing, slug_taken = _lookup(article.content_hash, article.slug)
                if existing is not None:
                    return ImportResult(article=existing, created=False)
                candidates = prepared.suggestions()
                article.outlet = _outlet(prepared.overrides.outlet or prepared.parsed.outlet)
                if slug_taken:
                    article.slug = unique_slug(Article, article.title)
                # The lookup just checked slug and fingerprint; the unique constraints guard any race.
                article.save()
                Suggestion.objects.bulk_create(_suggestion(article, candidate) for candidate in candidates)
                find_evidence_on_import(articles=[article])  # evidence candidates for open statements
        except IntegrityError:
            # A concurrent import committed the same article, or took its slug, after the lookup:
            # the next attempt's lookup reports the duplicate or picks the next free slug.
            attempts_left -= 1
            if not attempts_left:
                raise
            article = prepared.fresh_article()
            continue
        except ValidationError as error:  # a new outlet's name
            raise ArticleImportError(_describe(error)) from error
        logger.info("article imported", extra={"article_id": article.pk, "file": prepared.filename})
        return ImportResult(article=article, created=True, suggestions=len(candidates))


def _check_batch(prepared: dict[int, _Prepared]) -> dict[int, ImportResult]:
    """A dry run of a batch: what would be imported, and what is already (or earlier in the batch)."""
    existing, _ = _lookup_batch({item.article.content_hash for item in prepared.values()}, set())
    results = {}
    earlier: dict[str, Article] = {}
    for index, item in prepared.items():
        fingerprint = item.article.content_hash
        if (found := existing.get(fingerprint) or earlier.get(fingerprint)) is not None:
            results[index] = ImportResult(article=found, created=False)
            continue
        earlier[fingerprint] = item.article
        results[index] = ImportResult(article=item.article, created=True, suggestions=len(item.suggestions()))
    return results


def _write_batch(prepared: dict[int, _Prepared]) -> dict[int, ImportResult]:
    """Write a batch's new articles and their suggestions with a few queries; raise if the database refuses."""
    fingerprints = {item.article.content_hash for item in prepared.values()}
    existing, claimed = _lookup_batch(fingerprints, {item.article.slug for item in prepared.values()})
    new: dict[str, _Prepared] = {}  # by fingerprint: the first file with each body not yet imported
    for item in prepared.values():
        if item.article.content_hash not in existing:
            new.setdefault(item.article.content_hash, item)
    # Spot the suggestions before the first write: on SQLite a write locks the database until the commit.
    suggestions = [_suggestion(item.article, candidate) for item in new.values() for candidate in item.suggestions()]
    outlets: dict[str, Outlet | None] = {}
    for item in new.values():
        article = item.article
        name = item.overrides.outlet or item.parsed.outlet
        if name not in outlets:
            outlets[name] = _outlet(name)
        article.outlet = outlets[name]
        if article.slug in claimed:  # by an article in the database, or earlier in this batch
            article.slug = unique_slug(Article, article.title, reserved=claimed)
        claimed.add(article.slug)
    Article.objects.bulk_create([item.article for item in new.values()])
    Suggestion.objects.bulk_create(suggestions)  # each takes its article's new id (Django does that on save)
    find_evidence_on_import(articles=[item.article for item in new.values()])  # evidence candidates for open statements
    results = {}
    for index, item in prepared.items():
        first = new.get(item.article.content_hash)
        if first is item:
            logger.info("article imported", extra={"article_id": item.article.pk, "file": item.filename})
            results[index] = ImportResult(article=item.article, created=True, suggestions=len(item.suggestions()))
        else:
            found = existing.get(item.article.content_hash) or first.article
            results[index] = ImportResult(article=found, created=False)
    return results


def _write_one_by_one(prepared: dict[int, _Prepared]) -> dict[int, ImportResult | Exception]:
    """Write each file in its own savepoint, starting from unsaved articles again."""
    results: dict[int, ImportResult | Exception] = {}
    for index, item in prepared.items():
        try:
            results[index] = _save(replace(item, article=item.fresh_article()))
        except Exception as error:  # this file only: the savepoint undid it, the others go on
            results[index] = error
    return results


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


# What readers see of an article, for the rules on changing it once public (factcheck.public_record).
ARTICLE_PUBLIC_FIELDS = {
    "title": "headline",
    "slug": "web address",
    "outlet": "outlet",
    "byline": "byline",
    "published_at": "publication date",
    "source_url": "link to the original",
}
# Where and when it was said: readers get a correction note.
ARTICLE_MEANING_FIELDS = ("outlet", "published_at", "source_url")


def update_article(
    *,
    article: Article,
    user: AbstractBaseUser | None,
    title: str,
    slug: str,
    outlet: Outlet | None,
    byline: str,
    published_at: datetime | None,
    source_url: str,
    body: str | None = None,
    note: str = "",
    expected_version: int | None = None,
) -> Article:
    """Save an editor's change to an article's details, or to its text while no statement points into it.

    The text's fingerprint follows the text, so the same article can never be imported or saved
    twice, and the importer's suggestions are made again for the new text. Once readers have seen
    one of its statements, only an editor may change what they see of the article, its web address
    never changes, and a new outlet, date or link to the original needs a correction note shown
    on each of its statements' pages.
    """
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        check_version(current, expected_version)
        before = {name: getattr(current, name) for name in ARTICLE_PUBLIC_FIELDS}
        current.title, current.slug, current.outlet, current.byline = title, slug, outlet, byline
        current.published_at, current.source_url = published_at, source_url
        changed = [name for name in ARTICLE_PUBLIC_FIELDS if getattr(current, name) != before[name]]
        body_changed = body is not None and normalise_text(body) != current.body
        if body_changed:
            if current.statements.exists():
                raise ValidationError(
                    {"body": "Statements point into this text by position, so it can no longer change."},
                    code="body_tagged",
                )
            old_body = current.body
            current.body = normalise_text(body)
            current.content_hash = content_hash(current.body)
            duplicate = Article.objects.filter(content_hash=current.content_hash).exclude(pk=current.pk).first()
            if duplicate is not None:
                raise ValidationError(
                    {"body": f"Another article already has this text: “{duplicate.title}”."}, code="duplicate_body"
                )
        if not changed and not body_changed:
            if note.strip():
                raise ValidationError(
                    {"correction_note": "Nothing was changed, so there is nothing to correct."}, code="nothing_changed"
                )
            return current
        seen = Statement.objects.ever_public().filter(article=current)
        if seen.exists():
            if "slug" in changed:
                raise ValidationError(
                    {"slug": "Readers know this article by its web address, so the address cannot change."},
                    code="public_slug",
                )
            check_public_change(
                user=user,
                thing="article",
                changed=changed,
                labels=ARTICLE_PUBLIC_FIELDS,
                needs_note=ARTICLE_MEANING_FIELDS,
                note=note,
            )
        current.version += 1
        current._history_user = user
        try:
            current.full_clean(exclude=["original_text"])
        except ValidationError as error:
            raise ValidationError(error.message_dict) from error
        current.save()
        if body_changed:
            current.suggestions.all().delete()
            Suggestion.objects.bulk_create(_suggestion(current, c) for c in suggest_statements(current.body))
            refresh_article_evidence(article=current, old_body=old_body)
        if note.strip() and seen.exists():
            record_correction(
                editor=user,
                note=note,
                changes={name: [_described(before[name]), _described(getattr(current, name))] for name in changed},
                article=current,
            )
            for statement_id in seen.values_list("pk", flat=True):
                refresh_current_verdict(statement_id)
    return current


def complete_article_details(
    *,
    article: Article,
    user: AbstractBaseUser | None,
    outlet_name: str = "",
    published_at: datetime | None = None,
    expected_version: int | None = None,
) -> Article:
    """Give an imported article the outlet or date the file did not state (the import page, file by file).

    An outlet is found by name, or created as the importer creates one; a blank leaves that detail
    as it is, and nothing else about the article changes. The rules are update_article's.
    """
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        try:
            outlet = _outlet(outlet_name.strip()) if outlet_name.strip() else current.outlet
        except ValidationError as error:  # a new outlet's name
            raise ValidationError({"outlet": _describe(error)}) from error
        return update_article(
            article=current,
            user=user,
            title=current.title,
            slug=current.slug,
            outlet=outlet,
            byline=current.byline,
            published_at=published_at or current.published_at,
            source_url=current.source_url,
            expected_version=expected_version,
        )


def _described(value) -> str:
    """A value as a correction records it: outlets by name, dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).date().isoformat() if timezone.is_aware(value) else value.date().isoformat()
    return str(value)


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
) -> Article:
    return Article(
        title=parsed.title,
        slug=slug_base(parsed.title),
        byline=parsed.byline[:200],
        source_url=overrides.source_url or parsed.source_url,
        published_at=overrides.published_at or parsed.published_at,
        original_text=original_text,
        body=parsed.body,
        content_hash=fingerprint,
        imported_by=user,
    )


def _lookup(fingerprint: str, slug: str) -> tuple[Article | None, bool]:
    """(The article with this fingerprint, if any; whether `slug` is taken), in one query."""
    existing, taken = _lookup_batch({fingerprint}, {slug})
    return existing.get(fingerprint), slug in taken


def _lookup_batch(fingerprints: set[str], slugs: set[str]) -> tuple[dict[str, Article], set[str]]:
    """One query for both checks: (the articles already imported, by fingerprint; which of `slugs` are taken)."""
    # Both columns are unique and indexed. Three columns, no ordering: the usual answer is no row at
    # all, and a narrow query is quicker to build; whole articles are fetched only for duplicates.
    rows = list(
        Article.objects.filter(Q(content_hash__in=fingerprints) | Q(slug__in=slugs))
        .order_by()
        .values_list("pk", "content_hash", "slug")
    )
    duplicates = [pk for pk, found_hash, _ in rows if found_hash in fingerprints]
    existing = (
        {article.content_hash: article for article in Article.objects.filter(pk__in=duplicates)} if duplicates else {}
    )
    return existing, {found_slug for _, _, found_slug in rows if found_slug in slugs}


def _suggestion(article: Article, candidate: Candidate) -> Suggestion:
    return Suggestion(
        article=article,
        kind=candidate.kind,
        quote=candidate.quote,
        start=candidate.start,
        end=candidate.end,
        speaker_name=candidate.speaker_name[:200],
        title=candidate.title[:200],
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
