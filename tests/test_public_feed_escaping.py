"""The Atom feed's summaries are HTML to feed readers: names, headlines and notes reach them as text, never markup."""

import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from factcheck.models import Correction
from tests.factories import SpeakerFactory
from tests.public_data import public_statement

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_NAME = "Ed Balls <img src=x onerror=alert(1)>"


class ReaderView(HTMLParser):
    """What a feed reader makes of an HTML summary: the elements it would create and the text it shows."""

    def __init__(self):
        super().__init__()
        self.elements: list[str] = []
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.elements.append(tag)

    def handle_data(self, data):
        self.text += data


def reader_view(summary: ET.Element) -> ReaderView:
    view = ReaderView()
    content = summary.text or ""
    if summary.get("type") == "html":  # RFC 4287: the element's text is HTML, to be parsed as such
        view.feed(content)
        view.close()
    else:
        view.text = content
    return view


def summaries(client) -> list[ET.Element]:
    response = client.get(reverse("factcheck:feed"))
    assert response.status_code == 200
    feed = ET.fromstring(response.content)
    return [entry.find(f"{ATOM}summary") for entry in feed.iter(f"{ATOM}entry")]


def test_a_speakers_name_with_markup_is_shown_as_text_in_feed_readers(client):
    public_statement(speaker=SpeakerFactory(name=HOSTILE_NAME))
    [summary] = summaries(client)
    view = reader_view(summary)
    assert view.elements == []
    assert HOSTILE_NAME in view.text


def test_a_verdict_headline_with_markup_is_shown_as_text_in_feed_readers(client):
    statement = public_statement()
    statement.verdicts.update(headline='Kept <script>alert("headline")</script> & more')
    [summary] = summaries(client)
    view = reader_view(summary)
    assert view.elements == []
    assert 'Kept <script>alert("headline")</script> & more' in view.text


def test_a_correction_note_with_markup_is_shown_as_text_in_feed_readers(client):
    statement = public_statement()
    Correction.objects.create(verdict=statement.verdicts.get(), note="We fixed <a href=javascript:alert(1)>this</a>.")
    correction_summary = summaries(client)[0]
    view = reader_view(correction_summary)
    assert view.elements == []
    assert view.text == "We fixed <a href=javascript:alert(1)>this</a>."
