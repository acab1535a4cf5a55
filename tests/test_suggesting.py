"""The importer's statement suggestions: whole sentences, with their kind, speaker, title and reason."""

from io import StringIO

from django.core.management import call_command

from factcheck.suggesting import suggest_statements

ARTICLE = """Around £12m will be spent on new bus routes across the county.

Transport Secretary Priya Shah, speaking in Derby, said the money would reach rural areas first.

Under the plans:

* 40 new routes will be created by 2026.
* Fares for under-18s will be capped at £1.

Ms Shah said: "We promise that no village will be cut off. Every village will have a bus by 2027."

The shadow transport secretary Mark Evans said: "This announcement is a rehash of old promises and does
nothing for commuters. It is a cynical stunt that will fail the people it claims to help."

Local councils must now bid for the money."""


def containing(candidates, text):
    """The candidates whose sentence holds `text`."""
    return [candidate for candidate in candidates if text in candidate.quote]


def test_money_to_be_spent_opening_an_article_is_a_pledge_by_the_first_person_named():
    [opening] = containing(suggest_statements(ARTICLE), "Around £12m will be spent")
    assert (opening.kind, opening.speaker_name) == ("pledge", "Priya Shah")


def test_bullets_under_a_list_intro_are_pledges_by_the_last_speaker():
    candidates = suggest_statements(ARTICLE)
    [routes] = containing(candidates, "40 new routes will be created by 2026.")
    [fares] = containing(candidates, "Fares for under-18s will be capped at £1.")
    assert (routes.kind, routes.speaker_name) == ("pledge", "Priya Shah")
    assert fares.reason.startswith("Pledge: an item in a list of proposals")


def test_a_quoted_commitment_is_a_pledge_of_the_quoted_speaker():
    [pledge] = containing(suggest_statements(ARTICLE), "We promise that no village will be cut off.")
    assert (pledge.kind, pledge.speaker_name) == ("pledge", "Priya Shah")


def test_an_opponents_quoted_attack_is_a_criticism_by_the_opponent():
    [criticism] = containing(suggest_statements(ARTICLE), "It is a cynical stunt")
    assert (criticism.kind, criticism.speaker_name) == ("criticism", "Mark Evans")


def test_plain_reporting_is_not_suggested():
    assert not containing(suggest_statements(ARTICLE), "Local councils must now bid for the money.")


def test_every_suggestion_quotes_the_body_at_its_offsets():
    for candidate in suggest_statements(ARTICLE):
        assert ARTICLE[candidate.start : candidate.end] == candidate.quote
        assert candidate.quote == candidate.quote.strip()


def test_every_suggestion_says_why_and_has_a_short_title():
    for candidate in suggest_statements(ARTICLE):
        assert candidate.reason and len(candidate.reason) <= 200
        assert 1 <= len(candidate.title.split()) <= 12
        assert not candidate.title[0].islower() and candidate.title[-1] not in ".,;:!?"


def test_a_model_suggestion_names_the_features_that_weighed_most():
    [criticism] = containing(suggest_statements(ARTICLE), "It is a cynical stunt")
    assert criticism.reason.startswith("Criticism score 0.")
    assert "critical words" in criticism.reason


def test_an_empty_or_wordless_body_gives_no_suggestions():
    assert suggest_statements("") == []
    assert suggest_statements('"…" - !\n\n* ') == []


def test_suggestion_report_prints_precision_and_recall_on_the_seeds():
    out = StringIO()
    call_command("suggestion_report", stdout=out, no_color=True)
    output = out.getvalue()
    assert "Both seed articles:" in output
    assert output.count("precision") >= 6 and "recall" in output


def test_the_seeds_recall_stays_at_least_nine_tenths():
    out = StringIO()
    call_command("suggestion_report", stdout=out, no_color=True)
    both = out.getvalue().split("Both seed articles:")[1]
    found, total = both.split("recall ")[1].split("(")[1].split(")")[0].split("/")
    assert int(found) / int(total) >= 0.9


READERS = """Minimum wage to rise

The minimum wage will rise to £5.05 in October, the government has announced.

Employment minister Jane Kemp said: "I will make sure every worker gets the rise on time."

My MP promised to vote against it and I will hold him to that promise at the election."""


def test_a_readers_comment_in_the_first_person_is_nobodys_statement():
    # The models took it for a pledge by the government, the speaker before it.
    assert not containing(suggest_statements(READERS), "My MP promised to vote against it")


def test_a_sources_quoted_first_person_is_still_theirs():
    [pledge] = containing(suggest_statements(READERS), "I will make sure every worker")
    assert (pledge.kind, pledge.speaker_name) == ("pledge", "Jane Kemp")
