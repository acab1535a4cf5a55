"""The admin's "Import articles" page, through Django's test client."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from factcheck.models import Article, Suggestion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BBC = SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt"
INDEPENDENT = SEEDS / "independent-2009-social-services-58m-overhaul.txt"
IMPORT_URL = reverse("admin:factcheck_article_import")


def upload(path: Path) -> SimpleUploadedFile:
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="text/plain")


def test_article_list_shows_the_import_button(client, fact_checker):
    client.force_login(fact_checker)
    response = client.get(reverse("admin:factcheck_article_changelist"))
    assert f'href="{IMPORT_URL}"' in response.text
    assert "Import articles" in response.text


def test_import_page_is_in_the_admin_look_with_breadcrumbs(client, fact_checker):
    client.force_login(fact_checker)
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    assert 'class="breadcrumbs"' in response.text
    assert reverse("admin:factcheck_article_changelist") in response.text
    assert 'type="file"' in response.text and "multiple" in response.text


def test_uploading_several_files_with_one_bad_one_imports_the_good_ones(client, fact_checker):
    client.force_login(fact_checker)
    files = [
        upload(BBC),
        SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"),
        upload(INDEPENDENT),
    ]
    response = client.post(IMPORT_URL, {"files": files}, follow=True)
    assert response.status_code == 200
    lines = [row.line for row in response.context["rows"]]
    assert [(line.source, line.status) for line in lines] == [
        (BBC.name, "imported"),
        ("photo.txt", "refused"),
        (INDEPENDENT.name, "imported"),
    ]
    assert "image" in lines[1].message
    assert Article.objects.count() == 2
    for article in Article.objects.all():
        assert reverse("admin:factcheck_article_change", args=[article.pk]) in response.text
        assert article.imported_by == fact_checker
    assert "Refused" in response.text and "photo.txt" in response.text


def test_reimporting_through_the_page_reports_already_imported_with_a_link(client, fact_checker):
    client.force_login(fact_checker)
    client.post(IMPORT_URL, {"files": [upload(BBC)]})
    article = Article.objects.get()
    response = client.post(IMPORT_URL, {"files": [upload(BBC)]}, follow=True)
    [row] = response.context["rows"]
    assert row.line.status == "duplicate"
    assert row.article == article
    assert reverse("admin:factcheck_article_change", args=[article.pk]) in response.text
    assert "Already imported" in response.text
    assert Article.objects.count() == 1


def test_pasted_text_is_imported_with_the_editors_metadata(client, fact_checker):
    client.force_login(fact_checker)
    text = "Council promises new library\n\nThe council will open a new library in 2027, the leader said."
    response = client.post(
        IMPORT_URL,
        {"text": text, "outlet": "Local Gazette", "published_on": "2024-05-02", "source_url": "https://example.org/a"},
        follow=True,
    )
    [line] = [row.line for row in response.context["rows"]]
    assert line.status == "imported", line.message
    article = Article.objects.get()
    assert article.title == "Council promises new library"
    assert article.outlet.name == "Local Gazette"
    assert timezone.localtime(article.published_at).date().isoformat() == "2024-05-02"
    assert article.source_url == "https://example.org/a"
    assert Suggestion.objects.filter(article=article, kind="pledge").exists()


def test_submitting_nothing_asks_for_an_article(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(IMPORT_URL, {})
    assert "Choose files, paste an article or give a web address." in response.text
    assert not Article.objects.exists()


def test_hostile_markup_in_an_article_shows_as_text(client, fact_checker):
    client.force_login(fact_checker)
    text = (
        "<script>alert('title')</script> Minister pledges cash\n\n"
        'The minister will spend £5m. <img src=x onerror=alert(1)> <a href="javascript:alert(2)">link</a>'
    )
    response = client.post(IMPORT_URL, {"text": text}, follow=True)
    [line] = [row.line for row in response.context["rows"]]
    assert line.status == "imported", line.message
    assert "<script>alert" not in response.text
    assert "&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;" in response.text
    article = Article.objects.get()
    assert "<img src=x onerror=alert(1)>" in article.body
    change_page = client.get(reverse("admin:factcheck_article_change", args=[article.pk]))
    assert "<img src=x onerror" not in change_page.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in change_page.text
    assert 'href="javascript:' not in change_page.text


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert reverse("admin:login") in response.url


def test_non_staff_users_cannot_import(client):
    user = UserFactory(username="reader", is_staff=False)
    user.user_permissions.add(Permission.objects.get(codename="add_article"))
    client.force_login(user)
    response = client.post(IMPORT_URL, {"files": [upload(BBC)]})
    assert response.status_code == 302
    assert reverse("admin:login") in response.url
    assert not Article.objects.exists()


def test_staff_without_add_article_permission_are_refused(client):
    user = UserFactory(username="viewer", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_article"))
    client.force_login(user)
    assert client.get(IMPORT_URL).status_code == 403
    assert client.post(IMPORT_URL, {"files": [upload(BBC)]}).status_code == 403
    assert not Article.objects.exists()
    changelist = client.get(reverse("admin:factcheck_article_changelist"))
    assert IMPORT_URL not in changelist.text
