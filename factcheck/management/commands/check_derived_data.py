from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from factcheck.derived import find_drift, repair

SHOWN = 20


class Command(BaseCommand):
    help = (
        "Recompute every derived store (statements' current verdicts and public dates, the tracker's running "
        "totals, speakers' and topics' tallies, search documents on PostgreSQL) from the source rows and report "
        "each difference. --repair rewrites what differs in one transaction. Exit status 1 when anything "
        "differed and was not repaired."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Rewrite what differs, in one transaction.")
        parser.add_argument("--dry-run", action="store_true", help="With --repair: repair, then roll back.")

    def handle(self, *args, repair: bool, dry_run: bool, verbosity: int, **options):
        drift = find_drift()
        if not drift:
            self.stdout.write(self.style.SUCCESS("Every derived store matches its source rows."))
            return
        shown = drift.differences if verbosity > 1 else drift.differences[:SHOWN]
        for difference in shown:
            self.stdout.write(f"- {difference}")
        if len(shown) < len(drift.differences):
            self.stdout.write(f"  … and {len(drift.differences) - len(shown)} more (--verbosity 2 lists them all).")
        count = f"{len(drift.differences)} difference{'s' if len(drift.differences) != 1 else ''}"
        if not repair:
            raise CommandError(f"{count} found. Run again with --repair to fix them.", returncode=1)
        with transaction.atomic():
            self._repair(drift)
            if dry_run:
                transaction.set_rollback(True)
                self.stdout.write(f"Dry run: {count} would be repaired; nothing was written.")
                return
        self.stdout.write(self.style.SUCCESS(f"Repaired {count}."))

    def _repair(self, drift) -> None:
        repair(drift)
        if find_drift():
            raise CommandError("The repair left differences; nothing was written.", returncode=1)
