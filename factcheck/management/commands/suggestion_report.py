from pathlib import Path

import yaml
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from factcheck.importing import ArticleImportError, read_article
from factcheck.suggesting import suggest_statements
from factcheck.suggestion_scores import RULES, Score, Tagged, score
from factcheck.tagging import locate_quote


class Command(BaseCommand):
    help = (
        "Measure the importer's statement suggestions on the seed articles: precision and recall against the "
        "hand-tagged statements in seeds/demo.yaml. Reads files only; writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seeds", type=Path, default=settings.BASE_DIR / "seeds", help="The seeds folder.")

    def handle(self, *args, seeds: Path, verbosity: int, **options):
        try:
            spec = yaml.safe_load((seeds / "demo.yaml").read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"The seeds could not be read: {error}") from error
        speakers = {item["slug"]: item["name"] for item in spec["speakers"]}
        totals = {rule: Score() for rule in RULES}
        for item in spec["articles"]:
            path = seeds / item["file"]
            try:
                _, parsed = read_article(data=path.read_bytes(), filename=path.name)
            except (OSError, ArticleImportError) as error:
                raise CommandError(f"{path.name}: {error}") from error
            statements = []
            for statement in spec["statements"]:
                if statement["article"] == item["key"]:
                    start, end = locate_quote(parsed.body, statement["quote"])
                    statements.append(Tagged(statement["kind"], start, end, speakers[statement["speaker"]]))
            suggestions = [Tagged(c.kind, c.start, c.end, c.speaker_name) for c in suggest_statements(parsed.body)]
            self.stdout.write(f"{path.name}: {len(suggestions)} suggestions, {len(statements)} tagged statements")
            for rule in RULES:
                result = score(suggestions, statements, rule=rule)
                totals[rule].add(result)
                self.stdout.write(f"  {rule:8} {self._figures(result)}")
                if verbosity > 1:
                    for missed in result.missed:
                        self.stdout.write(f"    missed    {missed.kind}: {parsed.body[missed.start : missed.end]}")
                    for extra in result.unmatched:
                        self.stdout.write(f"    unmatched {extra.kind}: {parsed.body[extra.start : extra.end]}")
        self.stdout.write("Both seed articles:")
        for rule, total in totals.items():
            self.stdout.write(self.style.SUCCESS(f"  {rule:8} {self._figures(total)}"))
        self.stdout.write(
            "A suggestion matches a statement when the kinds agree and the spans overlap: 'overlap' needs half of "
            "the shorter span shared, 'strict' half of the union. Speaker: matched statements whose suggestion "
            "names the same speaker."
        )

    @staticmethod
    def _figures(result: Score) -> str:
        return (
            f"precision {result.precision:.2f} ({result.true_suggestions}/{result.suggestions})  "
            f"recall {result.recall:.2f} ({result.found_statements}/{result.statements})  "
            f"speaker {result.right_speaker}/{result.found_statements}"
        )
