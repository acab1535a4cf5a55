"""Indexes for the public pages at a million statements (see bench/explain.py).

The current verdict of a statement (StatementQuerySet.with_current_verdict) is "its latest
published verdict by checked_on, published_at, id": a partial index in exactly that order
answers each lookup with the first entry of one index range, no sort and no draft rows.

Written as SQL (valid on PostgreSQL and SQLite) rather than Meta.indexes so that models.py,
which other branches are changing, stays untouched; it can move into Verdict.Meta.indexes
(condition=Q(status="published")) once the branches are merged.
"""

from django.db import migrations

INDEX = "factcheck_verdict_current_idx"


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0003_public_search_indexes")]

    operations = [
        migrations.RunSQL(
            sql=(
                f"CREATE INDEX {INDEX} ON factcheck_verdict "
                "(statement_id, checked_on DESC, published_at DESC, id DESC) WHERE status = 'published'"
            ),
            reverse_sql=f"DROP INDEX {INDEX}",
        ),
    ]
