"""Pledges suggested by rule: forms too rare in the labelled articles for the models to learn."""

import pytest

from factcheck.suggesting import analyse, choose, suggest_statements
from factcheck.suggesting.model import KindModel
from factcheck.suggesting.rules import is_a_denial, reported_attack, reported_commitment
from factcheck.suggesting.sentences import read_sentences

OWN_WORDS = "Pledge: a promise in the speaker's own words"


def suggested(body, text):
    [candidate] = [c for c in suggest_statements(body) if text in c.quote]
    return candidate


def test_a_ministers_own_we_will_and_an_action_is_a_pledge_of_the_minister():
    body = 'Schools plan unveiled\n\nEducation Secretary Ruth Kelly said: "We will cut class sizes to 20 by 2008."'
    candidate = suggested(body, "We will cut class sizes")
    assert (candidate.kind, candidate.speaker_name) == ("pledge", "Ruth Kelly")
    assert candidate.reason.startswith(OWN_WORDS)


def test_a_promise_not_to_act_counts_and_so_does_a_quotation_going_on():
    body = (
        'Tory leader Michael Howard spoke in Bolton.\n\nMr Howard said: "Families are struggling. '
        "I'll never raise income tax on them.\""
    )
    candidate = suggested(body, "never raise income tax")
    assert (candidate.kind, candidate.speaker_name) == ("pledge", "Michael Howard")
    assert candidate.reason.startswith(OWN_WORDS)


def test_we_will_end_up_is_a_forecast_not_a_promise():
    body = 'Tory MP John Smith spoke in Leeds.\n\n"We will end up with nothing at all," said Tory MP John Smith.'
    assert not [c for c in suggest_statements(body) if c.reason.startswith(OWN_WORDS)]


def test_a_quoted_we_will_nobody_is_named_for_is_left_to_the_models():
    body = 'Readers wrote in about the plans.\n\n"We will cut our prices if the tax goes."'
    assert not [c for c in suggest_statements(body) if c.reason.startswith(OWN_WORDS)]


def test_we_will_outside_quotation_marks_is_left_to_the_models():
    body = "Shop owners met in Leeds.\n\nShop owner John Smith said we will open fewer stores next year."
    assert not [c for c in suggest_statements(body) if c.reason.startswith(OWN_WORDS)]


@pytest.mark.parametrize(
    "words, promise",
    [
        ("We will set up a royal commission on pensions.", True),
        ("We won't raise income tax in the next parliament.", True),
        ("I'll give you an example of the waste in this department.", False),
        ("I will raise this with the home secretary next week.", False),
    ],
)
def test_set_phrases_that_are_no_promise_are_told_apart(words, promise):
    body = f'Pensions plan\n\nTory leader Michael Howard said: "{words}"'
    by_rule = [c for c in suggest_statements(body) if c.reason.startswith(OWN_WORDS)]
    assert bool(by_rule) is promise


def test_items_of_a_list_introduced_as_plans_are_pledges_even_without_a_future_verb():
    body = (
        "The justice secretary Ann Lee set out the changes on Tuesday. Other plans include:\n\n"
        "- Extending in-court conciliation before contested cases \n"
        " - Better access to legal, emotional and practical advice by telephone"
    )
    found = suggest_statements(body)
    assert [(c.quote, c.kind, c.speaker_name) for c in found] == [
        ("Extending in-court conciliation before contested cases", "pledge", "Ann Lee"),
        ("Better access to legal, emotional and practical advice by telephone", "pledge", "Ann Lee"),
    ]
    assert found[0].reason == "Pledge: an item in a list introduced as plans or proposals"
    assert found[1].title == "Better access to legal, emotional and practical advice"


def test_items_of_a_list_of_facts_are_not_pledges_by_rule():
    body = "The report found the following:\n\n- Waiting times rose in 2004 \n - Fewer nurses worked in rural areas"
    assert not any(c.reason.startswith("Pledge: an item") for c in suggest_statements(body))


