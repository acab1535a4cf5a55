from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.evidence_report import PAIRS, pairs_story, seeds_story


class Command(BaseCommand):
    help = (
        "Measure the evidence finder: recall at 3 and false candidates on the seeds' own story and on real "
        "pledge/report pairs (bench/evidence_pairs.yaml, articles read from --articles). Everything it imports and "
        "tags is rolled back: the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "bbc-politics" / "articles",
            help="The folder of BBC politics articles (default ../shared/bbc-politics/articles).",
        )
        parser.add_argument("--pairs", type=Path, default=PAIRS, help="The pairs' definitions.")
        parser.add_argument("--seeds-only", action="store_true", help="Only the seeds' story.")
        parser.add_argument(
            "--part",
            choices=["all", "tuned", "held"],
            default="all",
            help="Which real pairs: those matching was tuned on, those held aside, or both (reported apart).",
        )
        parser.add_argument(
            "--alone",
            action="store_true",
            help="Each pair on its own: only its statement's article and its evidence articles are imported "
            "(an editor's first walk), not the whole folder.",
        )
        parser.add_argument(
            "--desk-titles",
            action="store_true",
            help="Title each statement as the desk suggests it, not with the pair's hand-written title.",
        )

    def handle(
        self,
        *args,
        articles: Path,
        pairs: Path,
        seeds_only: bool,
        part: str,
        alone: bool,
        desk_titles: bool,
        **options,
    ):
        for line in seeds_story().lines():
            self.stdout.write(line)
        if seeds_only:
            return
        if not articles.is_dir():
            raise CommandError(f"{articles} is not a folder of articles: give --articles, or --seeds-only.")
        try:
            reports = pairs_story(folder=articles, pairs_file=pairs, part=part, alone=alone, desk_titles=desk_titles)
        except ValueError as error:
            raise CommandError(str(error)) from error
        for report in reports:
            for line in report.lines():
                self.stdout.write(line)
