import sys
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from factcheck.synthetic import generate_newsroom


class Command(BaseCommand):
    help = (
        "Generate a synthetic newsroom for benchmarks: N articles with about ten statements each, "
        "verdict timelines of one to four updates, sources, speakers, outlets, drafts and corrections. "
        "Adds to what is there, in one transaction. Generated rows have no audit history."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, required=True, help="How many articles to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed: the same seed gives the same text.")
        parser.add_argument(
            "--drafts-ratio",
            type=float,
            default=0.1,
            help="Share of statements whose verdicts are all drafts (never public). Default 0.1.",
        )
        parser.add_argument("--batch-size", type=int, default=500, help="Articles written per batch.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Generate and write everything, then roll back: nothing is kept."
        )

    def handle(self, *args, articles: int, seed: int, drafts_ratio: float, batch_size: int, dry_run: bool, **options):
        started = time.perf_counter()
        with tqdm(total=articles, unit="article", disable=not sys.stderr.isatty(), file=sys.stderr) as bar:
            try:
                report = generate_newsroom(
                    articles=articles,
                    seed=seed,
                    drafts_ratio=drafts_ratio,
                    batch_size=batch_size,
                    progress=bar.update,
                    dry_run=dry_run,
                )
            except ValueError as error:
                raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        verb = "Generated and rolled back (dry run)" if dry_run else "Generated"
        self.stdout.write(
            self.style.SUCCESS(f"{verb} {report} in {elapsed:.1f} s ({report.articles / elapsed:,.0f} articles/s).")
        )
