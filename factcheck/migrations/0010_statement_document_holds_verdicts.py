"""A statement's search document also holds its published verdicts' text; verdicts lose theirs.

A search gathered candidates from two GIN indexes (statements' title and quote, verdicts' text),
joined them and ranked each candidate with a subquery per verdict. At a million statements a
common word cost 25-30 ms of SQL, and with fewer candidates the planner, guessing how many
verdicts held a word they did not hold, walked all two million verdicts (600 ms for "nurses").
One document per statement (title A, quote B, published headlines and explanations C) is one
index, one scan that stops at the search's limit and a rank read from the row it is on.

Statements compute the document in 0008's BEFORE trigger, which now also reads the statement's
published verdicts. Writes to verdicts refresh their statements' documents from statement-level
triggers: one UPDATE per INSERT, UPDATE or DELETE however many rows it writes (the generator's
COPY included), and an UPDATE refreshes only statements whose verdicts' status, text or statement
changed. The documents are then all computed again. On SQLite nothing happens: search there
matches substrings.
"""

from django.db import migrations

# Trigger functions keep their query plans for a transaction or a session: one made while a table
# was still empty (the generator's first COPY) would then serve it at any size. Hence the lookup
# reads verdicts by statement (the status is a FILTER, so no index on published verdicts alone
# qualifies: one did, and made a 10,000-statement run 18 times slower), and sequential scans are
# off inside these functions: each looks rows up by key.
STATEMENT_DOCUMENT = """
CREATE OR REPLACE FUNCTION factcheck_statement_document(p_statement bigint, p_title text, p_quote text)
RETURNS tsvector LANGUAGE sql STABLE SET enable_seqscan = off AS $$
  SELECT setweight(to_tsvector('english', COALESCE(p_title, '')), 'A')
      || setweight(to_tsvector('english', COALESCE(p_quote, '')), 'B')
      || setweight(to_tsvector('english', COALESCE(string_agg(
           COALESCE(v.headline, '') || ' ' || COALESCE(v.explanation, ''), ' ' ORDER BY v.id
         ) FILTER (WHERE v.status = 'published'), '')), 'C')
  FROM factcheck_verdict v
  WHERE v.statement_id = p_statement
$$;
CREATE OR REPLACE FUNCTION factcheck_statement_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_document := factcheck_statement_document(NEW.id, NEW.title, NEW.quote);
  RETURN NEW;
END $$;
"""

# The statements to refresh, by the trigger's operation; setting the document to NULL fires the
# statement's own trigger, which computes it again.
VERDICT_TRIGGERS = """
CREATE FUNCTION factcheck_verdict_refresh_statements() RETURNS trigger LANGUAGE plpgsql
SET enable_seqscan = off AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE factcheck_statement SET search_document = NULL
    WHERE id IN (SELECT statement_id FROM new_verdicts);
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE factcheck_statement SET search_document = NULL
    WHERE id IN (SELECT statement_id FROM old_verdicts);
  ELSE
    UPDATE factcheck_statement SET search_document = NULL
    WHERE id IN (
      SELECT unnest(ARRAY[o.statement_id, n.statement_id])
      FROM old_verdicts o JOIN new_verdicts n ON n.id = o.id
      WHERE (o.statement_id, o.status, o.headline, o.explanation)
            IS DISTINCT FROM (n.statement_id, n.status, n.headline, n.explanation)
    );
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER factcheck_verdict_insert_refreshes_statement AFTER INSERT ON factcheck_verdict
  REFERENCING NEW TABLE AS new_verdicts
  FOR EACH STATEMENT EXECUTE FUNCTION factcheck_verdict_refresh_statements();
CREATE TRIGGER factcheck_verdict_update_refreshes_statement AFTER UPDATE ON factcheck_verdict
  REFERENCING OLD TABLE AS old_verdicts NEW TABLE AS new_verdicts
  FOR EACH STATEMENT EXECUTE FUNCTION factcheck_verdict_refresh_statements();
CREATE TRIGGER factcheck_verdict_delete_refreshes_statement AFTER DELETE ON factcheck_verdict
  REFERENCING OLD TABLE AS old_verdicts
  FOR EACH STATEMENT EXECUTE FUNCTION factcheck_verdict_refresh_statements();
"""

# 0008's verdict document and statement function, to go back to.
VERDICT_DOCUMENT = (
    "setweight(to_tsvector('english', COALESCE({row}headline, '') || ' ' || COALESCE({row}explanation, '')), 'C')"
)
OLD_STATEMENT_FUNCTION = """
CREATE OR REPLACE FUNCTION factcheck_statement_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.search_document := setweight(to_tsvector('english', COALESCE(NEW.title, '')), 'A')
    || setweight(to_tsvector('english', COALESCE(NEW.quote, '')), 'B');
  RETURN NEW;
END $$;
"""


def merge_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP TRIGGER factcheck_verdict_search_document ON factcheck_verdict")
    schema_editor.execute("DROP FUNCTION factcheck_verdict_search_document()")
    schema_editor.execute("DROP INDEX verdict_search_gin")
    schema_editor.execute(STATEMENT_DOCUMENT)
    schema_editor.execute(VERDICT_TRIGGERS)


def fill_documents(apps, schema_editor):
    """Every statement's document computed again by its trigger, as the trigger now stands."""
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("UPDATE factcheck_statement SET search_document = NULL")


def split_documents(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for operation in ("insert", "update", "delete"):
        schema_editor.execute(f"DROP TRIGGER factcheck_verdict_{operation}_refreshes_statement ON factcheck_verdict")
    schema_editor.execute("DROP FUNCTION factcheck_verdict_refresh_statements()")
    schema_editor.execute(OLD_STATEMENT_FUNCTION)
    schema_editor.execute("DROP FUNCTION factcheck_statement_document(bigint, text, text)")
    fill_documents(apps, schema_editor)
    schema_editor.execute(
        "CREATE FUNCTION factcheck_verdict_search_document() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN NEW.search_document := {VERDICT_DOCUMENT.format(row='NEW.')}; RETURN NEW; END $$"
    )
    schema_editor.execute(
        "CREATE TRIGGER factcheck_verdict_search_document BEFORE INSERT OR UPDATE OF headline, explanation, "
        "search_document ON factcheck_verdict FOR EACH ROW EXECUTE FUNCTION factcheck_verdict_search_document()"
    )
    schema_editor.execute(f"UPDATE factcheck_verdict SET search_document = {VERDICT_DOCUMENT.format(row='')}")
    schema_editor.execute("CREATE INDEX verdict_search_gin ON factcheck_verdict USING gin (search_document)")


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0009_correction_newest_idx"),
    ]

    operations = [
        migrations.RunPython(merge_documents, split_documents),
        migrations.RunPython(fill_documents, migrations.RunPython.noop),
        migrations.RemoveField(model_name="verdict", name="search_document"),
    ]
