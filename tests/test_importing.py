from pathlib import Path

import pytest

from factcheck.importing import ArticleImportError, import_article
from factcheck.models import Article

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
INDEPENDENT = SEEDS / "independent-2009-social-services-58m-overhaul.txt"
BBC = SEEDS / "bbc-2010-03-17-ed-balls-23m-social-workers.txt"


def import_seed(path: Path) -> Article:
    return import_article(data=path.read_bytes(), filename=path.name).article


def prose_sentences(path: Path, *, furniture: set[str]) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return [line for line in lines if line and line not in furniture]


def test_independent_seed_imports_with_its_metadata():
    article = import_seed(INDEPENDENT)
    assert article.title == "Social services to be given £58m overhaul"
    assert article.outlet.name == "The Independent"
    assert article.byline == ""
    assert article.published_at is None


def test_independent_seed_body_keeps_the_prose_and_drops_the_furniture():
    article = import_seed(INDEPENDENT)
    for line in prose_sentences(
        INDEPENDENT, furniture={"Social services to be given £58m overhaul", "Click to follow", "Indy Politics"}
    ):
        assert line in article.body
    assert "Click to follow" not in article.body
    assert "Indy Politics" not in article.body
    assert "Click to follow" in article.original_text


def test_bbc_seed_imports_with_its_metadata():
    article = import_seed(BBC)
    assert article.title == "Ed Balls promises 23m extra for social workers"
    assert article.outlet.name == "BBC News"
    assert article.byline == "Margaret Ryan"
    assert article.published_at.isoformat() == "2010-03-17T16:37:00+00:00"


def test_bbc_seed_body_drops_the_page_furniture_but_keeps_every_paragraph():
    article = import_seed(BBC)
    text = BBC.read_text(encoding="utf-8")
    prose = text[text.index("An extra £23m") : text.index("Print Sponsor")]
    for paragraph in prose.split("\n\n"):
        paragraph = paragraph.strip()
        if paragraph and paragraph.split("\n")[-1] != "Children's Secretary Ed Balls":
            assert paragraph in article.body
    for furniture in ("Page last updated", "Print Sponsor", "not responsible for the content", "Americas Africa"):
        assert furniture not in article.body
        assert furniture in article.original_text
    assert article.body.count("I won't be proposing any changes") == 1


def test_reimporting_same_file_creates_nothing():
    first = import_article(data=BBC.read_bytes(), filename=BBC.name)
    second = import_article(data=BBC.read_bytes(), filename=BBC.name)
    assert (first.created, second.created) == (True, False)
    assert second.article == first.article
    assert Article.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "empty.txt", "empty"),
        (b"   \n\t\n", "blank.txt", "white space|empty"),
        (b"Title\x00\x00\n\nBody text here.", "nul.txt", "NUL"),
        (b"Headline\n\nBody.", "article.pdf", "not supported"),
        (b"12345\n\n!!!! ???", "numbers.txt", "headline"),
    ],
)
def test_bad_files_are_refused_and_write_nothing(data, filename, message):
    with pytest.raises(ArticleImportError, match=message):
        import_article(data=data, filename=filename)
    assert not Article.objects.exists()


def test_seed_import_stores_statement_suggestions_in_the_same_transaction():
    result = import_article(data=INDEPENDENT.read_bytes(), filename=INDEPENDENT.name)
    suggestions = result.article.suggestions.all()
    assert result.suggestions == suggestions.count() > 0
    for suggestion in suggestions:
        assert result.article.body[suggestion.start : suggestion.end] == suggestion.quote
    bullet = suggestions.get(quote__startswith="200 university places")
    assert (bullet.kind, bullet.speaker_name) == ("pledge", "Ed Balls")


def test_dry_run_parses_but_writes_nothing():
    result = import_article(data=BBC.read_bytes(), filename=BBC.name, dry_run=True)
    assert result.created and result.article.pk is None
    assert result.article.title == "Ed Balls promises 23m extra for social workers"
    assert not Article.objects.exists()


def test_same_body_with_different_line_endings_is_a_duplicate():
    import_article(data=BBC.read_bytes(), filename=BBC.name)
    again = import_article(data=BBC.read_bytes().replace(b"\n", b"\r\n"), filename="copy.txt")
    assert not again.created
    assert Article.objects.count() == 1
