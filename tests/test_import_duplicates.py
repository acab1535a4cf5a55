"""Duplicates are never imported twice: in one batch, across runs, and when a concurrent import wins the race."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError

from factcheck import importing
from factcheck.importing import import_article
from factcheck.models import Article, Suggestion

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BBC = SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt"
INDEPENDENT = SEEDS / "independent-2009-social-services-58m-overhaul.txt"


def run(*args) -> str:
    out = StringIO()
    call_command("import_articles", *map(str, args), stdout=out, no_color=True)
    return out.getvalue()


def test_two_copies_in_one_batch_are_imported_once(tmp_path):
    (tmp_path / "a.txt").write_bytes(BBC.read_bytes())
    (tmp_path / "b.txt").write_bytes(BBC.read_bytes().replace(b"\n", b"\r\n"))
    output = run(tmp_path)
    assert "1 imported, 1 already imported, 0 refused." in output
    assert Article.objects.count() == 1


def test_a_concurrent_import_of_the_same_article_is_reported_as_already_imported(monkeypatch):
    """The lookup misses (the other import had not committed yet); the unique fingerprint catches it."""
    first = import_article(data=BBC.read_bytes(), filename=BBC.name).article
    suggestions = Suggestion.objects.count()
    real_lookup = importing._lookup
    calls = []

    def lookup_that_misses_once(fingerprint, slug):
        calls.append(fingerprint)
        return (None, False) if len(calls) == 1 else real_lookup(fingerprint, slug)

    monkeypatch.setattr(importing, "_lookup", lookup_that_misses_once)
    result = import_article(data=BBC.read_bytes(), filename="copy.txt")
    assert (result.created, result.article.pk) == (False, first.pk)
    assert len(calls) == 2
    assert Article.objects.count() == 1
    assert Suggestion.objects.count() == suggestions


def test_a_slug_taken_by_a_concurrent_import_gets_the_next_free_one(monkeypatch):
    first = import_article(data=BBC.read_bytes(), filename=BBC.name).article
    real_lookup = importing._lookup
    calls = []

    def lookup_blind_to_the_slug_once(fingerprint, slug):
        calls.append(slug)
        return (None, False) if len(calls) == 1 else real_lookup(fingerprint, slug)

    monkeypatch.setattr(importing, "_lookup", lookup_blind_to_the_slug_once)
    other = BBC.read_bytes().replace(b"An extra", b"A further")  # same headline, another body
    second = import_article(data=other, filename="other.txt").article
    assert second.slug == f"{first.slug}-2"
    assert Article.objects.count() == 2


def test_a_file_that_fails_in_the_database_undoes_only_itself(tmp_path, monkeypatch):
    """A database error part-way through one file (after its article row was written) leaves no trace of
    it, and the files before and after it in the same batch are still imported and committed.

    The error strikes whenever the second file's suggestions are written: in the batch's one INSERT,
    and again when the batch is redone file by file."""
    (tmp_path / "1.txt").write_bytes(BBC.read_bytes())
    (tmp_path / "2.txt").write_bytes(BBC.read_bytes().replace(b"An extra", b"A further"))
    (tmp_path / "3.txt").write_bytes(INDEPENDENT.read_bytes())
    real_bulk_create = Suggestion.objects.bulk_create

    def failing_for_the_second_file(objs, *args, **kwargs):
        objs = list(objs)
        if any("A further" in suggestion.article.body for suggestion in objs):
            raise DatabaseError("disk full")
        return real_bulk_create(objs, *args, **kwargs)

    monkeypatch.setattr(Suggestion.objects, "bulk_create", failing_for_the_second_file)
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 3 files were refused"):
        call_command("import_articles", str(tmp_path), stdout=out, no_color=True)
    assert "refused: " + str(tmp_path / "2.txt") in out.getvalue()
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Ed Balls promises 23m extra for social workers",
        "Social services to be given £58m overhaul",
    ]
    assert not Article.objects.filter(body__contains="A further").exists()
    assert Suggestion.objects.filter(article__in=Article.objects.all()).count() == Suggestion.objects.count() > 0
