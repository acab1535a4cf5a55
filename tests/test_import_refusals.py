"""Every kind of bad input is refused in plain words, and leaves no row behind."""

import gzip
import io
import zipfile

import pytest
from django.test import override_settings

from factcheck.importing import ArticleImportError, Overrides, import_article
from factcheck.models import Article, Outlet, Suggestion

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(32)
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def zipped() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "Headline here\n\nSome text.")
    return buffer.getvalue()


GOOD = b"Minister promises more nurses\n\nThe minister will hire 1,000 more nurses by 2030."


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.txt", "The file is empty"),
        (b"  \n\t\r\n  ", "blank.txt", "only white space"),
        (b"\xef\xbb\xbf \n", "bom-only.txt", "only white space"),
        (PNG, "photo.txt", "image"),
        (JPEG, "photo.txt", "image"),
        (PDF, "article.txt", "PDF"),
        (zipped(), "article.txt", "archive"),
        (gzip.compress(GOOD), "article.txt", "archive"),
        (PNG, "photo.png", "not supported"),
        (b"Title\x00\x00\n\nBody text here.", "nul.txt", "NUL"),
        (b"\xff\xfe\x00\xd8\x00\x00", "broken-utf16.txt", "not readable text"),
        (bytes(range(1, 32)) * 20, "control.txt", "control characters|not readable"),
        (b"12345\n\n!!!! ???", "numbers.txt", "headline"),
        (b"Headline only", "headline.txt", "headline but no text|headline"),
        (GOOD, "article.docx", "not supported"),
        (GOOD, "article.pdf", "not supported"),
        (b"<html><body><script>x()</script></body></html>", "page.html", "web page could not be imported"),
        (
            b"<html><head></head><body><p>" + b"Words and more words. " * 20 + b"</p></body></html>",
            "p.html",
            "headline",
        ),
    ],
)
def test_bad_input_is_refused_in_plain_words_and_writes_nothing(data, filename, message):
    with pytest.raises(ArticleImportError, match=message):
        import_article(data=data, filename=filename, overrides=None)
    assert not Article.objects.exists()
    assert not Suggestion.objects.exists()
    assert not Outlet.objects.exists()


@override_settings(PLEDGEBOOK_IMPORT_MAX_BYTES=1024)
def test_a_file_over_the_size_limit_is_refused():
    data = GOOD + b"\n\nMore words in the article." * 100
    with pytest.raises(ArticleImportError, match=r"larger than the [\d.]+ MB limit"):
        import_article(data=data, filename="big.txt")
    assert not Article.objects.exists()


def test_the_default_size_limit_is_five_megabytes(settings):
    assert settings.PLEDGEBOOK_IMPORT_MAX_BYTES == 5 * 1024 * 1024
    with pytest.raises(ArticleImportError, match="5 MB limit"):
        import_article(data=GOOD + b"x" * (5 * 1024 * 1024), filename="big.txt")


def test_a_refusal_after_parsing_rolls_back_the_outlet_it_created():
    with pytest.raises(ArticleImportError, match="valid URL"):
        import_article(
            data=GOOD,
            filename="article.txt",
            overrides=Overrides(outlet="New Outlet", source_url="not a url"),
        )
    assert not Outlet.objects.exists()
    assert not Article.objects.exists()
