"""A file that is UTF-8 with a few bytes that are not (a bad save, or text pasted from a Windows-1252 file) is
refused with the place of the first bad byte, instead of being stored garbled ("CafÃ©").

Files wholly in one encoding (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252, Latin-1) are
still read: tests/test_import_encodings.py, and the round trip below.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from factcheck.decoding import UndecodableText, decode_text
from factcheck.importing import ArticleImportError, import_article
from factcheck.models import Article

pytestmark = pytest.mark.django_db

HEADLINE = "Minister’s £23m pledge for café workers"
BODY = "The minister said: “We will put £23m into front-line work.”\nCritics called it ‘too little’."
UTF8 = f"{HEADLINE}\n\n{BODY}\n".encode()
WINDOWS_LINE = "The council’s café will close, the leader said.\n".encode("cp1252")


def test_utf8_with_a_windows_1252_paragraph_is_refused_with_where():
    with pytest.raises(ArticleImportError) as refused:
        import_article(data=UTF8 + WINDOWS_LINE, filename="article.txt")
    message = str(refused.value)
    assert message.startswith("The file is not readable text: it is UTF-8 except for 2 bytes that are not")
    assert "the first on line 5, after “The council”" in message
    assert message.endswith("Save the file as UTF-8 and import it again.")
    assert not Article.objects.exists()


def test_utf8_with_one_stray_byte_is_refused_with_where():
    data = UTF8.replace(b"front-line", b"front\xffline")
    where = r"1 byte that is not, .*line 3, after “…said: “We will put £23m into front”"
    with pytest.raises(ArticleImportError, match=where):
        import_article(data=data, filename="article.txt")
    assert not Article.objects.exists()


def test_utf8_cut_in_the_middle_of_a_character_is_refused():
    with pytest.raises(ArticleImportError, match="except for 2 bytes that are not"):
        import_article(data=UTF8 + "“".encode()[:2], filename="article.txt")


def test_utf8_with_a_bom_and_a_bad_byte_is_refused_with_where():
    data = b"\xef\xbb\xbf" + UTF8.replace(b"Critics", b"Cr\xe9tics")
    with pytest.raises(ArticleImportError, match=r"line 4, after “Cr”"):
        import_article(data=data, filename="article.txt")


def test_a_saved_web_page_mixing_encodings_is_refused():
    page = f"<html><head><title>{HEADLINE}</title></head><body><p>{BODY}</p>".encode() + WINDOWS_LINE
    with pytest.raises(ArticleImportError, match="except for 2 bytes"):
        import_article(data=page + b"</body></html>", filename="article.html")


def test_the_import_page_shows_the_refusal(client, fact_checker):
    client.force_login(fact_checker)
    upload = SimpleUploadedFile("mixed.txt", UTF8 + WINDOWS_LINE, content_type="text/plain")
    response = client.post(reverse("admin:factcheck_article_import"), {"files": [upload]}, follow=True)
    assert "it is UTF-8 except for 2 bytes that are not" in response.text
    assert "line 5" in response.text
    assert not Article.objects.exists()


def test_the_import_command_reports_the_refusal(tmp_path, capsys):
    (tmp_path / "mixed.txt").write_bytes(UTF8 + WINDOWS_LINE)
    with pytest.raises(CommandError):
        call_command("import_articles", str(tmp_path))
    assert "it is UTF-8 except for 2 bytes that are not" in capsys.readouterr().out
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("data", "label"),
    [
        (UTF8, "UTF-8"),
        (b"\xef\xbb\xbf" + UTF8, "UTF-8 with BOM"),
        (f"{HEADLINE}\n\n{BODY}\n".encode("utf-16"), "UTF-16 with BOM"),
        (f"{HEADLINE}\n\n{BODY}\n".encode("cp1252"), "Windows-1252"),
        ("Council pledges £5m for naïve café plan\n\nThe café will open in May.\n".encode("latin-1"), "Latin-1"),
        ("STRASSE UND CAFÉ” said the leader\n\nThe café will open.\n".encode("cp1252"), "cp1252, É then ”"),
    ],
)
def test_files_in_one_encoding_are_still_read(data, label):
    text = decode_text(data)
    assert "\ufffd" not in text and "Ã" not in text, label
    assert "café" in text.lower() or "CAFÉ" in text, label


def test_undecodable_text_is_a_value_error_for_callers():
    with pytest.raises(UndecodableText):
        decode_text(UTF8 + WINDOWS_LINE)
