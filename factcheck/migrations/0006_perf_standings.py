"""Monthly running totals of where statements stand, for the tracker's scoreboard and chart.

Fills Statement.standing and StandingChange for existing rows with the definitions of
factcheck.standings, frozen here as migrations must be: a statement's standing is its published
verdicts oldest first (checked_on, published_at, id), the last of each month kept; each entry
arrives at its rating in its month and leaves it in the next entry's month.
"""

import datetime
from collections import Counter
from itertools import groupby

from django.db import migrations, models

BATCH = 2000


def backfill(apps, schema_editor):
    Statement = apps.get_model("factcheck", "Statement")
    Verdict = apps.get_model("factcheck", "Verdict")
    StandingChange = apps.get_model("factcheck", "StandingChange")
    rows = (
        Verdict.objects.filter(status="published")
        .order_by("statement_id", "checked_on", "published_at", "pk")
        .values_list("statement_id", "statement__kind", "checked_on", "rating")
        .iterator(chunk_size=BATCH)
    )
    totals: Counter = Counter()
    changed = []
    for (statement_id, kind), verdicts in groupby(rows, key=lambda row: row[:2]):
        by_month = {f"{checked_on:%Y-%m}": rating for _, _, checked_on, rating in verdicts}
        standing = [[month, rating] for month, rating in by_month.items()]
        for index, (month, rating) in enumerate(standing):
            totals[(kind, month, rating, "arrived")] += 1
            if index + 1 < len(standing):
                totals[(kind, standing[index + 1][0], rating, "left")] += 1
        changed.append(Statement(pk=statement_id, standing=standing))
        if len(changed) == BATCH:
            Statement.objects.bulk_update(changed, ["standing"])
            changed = []
    Statement.objects.bulk_update(changed, ["standing"])
    rows = {}
    for (kind, month, rating, direction), n in totals.items():
        row = rows.setdefault(
            (kind, month, rating),
            StandingChange(kind=kind, month=datetime.date.fromisoformat(f"{month}-01"), rating=rating),
        )
        setattr(row, direction, n)
    StandingChange.objects.bulk_create(rows.values())


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0005_perf_current_verdict"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="standing",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.CreateModel(
            name="StandingChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("pledge", "Pledge"), ("criticism", "Criticism")], max_length=20)),
                ("month", models.DateField(help_text="The first day of the month.")),
                (
                    "rating",
                    models.CharField(
                        choices=[
                            ("not-yet-rated", "Not yet rated"),
                            ("in-the-works", "In the works"),
                            ("stalled", "Stalled"),
                            ("compromise", "Compromise"),
                            ("kept", "Kept"),
                            ("broken", "Broken"),
                            ("borne-out", "Borne out"),
                            ("partly-borne-out", "Partly borne out"),
                            ("not-borne-out", "Not borne out"),
                            ("unverifiable", "Unverifiable (opinion)"),
                        ],
                        max_length=30,
                    ),
                ),
                ("arrived", models.IntegerField(default=0)),
                ("left", models.IntegerField(default=0)),
            ],
            options={
                "ordering": ["kind", "month", "rating"],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "month", "rating"), name="standing_change_unique")
                ],
            },
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
