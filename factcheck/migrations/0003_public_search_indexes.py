"""GIN indexes for the public full-text search (PostgreSQL only).

They index the very expressions `factcheck.search` queries, so the planner can use them.
They are not in the models' Meta because SQLite cannot have them; on SQLite this
migration does nothing.
"""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# The expressions factcheck.search queried until migration 0008 stored them as columns, frozen
# here as migrations must be.
STATEMENT_INDEX = GinIndex(
    SearchVector("title", weight="A", config="english") + SearchVector("quote", weight="B", config="english"),
    name="statement_search_gin",
)
VERDICT_INDEX = GinIndex(
    SearchVector("headline", "explanation", weight="C", config="english"), name="verdict_search_gin"
)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("factcheck", "Statement"), STATEMENT_INDEX)
    schema_editor.add_index(apps.get_model("factcheck", "Verdict"), VERDICT_INDEX)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("factcheck", "Statement"), STATEMENT_INDEX)
    schema_editor.remove_index(apps.get_model("factcheck", "Verdict"), VERDICT_INDEX)


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0002_desk_roles")]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
