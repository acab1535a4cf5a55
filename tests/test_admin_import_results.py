"""The import page's results: one line per file in plain words, and each article's missing outlet and date set there."""

from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from factcheck.importing import update_article
from factcheck.models import Article, Outlet
from tests.factories import OutletFactory, UserFactory

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BBC = SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt"
IMPORT_URL = reverse("admin:factcheck_article_import")
LIBRARY = "Council promises a new library\n\nThe council will open a new library in 2027, the leader said.\n"
PARKS = "Mayor pledges to keep parks open\n\nThe mayor has promised to keep every park open until 2030.\n"


def text_file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/plain")


def import_files(client, *files, **fields):
    return client.post(IMPORT_URL, {"files": list(files), **fields}, follow=True)


def details(article: Article, **values) -> dict:
    """The fields of one results line, as the page sends them."""
    prefix = f"article-{article.pk}"
    return {f"{prefix}-opened_version": article.version, **{f"{prefix}-{k}": v for k, v in values.items()}}


def test_the_import_redirects_to_its_results_which_survive_a_reload(client, fact_checker):
    client.force_login(fact_checker)
    response = client.post(IMPORT_URL, {"files": [text_file("library.txt", LIBRARY)]})
    assert response.status_code == 302
    assert response.url.startswith(IMPORT_URL + "?batch=")
    again = client.get(response.url)
    assert [row.line.source for row in again.context["rows"]] == ["library.txt"]
    assert Article.objects.count() == 1


@pytest.mark.parametrize("text", [LIBRARY, PARKS])
def test_one_suggestion_is_one_statement(client, fact_checker, text):
    client.force_login(fact_checker)
    response = import_files(client, text_file("one.txt", text))
    assert response.context["rows"][0].line.suggestions == 1
    assert "1 statement suggested" in response.text
    assert "1 statements" not in response.text


def test_many_and_no_suggestions_are_counted_in_words(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(
        client, SimpleUploadedFile(BBC.name, BBC.read_bytes()), text_file("plain.txt", "Weather report\n\nRain.")
    )
    rows = response.context["rows"]
    assert rows[0].note == f"{rows[0].line.suggestions} statements suggested" and rows[0].line.suggestions > 1
    assert rows[1].note == "No statements suggested"


def test_a_file_already_imported_says_so_once_with_when_and_by_whom(client, fact_checker):
    client.force_login(fact_checker)
    import_files(client, text_file("library.txt", LIBRARY))
    response = import_files(client, text_file("library-again.txt", LIBRARY))
    [row] = response.context["rows"]
    assert row.line.status == "duplicate"
    imported_on = timezone.localdate().strftime("%d %b %Y").lstrip("0")
    assert row.note == f"Imported on {imported_on} by fiona"
    assert response.text.count("Already imported") == 1


def test_several_files_get_a_summary_and_one_file_none(client, fact_checker):
    client.force_login(fact_checker)
    one = import_files(client, text_file("library.txt", LIBRARY))
    assert one.context["summary"] == ""
    many = import_files(
        client,
        text_file("library.txt", LIBRARY),
        text_file("parks.txt", PARKS),
        text_file("empty.txt", ""),
    )
    assert many.context["summary"] == "3 files: 1 imported, 1 already imported, 1 refused."
    assert "3 files: 1 imported, 1 already imported, 1 refused." in many.text


def test_the_results_are_rows_with_an_icon_and_no_list_bullet(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY), text_file("empty.txt", ""))
    assert "<li" not in response.text.split('class="module import-results"')[1].split("</section>")[0]
    assert response.text.count('<tr class="import-imported">') == 1
    assert response.text.count('<tr class="import-refused">') == 1
    assert "import.css" in response.text  # the styles are a static file: the page's CSP refuses inline styles


def test_each_article_missing_outlet_or_date_gets_fields_on_its_line(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, SimpleUploadedFile(BBC.name, BBC.read_bytes()), text_file("library.txt", LIBRARY))
    bbc, library = response.context["rows"]
    assert bbc.form is None  # the BBC file states both
    assert set(library.form.fields) == {"opened_version", "outlet", "published_on"}
    assert 'aria-label="Outlet of “Council promises a new library”"' in response.text
    assert response.context["details_wanted"] == 1
    assert "One article has no outlet or publication date yet." in response.text


def test_an_article_with_an_outlet_is_asked_only_for_its_date(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY), outlet="Borough Bugle")
    [row] = response.context["rows"]
    assert set(row.form.fields) == {"opened_version", "published_on"}
    assert "Borough Bugle" in response.text


def test_the_outlet_and_date_typed_on_a_line_are_saved_through_the_import_service(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY), text_file("parks.txt", PARKS))
    library, parks = (row.article for row in response.context["rows"])
    OutletFactory(name="Borough Bugle", slug="borough-bugle")
    posted = client.post(
        response.request["PATH_INFO"] + "?" + response.request["QUERY_STRING"],
        {
            "action": "details",
            **details(library, outlet="borough bugle", published_on="2024-05-02"),
            **details(parks, outlet="", published_on=""),
        },
        follow=True,
    )
    library.refresh_from_db()
    parks.refresh_from_db()
    assert library.outlet.name == "Borough Bugle"  # found by name, not made twice
    assert Outlet.objects.filter(name__iexact="borough bugle").count() == 1
    assert timezone.localtime(library.published_at).date() == date(2024, 5, 2)
    assert library.version == 2
    assert (parks.outlet, parks.published_at) == (None, None)
    assert "Saved the outlet and publication date of “Council promises a new library”." in posted.text
    rows = posted.context["rows"]
    assert rows[0].form is None and rows[1].form is not None
    assert library.history.first().history_user == fact_checker


