"""Search documents stored on statements and verdicts, kept by PostgreSQL triggers.

Ranking a search used to compute each match's tsvector from its text: for a common word at a
million statements, 54,000 of them per request. The documents are now columns, written by a
BEFORE INSERT/UPDATE trigger (so every write path keeps them: the ORM, the generator's COPY,
raw SQL), and the GIN indexes of 0003 are rebuilt on the columns under the same names. The
expressions are those 0003 indexed. On SQLite the columns stay empty and nothing else happens.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import migrations

DOCUMENTS = {
    "factcheck_statement": (
        "title, quote",
        "setweight(to_tsvector('english', COALESCE({row}title, '')), 'A')"
        " || setweight(to_tsvector('english', COALESCE({row}quote, '')), 'B')",
        "statement_search_gin",
    ),
    "factcheck_verdict": (
        "headline, explanation",
        "setweight(to_tsvector('english', COALESCE({row}headline, '') || ' ' || COALESCE({row}explanation, '')), 'C')",
        "verdict_search_gin",
    ),
}


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (columns, document, index) in DOCUMENTS.items():
        schema_editor.execute(
            f"CREATE FUNCTION {table}_search_document() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN NEW.search_document := {document.format(row='NEW.')}; RETURN NEW; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER {table}_search_document BEFORE INSERT OR UPDATE OF {columns}, search_document "
            f"ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_search_document()"
        )
        schema_editor.execute(f"UPDATE {table} SET search_document = {document.format(row='')}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_document)")


def remove_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, (_, document, index) in DOCUMENTS.items():
        schema_editor.execute(f"DROP TRIGGER {table}_search_document ON {table}")
        schema_editor.execute(f"DROP FUNCTION {table}_search_document()")
        schema_editor.execute(f"DROP INDEX {index}")
        schema_editor.execute(f"CREATE INDEX {index} ON {table} USING gin (({document.format(row='')}))")


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0007_public_statement_tallies"),
    ]

    operations = [
        migrations.AddField(
            model_name="statement",
            name="search_document",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="verdict",
            name="search_document",
            field=SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(add_triggers, remove_triggers),
    ]
