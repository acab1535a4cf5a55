"""The current verdict, copied onto each statement, and an index for each public filter and ordering.

Statement.current_verdict, current_rating, first_published_at and last_update_at are kept by
publishing.refresh_current_verdict(); this migration fills them once for existing rows, in one
UPDATE with the same definitions (frozen here, as migrations must be): the current verdict is
the latest published one by checked_on, published_at, id; the last update is the latest
publication of a verdict or of a correction to a published one.

Indexes made useless are dropped: statement(kind) (two values; the public ones lead with kind in
statement_public_rating_idx), and 0004's partial verdict index (the per-row
current-verdict subqueries it served are gone; the one-statement lookups left are served by
Verdict's (statement, status, -checked_on, -published_at) index).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Max, Min, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Greatest


def backfill(apps, schema_editor):
    Statement = apps.get_model("factcheck", "Statement")
    Verdict = apps.get_model("factcheck", "Verdict")
    Correction = apps.get_model("factcheck", "Correction")
    published = Verdict.objects.filter(status="published", statement=OuterRef("pk"))
    current = published.order_by("-checked_on", "-published_at", "-pk")
    times = published.order_by().values("statement")
    corrected = (
        Correction.objects.filter(verdict__status="published", verdict__statement=OuterRef("pk"))
        .order_by()
        .values("verdict__statement")
        .annotate(last=Max("created_at"))
        .values("last")
    )
    last_published = Subquery(times.annotate(last=Max("published_at")).values("last"))
    Statement.objects.update(
        current_verdict_id=Subquery(current.values("pk")[:1]),
        current_rating=Coalesce(Subquery(current.values("rating")[:1]), Value("")),
        first_published_at=Subquery(times.annotate(first=Min("published_at")).values("first")),
        last_update_at=Greatest(last_published, Coalesce(Subquery(corrected), last_published)),
    )


# The public list's "date said, newest first" sort is published_at DESC NULLS LAST, an order
# PostgreSQL reads from this index alone; SQLite cannot declare NULLS LAST in an index (its
# DESC puts NULLs last anyway) and has the plain published_at index.
SAID_INDEX = "article_said_idx"


def add_said_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX {SAID_INDEX} ON factcheck_article (published_at DESC NULLS LAST)")


def remove_said_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX {SAID_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0004_prod_indexes"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="statement",
            name="factcheck_s_kind_dd1cf0_idx",
        ),
        migrations.AddField(
            model_name="statement",
            name="current_rating",
            field=models.CharField(
                blank=True,
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
                default="",
                editable=False,
                max_length=30,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="current_verdict",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="factcheck.verdict",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="first_published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="statement",
            name="last_update_at",
            field=models.DateTimeField(
                blank=True, editable=False, help_text="Latest publication of a verdict or correction to one.", null=True
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
        migrations.RunSQL(
            sql="DROP INDEX factcheck_verdict_current_idx",
            reverse_sql=(
                "CREATE INDEX factcheck_verdict_current_idx ON factcheck_verdict "
                "(statement_id, checked_on DESC, published_at DESC, id DESC) WHERE status = 'published'"
            ),
        ),
        migrations.RunPython(add_said_index, remove_said_index),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                models.F("kind"),
                models.F("current_rating"),
                models.OrderBy(models.F("last_update_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("current_verdict__isnull", False)),
                name="statement_public_rating_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                models.OrderBy(models.F("last_update_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("current_verdict__isnull", False)),
                name="statement_public_updated_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                models.F("speaker"),
                models.OrderBy(models.F("last_update_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("current_verdict__isnull", False)),
                name="statement_public_speaker_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="verdict",
            index=models.Index(
                models.OrderBy(models.F("published_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                condition=models.Q(("status", "published")),
                name="verdict_published_idx",
            ),
        ),
    ]
