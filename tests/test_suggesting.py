"""The importer's statement suggestions: pledges with their speaker, and critics' quoted reactions."""

from io import StringIO

from django.core.management import call_command

from factcheck.suggesting import suggest_statements
from factcheck.suggestion_scores import Tagged, score

ARTICLE = """Around £12m will be spent on new bus routes across the county.

Transport Secretary Priya Shah, speaking in Derby, said the money would reach rural areas first.

Under the plans:

* 40 new routes will be created by 2026.
* Fares for under-18s will be capped at £1.

Ms Shah said: "I will not let rural communities be cut off. Every village will have a bus."

The shadow transport secretary Mark Evans said: "This announcement is a rehash of old promises and does
nothing for commuters."

Local councils must now bid for the money."""


def by_quote(candidates):
    return {candidate.quote: candidate for candidate in candidates}


def test_money_and_future_commitments_are_pledge_candidates_with_the_nearest_speaker():
    found = by_quote(suggest_statements(ARTICLE))
    opening = found["Around £12m will be spent on new bus routes across the county."]
    assert (opening.kind, opening.speaker_name) == ("pledge", "Priya Shah")


def test_bullets_under_a_list_intro_are_pledges_by_the_last_speaker():
    found = by_quote(suggest_statements(ARTICLE))
    assert found["40 new routes will be created by 2026."].speaker_name == "Priya Shah"
    assert found["Fares for under-18s will be capped at £1."].reason == "Item in a list of proposals"


def test_a_quoted_commitment_is_a_pledge_of_the_quoted_speaker():
    found = by_quote(suggest_statements(ARTICLE))
    pledge = found["I will not let rural communities be cut off."]
    assert (pledge.kind, pledge.speaker_name) == ("pledge", "Priya Shah")


def test_an_opponents_quoted_reaction_is_a_criticism_candidate():
    found = by_quote(suggest_statements(ARTICLE))
    criticism = found["This announcement is a rehash of old promises and does\nnothing for commuters."]
    assert (criticism.kind, criticism.speaker_name) == ("criticism", "Mark Evans")


def test_plain_reporting_is_not_suggested():
    quotes = by_quote(suggest_statements(ARTICLE))
    assert "Local councils must now bid for the money." not in quotes


def test_every_suggestion_quotes_the_body_at_its_offsets():
    for candidate in suggest_statements(ARTICLE):
        assert ARTICLE[candidate.start : candidate.end] == candidate.quote


def test_scores_count_overlap_and_kind():
    statements = [Tagged("pledge", 0, 100), Tagged("criticism", 200, 250)]
    suggestions = [Tagged("pledge", 10, 120), Tagged("pledge", 200, 250), Tagged("criticism", 400, 450)]
    result = score(suggestions, statements, rule="overlap")
    assert (result.true_suggestions, result.found_statements) == (1, 1)
    assert (result.precision, result.recall) == (1 / 3, 1 / 2)


def test_strict_rule_needs_half_of_the_union():
    statement = [Tagged("pledge", 0, 40)]
    assert score([Tagged("pledge", 0, 100)], statement, rule="overlap").recall == 1
    assert score([Tagged("pledge", 0, 100)], statement, rule="strict").recall == 0


def test_suggestion_report_prints_precision_and_recall_on_the_seeds():
    out = StringIO()
    call_command("suggestion_report", stdout=out, no_color=True)
    output = out.getvalue()
    assert "Both seed articles:" in output
    assert output.count("precision") >= 6 and "recall" in output
