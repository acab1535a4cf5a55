"""Files in the encodings newsrooms meet are read correctly: pound signs and curly quotes survive."""

import unicodedata

import pytest

from factcheck.importing import import_article

pytestmark = pytest.mark.django_db

TEXT = (
    "Minister’s £23m pledge for café workers\n\n"
    "The minister said: “We will put £23m into front-line work.” Critics called it ‘too little’.\n\n"
    "A second paragraph – with a dash – follows."
)
LATIN_TEXT = "Council pledges £5m for naïve café plan\n\nThe council will spend £5m on the café, the leader said."


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (TEXT.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "UTF-8 with BOM"),
        (TEXT.encode("utf-16"), "UTF-16 with BOM"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "UTF-16 BE with BOM"),
        (TEXT.encode("cp1252"), "Windows-1252"),
        (TEXT.replace("\n", "\r\n").encode("cp1252"), "Windows-1252, CRLF"),
        (TEXT.replace("\n", "\r").encode("utf-8"), "UTF-8, old Mac line endings"),
    ],
)
def test_encodings_are_read_correctly(data, label):
    article = import_article(data=data, filename="article.txt").article
    assert article.title == "Minister’s £23m pledge for café workers", label
    assert "“We will put £23m into front-line work.”" in article.body
    assert "‘too little’" in article.body
    assert "\r" not in article.original_text
    assert not article.original_text.startswith("\ufeff")


def test_latin_1_text_is_read_correctly():
    article = import_article(data=LATIN_TEXT.encode("latin-1"), filename="article.txt").article
    assert article.title == "Council pledges £5m for naïve café plan"
    assert "£5m on the café" in article.body


def test_text_is_nfc_normalised():
    decomposed = unicodedata.normalize("NFD", LATIN_TEXT)
    assert decomposed != LATIN_TEXT
    article = import_article(data=decomposed.encode("utf-8"), filename="article.txt").article
    assert article.title == "Council pledges £5m for naïve café plan"
    assert unicodedata.is_normalized("NFC", article.original_text)
