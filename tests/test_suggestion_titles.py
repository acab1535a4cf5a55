"""Short titles an editor would accept: the statement's main clause, in a few words, headline style."""

import pytest

from factcheck.suggesting.sentences import read_sentences
from factcheck.suggesting.titles import MAX_WORDS, title_for


def title(text, kind="pledge"):
    [sentence] = read_sentences(text)
    return title_for(text, sentence, kind)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "200 university places will be created to enable graduates to convert.",
            "200 university places to be created",
        ),
        ("He also promised to overhaul the national testing system.", "Overhaul the national testing system"),
        (
            "An extra £23m is to be put into front-line care, Health Secretary Ann Lee has announced.",
            "An extra £23m to be put into front-line care",
        ),
        ('"We will scrap tuition fees," said Mr Cole.', "We will scrap tuition fees"),
        (
            "Ms Lee said the party would cut class sizes in every primary school by 2010.",
            "The party would cut class sizes in every primary school",
        ),
        # The promise that follows "and promised", not the clause before it.
        (
            "Mr Clarke said prosecutions were the government's first preference and promised the powers would "
            'only be used in "serious" cases, with independent scrutiny from judges.',
            "The powers would only be used in serious cases",
        ),
        # Two promises: the first, not what follows the second promise verb.
        (
            "Labour pledged to cut income tax for pensioners and promised to raise the state pension by 2008.",
            "Cut income tax for pensioners",
        ),
        # A comma inside a number is no break: "Labour will recruit 20" was the title once.
        (
            "Labour will recruit 20,000 more community support officers across England and Wales by 2008.",
            "Labour will recruit 20,000 more community support officers across England",
        ),
    ],
)
def test_a_pledges_title_is_its_commitment_without_the_attribution(text, expected):
    assert title(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The minister said the scheme would be a good way to spend the surplus.",
            "The scheme would be a good way to spend the surplus",
        ),
        (
            "Officials said it is expected that the report will be published soon.",
            "It is expected that the report will be published soon",
        ),
        ("The minister said he would be open to talks with the unions.", "He would be open to talks with the unions"),
        (
            "Officials said the council would be prepared to sell the site.",
            "The council would be prepared to sell the site",
        ),
    ],
)
def test_only_a_passive_main_verb_becomes_to_be(text, expected):
    assert title(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The minister said Jane Doe, the new chief inspector of schools, will report to Parliament every year.",
            "Jane Doe will report to Parliament every year",
        ),
        ("Like Labour, the Tories say, the Greens would raise taxes.", "Like Labour, the Tories say"),
    ],
)
def test_an_apposition_after_a_name_is_left_out_but_an_opening_phrase_is_no_name(text, expected):
    assert title(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Under the package, new mothers would be offered a guaranteed weekly payment of £170 for six months.",
            "New mothers to be offered a guaranteed weekly payment",
        ),
        (
            '"In the meantime, we will be studying the ruling carefully," he said.',
            "We will be studying the ruling carefully",
        ),
        (
            "It was announced last July that the three regional boards would be merged into one agency.",
            "The three regional boards to be merged into one agency",
        ),
        (
            "For example, the council will plant a tree for every child born in the city.",
            "The council will plant a tree for every child",
        ),
    ],
)
def test_an_opening_phrase_or_impersonal_lead_in_is_left_out(text, expected):
    assert title(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        # The phrase goes on after the comma: no clause begins there.
        (
            "Under the plans, unveiled in the spending review, councils will keep business rates.",
            "Under the plans",
        ),
        # "it will be" alone says nothing.
        (
            "It is expected that it will be made public before the election next spring.",
            "It is expected that it will be made public",
        ),
    ],
)
def test_an_opening_is_kept_when_what_follows_is_no_statement_of_its_own(text, expected):
    assert title(text) == expected


def test_a_title_cut_by_length_does_not_end_on_a_modal_verb():
    text = "Ministers leaving office in disgrace over a scandal should never again be paid a pension."
    assert title(text, "criticism") == "Ministers leaving office in disgrace over a scandal"


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        (
            "The minister told the BBC the new law would be enforced from May.",
            "pledge",
            "The new law to be enforced from May",
        ),
        (
            "Ms Reed told party members the Greens offered a tax on jobs.",
            "criticism",
            "The Greens offered a tax on jobs",
        ),
        ("He told a news conference on Monday that the plan was a shambles.", "criticism", "The plan was a shambles"),
    ],
)
def test_whom_it_was_told_to_goes_with_the_attribution(text, kind, expected):
    assert title(text, kind) == expected


def test_a_criticisms_title_is_the_attack_cut_at_a_natural_break():
    text = '"The minister\'s response is inadequate and he is in denial about the scale of it," he said.'
    assert title(text, "criticism") == "The minister's response is inadequate"


def test_a_clause_a_little_too_long_to_cut_keeps_its_verdict():
    text = "Mr Lee said the way the council had run the libraries was a disgrace."
    assert title(text, "criticism") == "The way the council had run the libraries was a disgrace"


def test_titles_are_short_capitalised_and_end_without_punctuation():
    text = (
        "The shadow chancellor said that the government had wasted billions on consultants and computer systems "
        "that never worked, and that taxes would have to rise after the election."
    )
    result = title(text, "criticism")
    assert len(result.split()) <= MAX_WORDS + 2
    assert result[0].isupper() and result[-1].isalnum()
    assert result.split()[-1].lower() not in {"the", "and", "of", "to", "a"}


def test_a_trailing_she_told_whom_goes_with_the_attribution():
    assert title("Public opinion would force change, she told BBC news.") == "Public opinion would force change"


def test_an_impersonal_it_keeps_its_verb():
    assert title("It would be given legal force next year.") == "It would be given legal force next year"


def test_a_relative_clause_between_commas_leaves_the_main_clause():
    text = "The proposals, which would be brought in if the Conservatives won, would not apply to short visits."
    assert title(text) == "The proposals would not apply to short visits"