@pytest.mark.parametrize(
    "sentence",
    [
        "He repeated his pledge not to do post-election deals with either party.",
        "The health board is committed to ensuring patients receive the care they need.",
        "And he stressed his party's commitment to cut taxes and red tape.",
        "The Lib Dems have pledged to oppose the bill when it is debated next Monday.",
    ],
)
def test_a_commitment_to_act_in_the_reporters_words_is_a_pledge(sentence):
    assert reported_commitment(sentence, read_sentences(sentence)[0]).startswith("Pledge: a commitment to act")


@pytest.mark.parametrize(
    "sentence",
    [
        "It was a commitment to public service that brought him into Parliament in 1945.",
        "These are the ships we have already committed to the relief operation.",
        "Labour has broken its pledge to cut class sizes.",
        "With his party's previous pledge to increase taxes already adopted, he needs a new one.",
    ],
)
def test_a_commitment_to_something_other_than_an_action_or_one_not_kept_is_no_pledge(sentence):
    assert reported_commitment(sentence, read_sentences(sentence)[0]) == ""


def _chosen(body, pledge, criticism):
    models = {
        "pledge": KindModel({}, intercept=pledge, threshold=0.5),
        "criticism": KindModel({}, intercept=criticism, threshold=0.5),
    }
    return [(str(c.kind), c.reason) for c in choose(body, analyse(body), models)]


def test_the_commitment_rule_only_takes_what_the_models_leave_out():
    body = "Mr Fox said Labour was obsessively committed to cutting the number of police officers."
    assert _chosen(body, pledge=-5.0, criticism=5.0)[0][0] == "criticism"
    assert _chosen(body, pledge=-5.0, criticism=-5.0) == [
        ("pledge", "Pledge: a commitment to act, in the reporter's words (“pledged to …”, “committed to …”)")
    ]


def _attack(body):
    item = analyse(body)[-1]
    return reported_attack(body, item.sentence, item.attribution)


@pytest.mark.parametrize(
    "body",
    [
        "Former international development secretary Clare Short questioned the effectiveness of debt relief.",
        "Backbench Labour MP Karen Buck warned against proposed changes in such benefits.",
        "Mr Cable also accused the chancellor of ducking tough choices.",
    ],
)
def test_an_attack_in_the_reporters_words_by_a_named_speaker_is_a_criticism(body):
    assert _attack(body).startswith("Criticism: an attack in the reporter's words")


@pytest.mark.parametrize(
    "body",
    [
        "Ministers have been accused of panic in offering last minute changes to the bill.",
        "Four men were held for three years, accused of links to terrorists.",
        "Mr Blair spoke in Leeds. Questioned about the disaster, he said his faith had not been shaken.",
        "The leadership put on a show of unity after MPs criticised Tony Blair and Gordon Brown.",
    ],
)
def test_a_passive_or_subordinate_attack_is_no_criticism_by_rule(body):
    assert _attack(body) == ""


@pytest.mark.parametrize(
    "sentence, pledge",
    [
        ("The Tories have promised an upper limit on the number of people allowed into Britain.", True),
        ('He promised "the most positive election campaign Labour has ever run".', True),
        ("And 87% of adults said politicians did not deliver what they promised.", False),
        ('Mr Davey said instead of the "bonfire of quangos" New Labour had promised, there had been more.', False),
        ("The money was promised by ministers last year.", False),
    ],
)
def test_a_promise_in_the_reporters_words_is_a_pledge_when_someone_promises_something(sentence, pledge):
    found = reported_commitment(sentence, read_sentences(sentence)[0])
    assert found.startswith("Pledge: a promise, in the reporter's words") is pledge


@pytest.mark.parametrize(
    "sentence, denial",
    [
        ("Labour election chief Alan Milburn denied the party was trying to hide the prime minister.", True),
        ("Mr Clarke dismissed the latest Tory attack.", True),
        ("Charles Kennedy dismissed the Conservatives as a party of the past.", False),
        ('He said: "We have never denied that the scheme will cost money."', False),
    ],
)
def test_a_denial_in_the_reporters_words_is_a_defence_not_a_statement(sentence, denial):
    assert is_a_denial(sentence, read_sentences(sentence)[0]) is denial


def test_a_denial_is_not_suggested_whatever_the_models_score():
    body = "Labour election chief Alan Milburn denied the party was trying to hide the prime minister."
    assert _chosen(body, pledge=5.0, criticism=5.0) == []
