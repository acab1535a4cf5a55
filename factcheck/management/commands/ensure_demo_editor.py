import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand

from factcheck.roles import EDITOR


class Command(BaseCommand):
    help = (
        "Create a demo editor account if no superuser exists yet, and print its credentials. "
        "DEMO_EDITOR_USERNAME and DEMO_EDITOR_PASSWORD set them; otherwise a password is generated."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("DEMO_EDITOR_USERNAME", "editor")
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"The demo editor account “{username}” already exists; its password is unchanged. "
                f"To set a new one: .venv/bin/python manage.py changepassword {username}"
            )
            return
        password = os.environ.get("DEMO_EDITOR_PASSWORD") or secrets.token_urlsafe(12)
        user = User.objects.create_superuser(username=username, email="", password=password)
        user.groups.add(Group.objects.get(name=EDITOR))
        self.stdout.write(self.style.SUCCESS(f"Demo editor created. Log in at /admin/ as {username} / {password}"))
