"""Property-based tests of the import service: it refuses in its own words or it imports faithfully."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.importing import ArticleImportError, import_article

pytestmark = pytest.mark.django_db

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def is_subsequence(needle: str, haystack: str) -> bool:
    characters = iter(haystack)
    return all(char in characters for char in needle)


def import_and_roll_back(**kwargs):
    """Run the real import, with its writes, then undo them so examples stay independent."""
    with transaction.atomic():
        result = import_article(**kwargs)
        transaction.set_rollback(True)
    return result


@SETTINGS
@given(data=st.binary(max_size=2000), filename=st.sampled_from(["a.txt", "a.html", "a", "a.htm", "a.bin"]))
def test_arbitrary_bytes_raise_nothing_but_the_import_error(data, filename):
    try:
        import_and_roll_back(data=data, filename=filename)
    except ArticleImportError as error:
        assert str(error)


article_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]),
    max_size=600,
)


@SETTINGS
@given(
    headline=st.text(alphabet=st.characters(codec="utf-8", categories=["L", "Zs", "P", "N"]), min_size=1, max_size=80),
    text=article_text,
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_accepted_text_round_trips_body_is_a_subsequence_of_the_original(headline, text, newline):
    source = f"{headline}{newline}{newline}{text}"
    try:
        result = import_and_roll_back(data=source.encode("utf-8"), filename="article.txt")
    except ArticleImportError:
        return
    article = result.article
    assert is_subsequence(article.body, article.original_text)
    assert is_subsequence(article.title, article.original_text)


@SETTINGS
@given(text=article_text)
def test_suggestions_always_point_at_their_quote_in_the_body(text):
    from factcheck.suggesting import suggest_statements

    for candidate in suggest_statements(text):
        assert text[candidate.start : candidate.end] == candidate.quote
        assert candidate.start < candidate.end
