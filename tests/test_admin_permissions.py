"""Who may do what at the desk: every action, every kind of user."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from factcheck.models import Correction, Statement, Verdict
from factcheck.scales import Kind, Rating
from tests.factories import (
    ArticleFactory,
    EditorFactory,
    FactCheckerFactory,
    PublishedVerdictFactory,
    SourceFactory,
    SpeakerFactory,
    StatementFactory,
    UserFactory,
    VerdictFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "non-staff", "fact-checker", "editor", "superuser"]
LOGIN = reverse("admin:login")


@pytest.fixture
def author(db):
    """Someone else, who wrote the drafts the users under test handle."""
    return FactCheckerFactory(username="writer")


def log_in_as(client, role):
    if role == "anonymous":
        return None
    user = {
        "non-staff": lambda: UserFactory(username="reader", is_staff=False),
        "fact-checker": lambda: FactCheckerFactory(username="fiona"),
        "editor": lambda: EditorFactory(username="eddie"),
        "superuser": lambda: get_user_model().objects.create_superuser("root", "root@example.org", "pw"),
    }[role]()
    client.force_login(user)
    return user


def sent_to_login(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN)


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_reach_the_desk(client, role):
    article = StatementFactory().article
    log_in_as(client, role)
    for url in (
        reverse("admin:index"),
        reverse("admin:desk"),
        reverse("admin:factcheck_article_change", args=[article.pk]),
        reverse("admin:factcheck_statement_changelist"),
    ):
        response = client.get(url)
        if role in ("anonymous", "non-staff"):
            assert sent_to_login(response), url
        else:
            assert response.status_code == 200, url


@pytest.mark.parametrize("role", ROLES)
def test_tagging_a_statement(client, role):
    article = ArticleFactory()
    log_in_as(client, role)
    response = client.post(
        reverse("admin:factcheck_statement_add"),
        {
            "article": article.pk,
            "start": 0,
            "end": 10,
            "kind": Kind.PLEDGE,
            "speaker": SpeakerFactory().pk,
            "title": "T",
        },
    )
    if role in ("anonymous", "non-staff"):
        assert sent_to_login(response)
        assert not Statement.objects.exists()
    else:
        assert response.status_code == 302
        assert Statement.objects.count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_drafting_a_verdict(client, role):
    statement = StatementFactory()
    log_in_as(client, role)
    response = client.post(
        reverse("admin:factcheck_verdict_add"),
        {
            "statement": statement.pk,
            "rating": Rating.NOT_YET_RATED,
            "headline": "H",
            "explanation": "E",
            "checked_on": "01/01/2010",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        },
    )
    if role in ("anonymous", "non-staff"):
        assert sent_to_login(response)
        assert not Verdict.objects.exists()
    else:
        assert response.status_code == 302
        assert Verdict.objects.get().status == Verdict.Status.DRAFT


@pytest.mark.parametrize(
    ("role", "published"),
    [("anonymous", False), ("non-staff", False), ("fact-checker", False), ("editor", True), ("superuser", True)],
)
def test_publishing(client, author, role, published):
    verdict = SourceFactory(verdict__author=author).verdict
    log_in_as(client, role)
    url = reverse("admin:factcheck_verdict_publish", args=[verdict.pk])
    response = client.post(url, {"opened_version": verdict.version}, follow=role == "fact-checker")
    if role in ("anonymous", "non-staff"):
        assert sent_to_login(response)
    if role == "fact-checker":
        assert "Only editors can publish verdicts." in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.is_published is published


@pytest.mark.parametrize(
    ("role", "corrected"),
    [("anonymous", False), ("non-staff", False), ("fact-checker", False), ("editor", True), ("superuser", True)],
)
def test_correcting_a_published_verdict(client, role, corrected):
    verdict = PublishedVerdictFactory()
    log_in_as(client, role)
    client.post(
        reverse("admin:factcheck_verdict_change", args=[verdict.pk]),
        {
            "rating": verdict.rating,
            "headline": "Corrected headline",
            "explanation": verdict.explanation,
            "checked_on": verdict.checked_on.strftime("%d/%m/%Y"),
            "opened_version": verdict.version,
            "correction_note": "Fixed a typo.",
            "sources-TOTAL_FORMS": "0",
            "sources-INITIAL_FORMS": "0",
        },
    )
    verdict.refresh_from_db()
    assert (verdict.headline == "Corrected headline") is corrected
    assert Correction.objects.exists() is corrected


@pytest.mark.parametrize(
    ("role", "unpublished"),
    [("anonymous", False), ("non-staff", False), ("fact-checker", False), ("editor", True), ("superuser", True)],
)
def test_unpublishing(client, role, unpublished):
    verdict = PublishedVerdictFactory()
    log_in_as(client, role)
    response = client.post(
        reverse("admin:factcheck_verdict_unpublish", args=[verdict.pk]),
        {"note": "Withdrawn.", "opened_version": verdict.version},
        follow=role == "fact-checker",
    )
    if role == "fact-checker":
        assert "Only editors can unpublish verdicts." in response.content.decode()
    verdict.refresh_from_db()
    assert verdict.is_published is not unpublished


@pytest.mark.parametrize(
    ("role", "deleted"),
    [("anonymous", False), ("non-staff", False), ("fact-checker", False), ("editor", True), ("superuser", True)],
)
def test_deleting_a_draft_verdict(client, role, deleted):
    verdict = VerdictFactory()
    log_in_as(client, role)
    response = client.post(reverse("admin:factcheck_verdict_delete", args=[verdict.pk]), {"post": "yes"}, follow=True)
    if role == "fact-checker":
        assert "You do not have permission to delete this verdict." in response.content.decode()
    assert Verdict.objects.exists() is not deleted


@pytest.mark.parametrize("role", ROLES)
def test_nobody_deletes_a_published_verdict_or_its_statement(client, role):
    verdict = PublishedVerdictFactory()
    log_in_as(client, role)
    client.post(reverse("admin:factcheck_verdict_delete", args=[verdict.pk]), {"post": "yes"})
    client.post(reverse("admin:factcheck_statement_delete", args=[verdict.statement_id]), {"post": "yes"})
    assert Verdict.objects.filter(pk=verdict.pk).exists()
    assert Statement.objects.filter(pk=verdict.statement_id).exists()
