"""import_articles_batch: a batch gives the outcomes importing its files one by one gives, with a few queries."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from factcheck import importing
from factcheck.importing import ArticleImportError, ImportItem, import_article, import_articles_batch
from factcheck.models import Article, Outlet, Suggestion

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
BBC = SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt"
INDEPENDENT = SEEDS / "independent-2009-social-services-58m-overhaul.txt"


def article(number: int) -> bytes:
    return (
        f"Council promises {number} new homes\n\nBy Ann Lee\n\n"
        f"The council will build {number} new homes by 2030, its leader Priya Shah said.\n\n"
        "Critics said the plan was far too little and far too late for the town."
    ).encode()


def outcome_summary(outcome) -> tuple:
    """What a caller sees of an outcome, without the ids that differ from one database to another."""
    if isinstance(outcome, Exception):
        return type(outcome).__name__, str(outcome)
    found = outcome.article
    return outcome.created, found.title, found.slug, str(found.outlet), outcome.suggestions


def test_a_batch_gives_the_outcomes_of_importing_its_files_one_by_one():
    items = [
        ImportItem(BBC.read_bytes(), BBC.name),
        ImportItem(b"", "empty.txt"),
        ImportItem(INDEPENDENT.read_bytes(), INDEPENDENT.name),
        ImportItem(BBC.read_bytes().replace(b"\n", b"\r\n"), "copy.txt"),
        ImportItem(BBC.read_bytes().replace(b"An extra", b"A further"), "same-headline.txt"),
        ImportItem(b"\x89PNG\r\n\x1a\n" + bytes(64), "photo.txt"),
    ]
    one_by_one = []
    with transaction.atomic():
        for item in items:
            try:
                one_by_one.append(outcome_summary(import_article(data=item.data, filename=item.filename)))
            except ArticleImportError as error:
                one_by_one.append(outcome_summary(error))
        transaction.set_rollback(True)
    assert not Article.objects.exists()

    batch = [outcome_summary(outcome) for outcome in import_articles_batch(items=items)]

    assert batch == one_by_one
    assert [row[0] for row in batch] == [True, "ArticleImportError", True, False, True, "ArticleImportError"]
    assert Article.objects.count() == 3


def test_a_copy_later_in_the_batch_is_already_imported_as_the_first_copy(caplog):
    first, copy = import_articles_batch(
        items=[ImportItem(BBC.read_bytes(), "a.txt"), ImportItem(BBC.read_bytes().replace(b"\n", b"\r\n"), "b.txt")]
    )
    assert (first.created, copy.created) == (True, False)
    assert copy.article.pk == first.article.pk == Article.objects.get().pk
    assert Suggestion.objects.count() == first.suggestions > 0
    assert "batch import undone" not in caplog.text  # the batch spotted the copy; the database did not have to


def test_two_articles_with_one_headline_in_a_batch_get_distinct_slugs(caplog):
    import_article(data=article(1), filename="earlier.txt")
    first, second = import_articles_batch(
        items=[ImportItem(article(1).replace(b"Critics", b"Opponents"), "a.txt"), ImportItem(article(1)[:-6], "b.txt")]
    )
    assert (first.article.slug, second.article.slug) == (
        "council-promises-1-new-homes-2",
        "council-promises-1-new-homes-3",
    )


def test_the_number_of_queries_does_not_grow_with_the_batch():
    def queries_for(numbers: range) -> int:
        with CaptureQueriesContext(connection) as queries:
            outcomes = import_articles_batch(items=[ImportItem(article(n), f"{n}.txt") for n in numbers])
        assert all(outcome.created for outcome in outcomes)
        return len(queries)

    # Five for the import; four for the evidence finder (its savepoint, adding the articles to the corpus
    # counts, one read of the statements' term counts: with no statement tagged, nothing more).
    assert queries_for(range(0, 5)) == queries_for(range(5, 50)) <= 9


def test_a_clash_with_a_concurrent_import_redoes_the_batch_file_by_file(tmp_path, monkeypatch, caplog):
    """The batch lookup misses an article another import committed just after it: the INSERT then breaks
    the unique fingerprint, the batch is rolled back and written file by file, and every line is right."""
    concurrent = import_article(data=BBC.read_bytes(), filename=BBC.name).article
    suggestions = Suggestion.objects.count()
    real_lookup = importing._lookup_batch
    calls = []

    def lookup_that_misses_once(fingerprints, slugs):
        calls.append(fingerprints)
        return ({}, set()) if len(calls) == 1 else real_lookup(fingerprints, slugs)

    monkeypatch.setattr(importing, "_lookup_batch", lookup_that_misses_once)
    (tmp_path / "1.txt").write_bytes(INDEPENDENT.read_bytes())
    (tmp_path / "2.txt").write_bytes(BBC.read_bytes())
    (tmp_path / "3.txt").write_bytes(BBC.read_bytes().replace(b"\n", b"\r\n"))
    (tmp_path / "4.txt").write_bytes(b"")
    (tmp_path / "5.txt").write_bytes(article(5))
    (tmp_path / "6.txt").write_bytes(article(5))
    out = StringIO()
    with pytest.raises(CommandError, match="1 of 6 files were refused"):
        call_command("import_articles", str(tmp_path), stdout=out, no_color=True)

    lines = out.getvalue().splitlines()
    independent = Article.objects.get(title="Social services to be given £58m overhaul")
    homes = Article.objects.get(title="Council promises 5 new homes")
    assert lines[0].startswith(f"imported: {tmp_path / '1.txt'}: “{independent.title}” (article {independent.pk}),")
    assert lines[1] == f"already imported: {tmp_path / '2.txt'}: “{concurrent.title}” (article {concurrent.pk})."
    assert lines[2] == f"already imported: {tmp_path / '3.txt'}: “{concurrent.title}” (article {concurrent.pk})."
    assert lines[3] == f"refused: {tmp_path / '4.txt'}: The file is empty."
    assert lines[4].startswith(f"imported: {tmp_path / '5.txt'}: “{homes.title}” (article {homes.pk}),")
    assert lines[5] == f"already imported: {tmp_path / '6.txt'}: “{homes.title}” (article {homes.pk})."
    assert lines[6] == "2 imported, 3 already imported, 1 refused."
    assert "batch import undone" in caplog.text
    # Nothing from the undone attempt remains: each article, outlet and suggestion is there once.
    assert Article.objects.count() == 3
    assert Outlet.objects.filter(name="The Independent").count() == 1
    assert Suggestion.objects.count() == suggestions + independent.suggestions.count() + homes.suggestions.count()
    assert not Suggestion.objects.exclude(article__in=[concurrent, independent, homes]).exists()


def test_a_dry_run_batch_writes_nothing_and_spots_a_copy_within_it():
    import_article(data=INDEPENDENT.read_bytes(), filename=INDEPENDENT.name)
    items = [ImportItem(INDEPENDENT.read_bytes(), "old.txt"), ImportItem(BBC.read_bytes(), "a.txt")]
    items.append(ImportItem(BBC.read_bytes(), "b.txt"))
    with CaptureQueriesContext(connection) as queries:
        old, new, copy = import_articles_batch(items=items, dry_run=True)
    assert not any(query["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) for query in queries)
    assert (old.created, old.article.pk) == (False, Article.objects.get().pk)
    assert (new.created, new.article.pk, new.suggestions > 0) == (True, None, True)
    assert (copy.created, copy.article) == (False, new.article)
    assert Article.objects.count() == 1
