import logging
import multiprocessing
import os
from collections import Counter
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import nullcontext
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_date, parse_datetime
from tqdm import tqdm

from factcheck.importing import ArticleImportError, ImportItem, ImportResult, Overrides, import_articles_batch

logger = logging.getLogger(__name__)

# Show a progress bar (in a terminal only) from this many files up.
PROGRESS_FROM = 50
# Files written per commit, with a few queries for all of them (see import_articles_batch): a
# refused or failed file still undoes only itself; batches spare a disk flush and round trips per file.
FILES_PER_COMMIT = 100
# Spotting suggestions is pure CPU work on each file's text: from this many files up, worker processes
# (one a CPU by default, at most MOST_DEFAULT_WORKERS) do it while the command writes. Fewer files would
# not repay starting them.
PARALLEL_FROM = 2 * FILES_PER_COMMIT
# The command itself writes and matches evidence while the workers spot: past a few workers they
# wait on it, so a large server does not start one a CPU.
MOST_DEFAULT_WORKERS = 4


class Command(BaseCommand):
    help = (
        "Import articles from files or folders (folders are searched recursively; hidden files are skipped). "
        "Prints one line per file and a summary; exits with status 1 if any file was refused. "
        "Files are independent: one refused file never undoes the others."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="Article files or folders.")
        parser.add_argument("--outlet", default="", help="Outlet name for every article (wins over the detected one).")
        parser.add_argument(
            "--published", default="", help="Publication date (YYYY-MM-DD or ISO date and time) for every article."
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and parse every file; write nothing.")
        parser.add_argument(
            "--workers",
            type=int,
            default=min(MOST_DEFAULT_WORKERS, os.cpu_count() or 1),
            help=f"Processes that spot suggestions when {PARALLEL_FROM} files or more are imported "
            f"(default: one a CPU, at most {MOST_DEFAULT_WORKERS}; 1 spots them in this process).",
        )

    def handle(self, *args, paths: list[Path], outlet: str, published: str, dry_run: bool, workers: int, **options):
        if workers < 1:
            raise CommandError("--workers must be 1 or more.")
        overrides = Overrides(outlet=outlet.strip(), published_at=_published(published))
        files, missing = _expand(paths)
        counts: Counter[str] = Counter()
        seen: set[str] = set()
        show_bar = len(files) >= PROGRESS_FROM and self.stdout.isatty()
        parallel = workers > 1 and len(files) >= PARALLEL_FROM
        # "spawn": the workers start clean and never share this process's database connection.
        pool = (
            ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            if parallel
            else nullcontext()
        )
        with pool as executor, tqdm(total=len(files), unit="file", disable=not show_bar, leave=False) as bar:
            for path in missing:
                counts["refused"] += 1
                self._line(bar, "refused", path, "No such file or folder.", self.style.ERROR)
            for first in range(0, len(files), FILES_PER_COMMIT):
                batch = files[first : first + FILES_PER_COMMIT]
                outcomes = _import_batch(batch, overrides, dry_run, executor)
                # Report a batch once it is committed, so "imported" is never said of a row that is not there.
                for line in (self._result_line(path, outcome, dry_run, counts, seen) for path, outcome in outcomes):
                    self._line(bar, *line)
                bar.update(len(batch))
        verb = "would be imported" if dry_run else "imported"
        summary = (
            f"{counts['imported']} {verb}, {counts['already imported']} already imported, {counts['refused']} refused."
        )
        if counts["refused"]:
            self.stdout.write(self.style.WARNING(summary))
            raise CommandError(f"{counts['refused']} of {len(files) + len(missing)} files were refused.")
        self.stdout.write(self.style.SUCCESS(summary))

    def _result_line(self, path: Path, outcome: ImportResult | Exception, dry_run, counts, seen) -> tuple:
        """Count one file's outcome and return its result line."""
        if isinstance(outcome, ArticleImportError):
            counts["refused"] += 1
            return "refused", path, str(outcome), self.style.ERROR
        if isinstance(outcome, Exception):  # one file's unexpected failure; it did not stop the batch
            logger.error("import of %s failed", path, exc_info=outcome)
            counts["refused"] += 1
            return "refused", path, "An unexpected error stopped this file; it is logged.", self.style.ERROR
        article = outcome.article
        if not outcome.created or article.content_hash in seen:
            counts["already imported"] += 1
            where = f"article {article.pk}" if article.pk else "an earlier file in this run"
            return "already imported", path, f"“{article.title}” ({where}).", self.style.WARNING
        seen.add(article.content_hash)
        counts["imported"] += 1
        label = "would import" if dry_run else "imported"
        detail = f"“{article.title}”" + (f" (article {article.pk})" if article.pk else "")
        return label, path, f"{detail}, {outcome.suggestions} suggestions.", self.style.SUCCESS

    def _line(self, bar, status: str, path: Path, message: str, style) -> None:
        with bar.external_write_mode():
            self.stdout.write(f"{style(status)}: {path}: {message}")


def _import_batch(
    paths: list[Path], overrides: Overrides, dry_run: bool, executor: Executor | None
) -> list[tuple[Path, ImportResult | Exception]]:
    """Read a batch of files and import them in one transaction; each path with its outcome, in order."""
    outcomes: list[ImportResult | Exception | None] = [None] * len(paths)
    readable: list[tuple[int, bytes]] = []
    for index, path in enumerate(paths):
        try:
            readable.append((index, _read(path)))
        except ArticleImportError as error:
            outcomes[index] = error
    with transaction.atomic():
        results = import_articles_batch(
            items=[ImportItem(data=data, filename=paths[index].name) for index, data in readable],
            overrides=overrides,
            dry_run=dry_run,
            executor=executor,
        )
    for (index, _), result in zip(readable, results, strict=True):
        outcomes[index] = result
    return list(zip(paths, outcomes, strict=True))


def _expand(paths: list[Path]) -> tuple[list[Path], list[Path]]:
    """Files named, and files in folders named (recursively, skipping hidden ones); and paths that do not exist."""
    files, missing = [], []
    for path in paths:
        if path.is_dir():
            files += sorted(
                candidate
                for candidate in path.rglob("*")
                if candidate.is_file() and not any(part.startswith(".") for part in candidate.relative_to(path).parts)
            )
        elif path.exists():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def _read(path: Path) -> bytes:
    """Read at most one byte over the size limit: enough for the service to refuse a file that is too large."""
    try:
        with path.open("rb") as handle:
            return handle.read(settings.PLEDGEBOOK_IMPORT_MAX_BYTES + 1)
    except OSError as error:
        raise ArticleImportError(f"The file could not be read ({error.strerror or error}).") from error


def _published(value: str) -> datetime | None:
    if not value:
        return None
    london = ZoneInfo(settings.TIME_ZONE)
    try:
        if (stamp := parse_datetime(value)) is not None:
            return stamp if stamp.tzinfo else stamp.replace(tzinfo=london)
        if (day := parse_date(value)) is not None:
            return datetime.combine(day, time(), tzinfo=london)
    except ValueError:
        pass
    raise CommandError(f"--published: “{value}” is not a date; use YYYY-MM-DD.")
