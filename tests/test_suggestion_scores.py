"""The scoring rule of the labelled development set (its README), on small hand-made cases."""

import pytest

from factcheck.suggestion_scores import Tagged, same_speaker, score, score_two_annotators

P, C = "pledge", "criticism"


def test_a_suggestion_matches_when_kinds_agree_and_half_of_the_shorter_span_is_shared():
    labelled = [Tagged(P, 100, 140, "Ann Lee")]
    assert score_two_annotators([Tagged(P, 0, 120, "Ann Lee")], labelled, labelled).recall == 1  # 20 of 40
    assert score_two_annotators([Tagged(P, 0, 119, "Ann Lee")], labelled, labelled).recall == 0  # 19 of 40
    assert score_two_annotators([Tagged(C, 100, 140, "Ann Lee")], labelled, labelled).recall == 0  # kinds differ


def test_a_whole_sentence_matches_the_clause_labelled_inside_it():
    labelled = [Tagged(C, 50, 70, "Ann Lee")]
    result = score_two_annotators([Tagged(C, 0, 200, "Ann Lee")], labelled, labelled)
    assert (result.precision, result.recall) == (1, 1)


def test_precision_counts_what_either_annotator_labelled_and_recall_what_both_did():
    first = [Tagged(P, 0, 50, "Ann Lee"), Tagged(C, 100, 150, "Sam Cole")]
    second = [Tagged(P, 0, 50, "Ann Lee")]  # the criticism is the first annotator's alone
    suggestions = [Tagged(P, 0, 50, "Ann Lee"), Tagged(C, 100, 150, "Sam Cole"), Tagged(C, 300, 350, "")]
    result = score_two_annotators(suggestions, first, second)
    assert (result.true_suggestions, result.suggestions) == (2, 3)
    assert (result.found_statements, result.statements) == (1, 1)
    assert result.f1 == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))


def test_a_statement_is_found_through_either_annotators_span_of_it():
    first, second = [Tagged(P, 0, 100, "Ann Lee")], [Tagged(P, 0, 60, "Ann Lee")]
    assert score_two_annotators([Tagged(P, 40, 60, "Ann Lee")], first, second).recall == 1


def test_per_kind_scores_count_only_that_kind():
    labelled = [Tagged(P, 0, 50, "A"), Tagged(C, 100, 150, "B")]
    suggestions = [Tagged(P, 0, 50, "A"), Tagged(P, 200, 250, "A")]
    pledges = score_two_annotators(suggestions, labelled, labelled, kind=P)
    criticisms = score_two_annotators(suggestions, labelled, labelled, kind=C)
    assert (pledges.suggestions, pledges.statements, pledges.precision) == (2, 1, 0.5)
    assert (criticisms.suggestions, criticisms.statements, criticisms.recall) == (0, 1, 0)


def test_the_speaker_is_judged_on_the_closest_suggestion_to_each_statement_found():
    labelled = [Tagged(C, 100, 200, "Michael Howard")]
    near, far = Tagged(C, 100, 200, "Liam Fox"), Tagged(C, 150, 400, "Michael Howard")
    result = score_two_annotators([far, near], labelled, labelled)
    assert (result.found_statements, result.right_speaker) == (1, 0)
    assert result.wrong_speaker == [(labelled[0], near)]


@pytest.mark.parametrize(
    "suggested, labelled",
    [
        ("Mr Howard", "Michael Howard"),
        ("Michael Howard", "Michael Howard and Oliver Letwin"),
        ("the Conservatives", "The Tories"),
        ("Labour", "The Labour party"),
        ("the Liberal Democrats", "the Lib Dems"),
        ("Guy Mansfield", "Guy Mansfield QC"),
        ("Lord Rennard", "Lord Rennard"),
    ],
)
def test_the_same_person_or_body_under_another_form_of_the_name_is_the_right_speaker(suggested, labelled):
    assert same_speaker(suggested, labelled)


@pytest.mark.parametrize(
    "suggested, labelled",
    [("Cherie Blair", "Tony Blair"), ("Labour", "the Conservatives"), ("", "Tony Blair"), ("West Ham", "Ann Lee")],
)
def test_another_person_or_body_is_the_wrong_speaker(suggested, labelled):
    assert not same_speaker(suggested, labelled)


def test_the_seeds_single_tagger_score_uses_the_same_matching():
    statements = [Tagged(P, 0, 40, "Ed Balls")]
    assert score([Tagged(P, 0, 100, "Mr Balls")], statements, rule="overlap").right_speaker == 1
    assert score([Tagged(P, 0, 100, "Mr Balls")], statements, rule="strict").recall == 0
