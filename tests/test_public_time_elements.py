"""Every <time datetime="..."> on the public pages (and the staff preview) is a value HTML accepts.

HTML allows a date ("2026-12-03") or a date and time with at most three digits of fractional
seconds; the Nu HTML Checker refused "2026-12-03T07:24:43.966127+00:00" (microseconds).
"""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from factcheck.models import Correction, Verdict
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

# The HTML standard's "valid date string", and its "valid global/local date and time string".
DATE = r"\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
TIME = r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?"
ZONE = r"(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)"
VALID = re.compile(rf"{DATE}|{DATE}[T ]{TIME}{ZONE}?")


class TimeValues(HTMLParser):
    def __init__(self):
        super().__init__()
        self.values: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "time":
            self.values += [value for name, value in attrs if name == "datetime"]


def time_values(html: str) -> list[str]:
    parser = TimeValues()
    parser.feed(html)
    return parser.values


@pytest.mark.parametrize(
    "value", ["2026-12-03", "2026-12-03T07:24:43+00:00", "2026-12-03T07:24:43.966Z", "2026-12-03 07:24"]
)
def test_the_pattern_accepts_what_html_accepts(value):
    assert VALID.fullmatch(value)


@pytest.mark.parametrize("value", ["2026-12-03T07:24:43.966127+00:00", "3 December 2026", "2026-13-01", ""])
def test_the_pattern_refuses_what_html_refuses(value):
    assert not VALID.fullmatch(value)


def test_every_time_element_on_every_page_has_a_valid_datetime(client, admin_user):
    statement = public_statement()
    verdict = statement.verdicts.get()
    correction = Correction.objects.create(verdict=verdict, note="We fixed a date.")
    instant = datetime.datetime(2026, 7, 1, 10, 0, 0, 123456, tzinfo=datetime.UTC)  # microseconds, summer time
    Verdict.objects.filter(pk=verdict.pk).update(published_at=instant)
    Correction.objects.filter(pk=correction.pk).update(created_at=instant)
    pages = [
        reverse("factcheck:home"),
        reverse("factcheck:statement_list"),
        statement.get_absolute_url(),
        statement.article.get_absolute_url(),
        statement.speaker.get_absolute_url(),
        reverse("factcheck:corrections"),
        reverse("factcheck:methodology"),
    ]
    seen = []
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        seen += [(page, value) for value in time_values(response.text)]
    client.force_login(admin_user)
    preview = reverse("factcheck:statement_preview", args=[statement.pk])
    seen += [(preview, value) for value in time_values(client.get(preview).text)]
    assert len(seen) > 10
    assert [(page, value) for page, value in seen if not VALID.fullmatch(value)] == []
    # The instants are kept to the second, in the site's time zone (London, an hour ahead of UTC in July).
    assert ("/corrections/", "2026-07-01T11:00:00+01:00") in seen
    assert (statement.get_absolute_url(), "2026-07-01T11:00:00+01:00") in seen
