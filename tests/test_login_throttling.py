"""Wrong passwords at the admin's login: after five, that username is locked from that address for a while."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from factcheck.client_address import client_address
from tests.factories import EditorFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "a-long-correct-password"
LOCKED = "Too many failed logins"
OFFICE = "203.0.113.7"


@pytest.fixture
def eddie():
    return EditorFactory(username="eddie", password=PASSWORD)


@pytest.fixture
def fiona():
    return EditorFactory(username="fiona", password=PASSWORD)


def log_in(client, username: str, password: str, address: str = OFFICE, **headers):
    form = {"username": username, "password": password, "next": "/admin/"}
    return client.post(LOGIN, form, REMOTE_ADDR=address, **headers)


def logged_in(response) -> bool:
    return response.status_code == 302 and response.url == "/admin/"


def fail(client, username: str, times: int, address: str = OFFICE, **headers):
    return [log_in(client, username, "wrong", address, **headers) for _ in range(times)]


def test_four_wrong_passwords_are_answered_as_usual(client, eddie):
    for response in fail(client, "eddie", 4):
        assert response.status_code == 200
        assert "Please enter the correct username and password" in response.text
    assert logged_in(log_in(client, "eddie", PASSWORD))


def test_the_fifth_wrong_password_locks_and_the_sixth_and_eleventh_are_refused(client, eddie):
    responses = fail(client, "eddie", 11)
    for number in (5, 6, 11):
        response = responses[number - 1]
        assert response.status_code == 429, number
        assert LOCKED in response.text
        assert "Try again in 15 minutes" in response.text


def test_the_locked_page_is_the_login_page_with_a_clear_message(client, eddie):
    response = fail(client, "eddie", 6)[-1]
    assert 'id="login-form"' in response.text
    assert (
        "Too many failed logins for this username from your address. Try again in 15 minutes, "
        "or ask an administrator to unlock it." in response.text
    )


def test_the_right_password_is_refused_while_locked(client, eddie):
    fail(client, "eddie", 5)
    response = log_in(client, "eddie", PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.text
    assert "_auth_user_id" not in client.session


def test_other_users_at_the_same_address_can_still_log_in(client, eddie, fiona):
    """One newsroom's shared office address does not lock everybody out."""
    fail(client, "eddie", 6)
    assert logged_in(log_in(client, "fiona", PASSWORD))


def test_the_same_user_from_another_address_can_still_log_in(client, eddie):
    fail(client, "eddie", 6)
    assert logged_in(log_in(client, "eddie", PASSWORD, address="198.51.100.20"))


def test_the_lock_ends_after_fifteen_minutes(client, eddie, time_machine):
    time_machine.move_to("2026-03-01 10:00:00+00:00", tick=False)
    fail(client, "eddie", 5)
    time_machine.move_to("2026-03-01 10:14:00+00:00", tick=False)
    assert log_in(client, "eddie", PASSWORD).status_code == 429
    time_machine.move_to("2026-03-01 10:16:00+00:00", tick=False)
    assert logged_in(log_in(client, "eddie", PASSWORD))


def test_an_administrator_unlocks_a_username_with_a_command(client, eddie):
    fail(client, "eddie", 6)
    call_command("axes_reset_username", "eddie", verbosity=0)
    assert logged_in(log_in(client, "eddie", PASSWORD))


def test_an_administrator_sees_the_lock_in_the_admin_and_deletes_it(client, eddie, admin_user):
    fail(client, "eddie", 5)
    client.force_login(admin_user)
    attempts = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert attempts.status_code == 200
    assert "eddie" in attempts.text
    AccessAttempt.objects.filter(username="eddie").delete()  # what the admin's delete action does
    client.logout()
    assert logged_in(log_in(client, "eddie", PASSWORD))


def test_forwarded_for_cannot_dodge_the_lock_without_a_proxy(client, eddie):
    """With no proxy configured (the default), X-Forwarded-For is the client's own words: ignored."""
    for number in range(6):
        response = log_in(client, "eddie", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    assert response.status_code == 429
    assert log_in(client, "eddie", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        (0, "203.0.113.7", "", "203.0.113.7"),
        (0, "203.0.113.7", "192.0.2.1", "203.0.113.7"),  # no proxy: the header is ignored
        (1, "10.0.0.2", "198.51.100.20", "198.51.100.20"),  # the load balancer's view of the client
        (1, "10.0.0.2", "192.0.2.1, 198.51.100.20", "198.51.100.20"),  # a spoofed first entry is ignored
        (2, "10.0.0.3", "192.0.2.1, 198.51.100.20, 10.0.0.2", "198.51.100.20"),
        (1, "10.0.0.2", "", "10.0.0.2"),  # not through the proxy after all
        (1, "10.0.0.2", "not-an-address", "10.0.0.2"),
        (2, "10.0.0.3", "198.51.100.20", "10.0.0.3"),  # fewer entries than proxies: not trusted
    ],
)
def test_client_address_behind_trusted_proxies(rf, settings, proxies, remote, forwarded, expected):
    settings.PLEDGEBOOK_TRUSTED_PROXY_COUNT = proxies
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_behind_a_load_balancer_each_reader_is_locked_on_their_own_address(client, eddie, settings):
    settings.PLEDGEBOOK_TRUSTED_PROXY_COUNT = 1
    balancer = "10.0.0.2"
    for number in range(6):  # the attacker changes the header they send; the balancer appends the truth
        response = log_in(client, "eddie", "wrong", balancer, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}, {OFFICE}")
    assert response.status_code == 429
    assert logged_in(log_in(client, "eddie", PASSWORD, balancer, HTTP_X_FORWARDED_FOR="198.51.100.20"))
