"""The evidence finder's analysis learned new shared concepts (computer systems, winning staff back):
statements and articles analysed before hold stale terms, so both are indexed and counted again."""

from django.db import migrations


def index_again(apps, schema_editor):
    from factcheck.evidence import rebuild_index

    rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("factcheck", "0016_evidence_candidate")]

    operations = [migrations.RunPython(index_again, migrations.RunPython.noop)]