def test_a_new_outlet_typed_on_a_line_is_created_as_the_importer_creates_one(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY))
    [row] = response.context["rows"]
    client.post(response.redirect_chain[-1][0], {"action": "details", **details(row.article, outlet="Borough Bugle")})
    row.article.refresh_from_db()
    assert row.article.outlet.name == "Borough Bugle"
    assert row.article.published_at is None
    page = client.get(response.redirect_chain[-1][0])
    assert "Saved the outlet of “Council promises a new library”." in page.text


def test_a_file_imported_twice_in_one_batch_gets_its_fields_once(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY), text_file("library-copy.txt", LIBRARY))
    first, second = response.context["rows"]
    assert first.article == second.article
    assert (first.form is not None, second.form is None) == (True, True)
    posted = client.post(
        response.redirect_chain[-1][0], {"action": "details", **details(first.article, published_on="2024-05-02")}
    )
    assert posted.status_code == 302
    first.article.refresh_from_db()
    assert first.article.published_at is not None


def test_a_wrong_date_is_refused_on_its_line_and_what_was_typed_is_kept(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY), text_file("parks.txt", PARKS))
    library, parks = (row.article for row in response.context["rows"])
    posted = client.post(
        response.redirect_chain[-1][0],
        {
            "action": "details",
            **details(library, outlet="Borough Bugle", published_on="31/02/2024"),
            **details(parks, outlet="Parks Weekly"),
        },
    )
    assert posted.status_code == 200
    library.refresh_from_db()
    parks.refresh_from_db()
    assert library.outlet is None  # nothing of a refused line is saved
    assert parks.outlet.name == "Parks Weekly"  # the other line is
    row = posted.context["rows"][0]
    assert row.form.errors["published_on"] == ["Enter a valid date."]
    assert 'value="Borough Bugle"' in posted.text and 'value="31/02/2024"' in posted.text
    assert "1 article could not be saved: see below." in posted.text


def test_a_line_saved_over_someone_elses_newer_change_is_refused_with_who_and_when(client, fact_checker, editor):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY))
    [row] = response.context["rows"]
    article = row.article
    update_article(
        article=article,
        user=editor,
        title="Council promises a library",
        slug=article.slug,
        outlet=None,
        byline="",
        published_at=None,
        source_url="",
    )
    posted = client.post(response.redirect_chain[-1][0], {"action": "details", **details(article, outlet="Bugle")})
    article.refresh_from_db()
    assert article.outlet is None
    assert "Changed by eddie at" in posted.text
    assert article.title == "Council promises a library"


def test_sending_the_lines_empty_saves_nothing_and_says_so(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY))
    [row] = response.context["rows"]
    posted = client.post(response.redirect_chain[-1][0], {"action": "details", **details(row.article)}, follow=True)
    assert "Nothing to save: type an outlet or choose a date first." in posted.text
    row.article.refresh_from_db()
    assert row.article.version == 1


def test_results_of_an_unknown_batch_are_not_shown_and_nothing_is_saved(client, fact_checker):
    client.force_login(fact_checker)
    import_files(client, text_file("library.txt", LIBRARY))
    article = Article.objects.get()
    response = client.get(IMPORT_URL + "?batch=not-a-batch")
    assert response.context["rows"] == []
    assert "Those import results are no longer kept" in response.text
    posted = client.post(IMPORT_URL + "?batch=not-a-batch", {"action": "details", **details(article, outlet="X")})
    assert posted.status_code == 302
    article.refresh_from_db()
    assert article.outlet is None


def test_lines_of_an_article_outside_the_batch_are_ignored(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY))
    other = Article.objects.create(
        title="Another", slug="another", body="Other text.", original_text="Other text.", content_hash="x" * 64
    )
    client.post(response.redirect_chain[-1][0], {"action": "details", **details(other, outlet="Injected")})
    other.refresh_from_db()
    assert other.outlet is None


def test_staff_who_may_import_but_not_change_articles_get_no_fields(client):
    user = UserFactory(username="importer", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(codename__in=["add_article", "view_article"]))
    client.force_login(user)
    response = import_files(client, text_file("library.txt", LIBRARY))
    [row] = response.context["rows"]
    assert row.form is None
    assert "Save outlets and dates" not in response.text


def test_the_batch_wide_outlet_is_offered_again_for_the_next_import(client, fact_checker):
    client.force_login(fact_checker)
    response = import_files(client, text_file("library.txt", LIBRARY), outlet="Borough Bugle")
    assert response.context["form"]["outlet"].value() == "Borough Bugle"
    assert '<option value="Borough Bugle">' in response.text  # known outlets are offered as the editor types
