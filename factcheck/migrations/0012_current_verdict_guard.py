"""On PostgreSQL, a statement's current verdict is one of its own published verdicts, or none.

`publishing.refresh_current_verdict` is the only code that sets it, and computes it from the
statement's own published verdicts; these triggers make the database refuse anything else (a
shell, raw SQL, a bug). They are constraint triggers, checked at commit: publishing and
unpublishing change the verdict first and the statement's copy after it, in one transaction. Each
check reads the rows as they are at the check, not as they were when the trigger was queued. On
SQLite the service's own computation is the guard, and `check_derived_data` reports any drift.
"""

from django.db import migrations

GUARD = """
CREATE FUNCTION factcheck_current_verdict_is_own(p_statement bigint) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_current bigint;
BEGIN
  SELECT current_verdict_id INTO v_current FROM factcheck_statement WHERE id = p_statement;
  IF v_current IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM factcheck_verdict
    WHERE id = v_current AND statement_id = p_statement AND status = 'published'
  ) THEN
    RAISE EXCEPTION 'statement % has verdict % as its current verdict, which is not one of its published verdicts',
      p_statement, v_current USING ERRCODE = 'integrity_constraint_violation';
  END IF;
END $$;
CREATE FUNCTION factcheck_statement_current_verdict_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM factcheck_current_verdict_is_own(NEW.id);
  RETURN NULL;
END $$;
CREATE FUNCTION factcheck_verdict_current_verdict_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v_statement bigint;
BEGIN
  FOR v_statement IN SELECT id FROM factcheck_statement WHERE current_verdict_id = OLD.id LOOP
    PERFORM factcheck_current_verdict_is_own(v_statement);
  END LOOP;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER statement_current_verdict_is_own
  AFTER INSERT OR UPDATE OF current_verdict_id ON factcheck_statement
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.current_verdict_id IS NOT NULL)
  EXECUTE FUNCTION factcheck_statement_current_verdict_check();
CREATE CONSTRAINT TRIGGER verdict_stays_current_only_while_published
  AFTER UPDATE OF status, statement_id ON factcheck_verdict
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.status = 'published' AND (NEW.status <> 'published' OR NEW.statement_id <> OLD.statement_id))
  EXECUTE FUNCTION factcheck_verdict_current_verdict_check();
"""

DROP = """
DROP TRIGGER verdict_stays_current_only_while_published ON factcheck_verdict;
DROP TRIGGER statement_current_verdict_is_own ON factcheck_statement;
DROP FUNCTION factcheck_verdict_current_verdict_check();
DROP FUNCTION factcheck_statement_current_verdict_check();
DROP FUNCTION factcheck_current_verdict_is_own(bigint);
"""


def create_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(GUARD, params=None)


def drop_guard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0011_public_record"),
    ]

    operations = [migrations.RunPython(create_guard, drop_guard)]
