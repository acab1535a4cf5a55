from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.demo import load_demo
from factcheck.importing import ArticleImportError


class Command(BaseCommand):
    help = (
        "Load the demo articles, statements and verdicts from seeds/. Safe to run again: it adds only what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=settings.BASE_DIR / "seeds", help="The seeds folder.")

    def handle(self, *args, seeds: Path, **options):
        try:
            report = load_demo(seeds_dir=seeds)
        except (ArticleImportError, FileNotFoundError) as error:
            raise CommandError(f"The demo could not be loaded: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Demo loaded: {report}."))
