"""Issue 17: evidence candidates, the statements' term index, and its counts."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# "Find evidence" on PostgreSQL looks for articles sharing a statement's rarer words through this index.
ARTICLE_TEXT_INDEX = (
    "CREATE INDEX IF NOT EXISTS factcheck_article_body_fts ON factcheck_article "
    "USING gin (to_tsvector('english'::regconfig, body))"
)


def create_article_text_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ARTICLE_TEXT_INDEX)


def drop_article_text_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS factcheck_article_body_fts")


def index_statements(apps, schema_editor):
    """Index the statements and articles already imported (the analysis is the app's own: factcheck.evidence)."""
    from factcheck.evidence import rebuild_index

    rebuild_index()


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0015_statement_deadline_criteria"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EvidenceCandidate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "start",
                    models.PositiveIntegerField(
                        help_text="Offset of the passage's first character in the article's body."
                    ),
                ),
                ("end", models.PositiveIntegerField(help_text="Offset just past the passage's last character.")),
                ("score", models.FloatField()),
                (
                    "reasons",
                    models.JSONField(
                        default=dict, help_text="Why it matched: shared names, numbers, phrases and words."
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("new", "New"), ("used", "Used as a source"), ("dismissed", "Not relevant")],
                        default="new",
                        max_length=20,
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[
                            ("import", "Found when the article was imported"),
                            ("search", "Found by “Find evidence”"),
                        ],
                        default="import",
                        max_length=20,
                    ),
                ),
                ("decided_at", models.DateTimeField(blank=True, null=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["statement", "-score", "pk"],
            },
        ),
        migrations.CreateModel(
            name="EvidenceTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("term", models.CharField(max_length=40)),
            ],
        ),
        migrations.CreateModel(
            name="EvidenceTermCount",
            fields=[
                ("term", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("statements", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name="evidencecandidate",
            name="article",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="evidence_candidates", to="factcheck.article"
            ),
        ),
        migrations.AddField(
            model_name="evidencecandidate",
            name="decided_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="evidencecandidate",
            name="statement",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="evidence_candidates",
                to="factcheck.statement",
            ),
        ),
        migrations.AddField(
            model_name="evidencecandidate",
            name="verdict",
            field=models.ForeignKey(
                blank=True,
                help_text="The draft it started.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="factcheck.verdict",
            ),
        ),
        migrations.AddField(
            model_name="evidenceterm",
            name="statement",
            field=models.ForeignKey(
                db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="factcheck.statement"
            ),
        ),
        migrations.AddIndex(
            model_name="evidencecandidate",
            index=models.Index(fields=["statement", "status", "-score"], name="evidence_statement_idx"),
        ),
        migrations.AddIndex(
            model_name="evidencecandidate",
            index=models.Index(
                models.OrderBy(models.F("created_at"), descending=True),
                condition=models.Q(("status", "new")),
                name="evidence_new_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencecandidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("start__gte", 0), ("start__lt", models.F("end"))),
                name="evidence_candidate_offsets_in_order",
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencecandidate",
            constraint=models.UniqueConstraint(
                fields=("statement", "article", "start", "end"), name="evidence_candidate_unique_passage"
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencecandidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("score__gte", 0)), name="evidence_candidate_score_not_negative"
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencecandidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["new", "used", "dismissed"])), name="evidence_candidate_status_known"
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencecandidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("origin__in", ["import", "search"])), name="evidence_candidate_origin_known"
            ),
        ),
        migrations.AddConstraint(
            model_name="evidencecandidate",
            constraint=models.CheckConstraint(
                condition=models.Q(("status", "new"), ("decided_at__isnull", False), _connector="OR"),
                name="evidence_candidate_decision_dated",
            ),
        ),
        migrations.AddIndex(
            model_name="evidenceterm",
            index=models.Index(fields=["statement"], name="evidence_term_statement_idx"),
        ),
        migrations.AddConstraint(
            model_name="evidenceterm",
            constraint=models.UniqueConstraint(fields=("term", "statement"), name="evidence_term_unique"),
        ),
        migrations.CreateModel(
            name="ArticleTermCount",
            fields=[
                ("term", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("articles", models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_article_text_index, drop_article_text_index),
        migrations.RunPython(index_statements, migrations.RunPython.noop),
    ]
