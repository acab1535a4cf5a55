"""Fact-checkers may delete a statement they tagged by mistake, while it has never been public.

`tagging.delete_statement` refuses a statement readers have seen, for every role; the permission
only lets fact-checkers reach it. The groups are set to `factcheck.roles` as it stands.
"""

from django.db import migrations

from factcheck.roles import apply_roles


def apply_current_roles(apps, schema_editor):
    apply_roles(group_model=apps.get_model("auth", "Group"), permission_model=apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("factcheck", "0012_current_verdict_guard"),
    ]

    operations = [migrations.RunPython(apply_current_roles, migrations.RunPython.noop)]
