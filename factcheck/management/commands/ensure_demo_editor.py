import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from factcheck.roles import EDITOR, FACT_CHECKER

# (role, environment prefix, default username, first and last name). The admin greets a user by the
# first name, so it names the role: in a four-eyes walk each browser says whose desk it is.
ACCOUNTS = [
    (EDITOR, "DEMO_EDITOR", "editor", ("Editor", "(demo)")),
    (FACT_CHECKER, "DEMO_FACT_CHECKER", "factchecker", ("Fact-checker", "(demo)")),
]


class Command(BaseCommand):
    help = (
        "Create the demo's two desk accounts, an Editor and a Fact-checker (staff with their role's permissions, "
        "not superusers), and print their logins. DEMO_EDITOR_USERNAME / DEMO_EDITOR_PASSWORD and "
        "DEMO_FACT_CHECKER_USERNAME / DEMO_FACT_CHECKER_PASSWORD choose them; a chosen password must pass "
        "Django's password validators; otherwise one is generated. Existing accounts keep their passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Check the chosen logins; create nothing.")

    def handle(self, *args, dry_run: bool, **options):
        logins = []
        with transaction.atomic():
            for role, prefix, default_username, names in ACCOUNTS:
                logins.append(self._ensure(role, prefix, default_username, names))
            if dry_run:
                transaction.set_rollback(True)
        if dry_run:
            self.stdout.write("Dry run: the logins are valid; nothing was created.")
            return
        self.stdout.write("Log in at /admin/ as either, in two browsers, to walk the four-eyes flow:")
        for line in logins:
            self.stdout.write(self.style.SUCCESS(line))

    def _ensure(self, role: str, prefix: str, default_username: str, names: tuple[str, str]) -> str:
        User = get_user_model()
        username = os.environ.get(f"{prefix}_USERNAME", default_username)
        user = User.objects.filter(username=username).first()
        if user is not None:
            if user.is_superuser:
                user.is_superuser = False
                user.save(update_fields=["is_superuser"])
            user.groups.set([Group.objects.get(name=role)])
            return (
                f"  {role}: {username} (exists; its password is unchanged; to set one: "
                f".venv/bin/python manage.py changepassword {username})"
            )
        user = User(username=username, first_name=names[0], last_name=names[1], is_staff=True)
        chosen = os.environ.get(f"{prefix}_PASSWORD")
        password = chosen or secrets.token_urlsafe(12)
        try:
            validate_password(password, user=user)
        except ValidationError as error:
            raise CommandError(
                f"{prefix}_PASSWORD is too weak for the {role.lower()} account: {' '.join(error.messages)}"
            ) from error
        user.set_password(password)
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        return f"  {role}: {username} / {password}"
