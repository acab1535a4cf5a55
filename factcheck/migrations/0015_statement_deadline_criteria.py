"""Issue 17: a pledge's deadline (at its own precision) and what would count as kept."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0014_versions_in_history_and_suggestion_titles"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalstatement",
            name="due_by",
            field=models.DateField(
                blank=True,
                help_text="The last day of the deadline's period (none for recurring pledges).",
                null=True,
                verbose_name="due by",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="due_day",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="due_every",
            field=models.CharField(
                blank=True,
                db_default="",
                choices=[("year", "every year"), ("quarter", "every quarter"), ("month", "every month")],
                default="",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="due_month",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="due_period",
            field=models.CharField(
                blank=True,
                db_default="",
                choices=[
                    ("early", "early"),
                    ("mid", "mid"),
                    ("late", "late"),
                    ("spring", "spring"),
                    ("summer", "summer"),
                    ("autumn", "autumn"),
                    ("winter", "winter"),
                ],
                default="",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="due_phrase",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                help_text="E.g. “this September”.",
                max_length=200,
                verbose_name="deadline in the pledge's words",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="due_precision",
            field=models.CharField(
                blank=True,
                db_default="",
                choices=[
                    ("day", "A day"),
                    ("month", "A month"),
                    ("period", "A season or part of a year"),
                    ("year", "A year"),
                    ("recurring", "Recurring"),
                ],
                default="",
                max_length=10,
                verbose_name="deadline precision",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="due_year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="success_criteria",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                help_text="Written by the desk, e.g. “200 conversion places funded and filled by September 2010”.",
                verbose_name="what would count as kept",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_by",
            field=models.DateField(
                blank=True,
                help_text="The last day of the deadline's period (none for recurring pledges).",
                null=True,
                verbose_name="due by",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_day",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_every",
            field=models.CharField(
                blank=True,
                db_default="",
                choices=[("year", "every year"), ("quarter", "every quarter"), ("month", "every month")],
                default="",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_month",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_period",
            field=models.CharField(
                blank=True,
                db_default="",
                choices=[
                    ("early", "early"),
                    ("mid", "mid"),
                    ("late", "late"),
                    ("spring", "spring"),
                    ("summer", "summer"),
                    ("autumn", "autumn"),
                    ("winter", "winter"),
                ],
                default="",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_phrase",
            field=models.CharField(
                blank=True,
                db_default="",
                default="",
                help_text="E.g. “this September”.",
                max_length=200,
                verbose_name="deadline in the pledge's words",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_precision",
            field=models.CharField(
                blank=True,
                db_default="",
                choices=[
                    ("day", "A day"),
                    ("month", "A month"),
                    ("period", "A season or part of a year"),
                    ("year", "A year"),
                    ("recurring", "Recurring"),
                ],
                default="",
                max_length=10,
                verbose_name="deadline precision",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="due_year",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="statement",
            name="success_criteria",
            field=models.TextField(
                blank=True,
                db_default="",
                default="",
                help_text="Written by the desk, e.g. “200 conversion places funded and filled by September 2010”.",
                verbose_name="what would count as kept",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                models.F("due_by"),
                models.F("current_rating"),
                condition=models.Q(("current_verdict__isnull", False), ("due_by__isnull", False)),
                name="statement_public_due_idx",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("kind", "pledge"), models.Q(("success_criteria", ""), ("due_precision", "")), _connector="OR"
                ),
                name="statement_follow_up_pledges_only",
                violation_error_message="Only pledges have a deadline and success criteria.",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("due_precision", ""),
                        ("due_by__isnull", True),
                        ("due_day__isnull", True),
                        ("due_month__isnull", True),
                        ("due_year__isnull", True),
                        ("due_every", ""),
                        ("due_period", ""),
                        ("due_phrase", ""),
                    ),
                    models.Q(
                        ("due_precision", "day"),
                        ("due_year__isnull", False),
                        ("due_month__isnull", False),
                        ("due_day__isnull", False),
                        ("due_period", ""),
                        ("due_every", ""),
                        ("due_by__isnull", False),
                    ),
                    models.Q(
                        ("due_precision", "month"),
                        ("due_year__isnull", False),
                        ("due_month__isnull", False),
                        ("due_day__isnull", True),
                        ("due_period", ""),
                        ("due_every", ""),
                        ("due_by__isnull", False),
                    ),
                    models.Q(
                        ("due_precision", "period"),
                        ("due_year__isnull", False),
                        ("due_month__isnull", True),
                        ("due_day__isnull", True),
                        models.Q(("due_period", ""), _negated=True),
                        ("due_every", ""),
                        ("due_by__isnull", False),
                    ),
                    models.Q(
                        ("due_precision", "year"),
                        ("due_year__isnull", False),
                        ("due_month__isnull", True),
                        ("due_day__isnull", True),
                        ("due_period", ""),
                        ("due_every", ""),
                        ("due_by__isnull", False),
                    ),
                    models.Q(
                        ("due_precision", "recurring"),
                        ("due_year__isnull", True),
                        ("due_month__isnull", True),
                        ("due_day__isnull", True),
                        ("due_period", ""),
                        models.Q(("due_every", ""), _negated=True),
                        ("due_by__isnull", True),
                    ),
                    _connector="OR",
                ),
                name="statement_due_consistent",
                violation_error_message="The deadline's parts do not fit its precision.",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("due_month__isnull", True),
                        models.Q(("due_month__gte", 1), ("due_month__lte", 12)),
                        _connector="OR",
                    ),
                    models.Q(
                        ("due_day__isnull", True), models.Q(("due_day__gte", 1), ("due_day__lte", 31)), _connector="OR"
                    ),
                ),
                name="statement_due_day_month_in_range",
                violation_error_message="A deadline's month is 1 to 12 and its day 1 to 31.",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("due_precision__in", ["", "day", "month", "period", "year", "recurring"]),
                    ("due_period__in", ["", "early", "mid", "late", "spring", "summer", "autumn", "winter"]),
                    ("due_every__in", ["", "year", "quarter", "month"]),
                ),
                name="statement_due_choices_known",
            ),
        ),
    ]
