"""The demo's two desk accounts: an Editor and a Fact-checker, neither a superuser, with sound passwords."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from factcheck.roles import EDITOR, FACT_CHECKER

pytestmark = pytest.mark.django_db


def run() -> str:
    out = io.StringIO()
    call_command("ensure_demo_editor", stdout=out)
    return out.getvalue()


def test_two_ordinary_staff_accounts_with_the_roles_are_created_and_printed(monkeypatch):
    for name in ("DEMO_EDITOR_USERNAME", "DEMO_EDITOR_PASSWORD", "DEMO_FACT_CHECKER_USERNAME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("DEMO_FACT_CHECKER_PASSWORD", raising=False)
    output = run()
    users = {user.username: user for user in get_user_model().objects.all()}
    assert set(users) == {"editor", "factchecker"}
    assert not any(user.is_superuser for user in users.values())
    assert all(user.is_staff for user in users.values())
    assert [g.name for g in users["editor"].groups.all()] == [EDITOR]
    assert [g.name for g in users["factchecker"].groups.all()] == [FACT_CHECKER]
    assert users["editor"].has_perm("factcheck.publish_verdict")
    assert not users["factchecker"].has_perm("factcheck.publish_verdict")
    assert "Editor: editor / " in output and "Fact-checker: factchecker / " in output
    editor_password = output.split("Editor: editor / ")[1].split()[0]
    assert users["editor"].check_password(editor_password)


def test_a_weak_chosen_password_is_refused_and_nothing_is_created(monkeypatch):
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "password")
    with pytest.raises(CommandError, match=r"DEMO_EDITOR_PASSWORD is too weak for the editor account: .*too common"):
        run()
    assert not get_user_model().objects.exists()


def test_a_chosen_password_that_passes_the_validators_is_used(monkeypatch):
    monkeypatch.setenv("DEMO_FACT_CHECKER_USERNAME", "fiona")
    monkeypatch.setenv("DEMO_FACT_CHECKER_PASSWORD", "tagging-passages-since-2009")
    run()
    assert get_user_model().objects.get(username="fiona").check_password("tagging-passages-since-2009")


def test_existing_accounts_keep_their_passwords_and_lose_superuser_powers(monkeypatch):
    monkeypatch.delenv("DEMO_EDITOR_USERNAME", raising=False)
    old = get_user_model().objects.create_superuser("editor", "", "an old demo password 1")
    output = run()
    old.refresh_from_db()
    assert old.check_password("an old demo password 1") and not old.is_superuser
    assert "editor (exists; its password is unchanged" in output


def test_the_desk_greets_each_account_by_its_role(client):
    run()
    for username, greeting in (
        ("editor", "<strong>Editor</strong>."),
        ("factchecker", "<strong>Fact-checker</strong>."),
    ):
        client.force_login(get_user_model().objects.get(username=username))
        assert greeting in client.get("/admin/").text
