"""Reading a pledge's deadline from its words, and from what an editor types (factcheck.deadlines)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from factcheck.deadlines import Deadline, DuePrecision, Recurrence, parse_deadline, suggest_deadline

SAID = datetime.date(2009, 3, 12)


@pytest.mark.parametrize(
    ("quote", "label", "due_by", "phrase"),
    [
        ("A new masters degree will start in early 2011 so practitioners can develop.", "early 2011",
         datetime.date(2011, 4, 30), "early 2011"),
        ("It will be launched for all new practitioners this September.", "September 2009",
         datetime.date(2009, 9, 30), "this September"),
        ("We will build 500 homes by 2010.", "2010", datetime.date(2010, 12, 31), "by 2010"),
        ("We will do it within two years.", "March 2011", datetime.date(2011, 3, 31), "within two years"),
        ("The scheme opens on 17 March 2011.", "17 March 2011", datetime.date(2011, 3, 17), "17 March 2011"),
        ("Work will finish by mid-2012.", "mid-2012", datetime.date(2012, 8, 31), "mid-2012"),
        ("The homes will be ready next spring.", "spring 2010", datetime.date(2010, 5, 31), "next spring"),
        ("Trains will run before 2015.", "2014", datetime.date(2014, 12, 31), "before 2015"),
        ("The plan is due by the end of the year.", "2009", datetime.date(2009, 12, 31), "by the end of the year"),
        ("We will open it in winter 2010.", "winter 2010", datetime.date(2011, 2, 28), "winter 2010"),
    ],
)  # fmt: skip
def test_a_deadline_is_suggested_at_the_precision_the_pledge_gave(quote, label, due_by, phrase):
    deadline = suggest_deadline(quote, said_on=SAID).deadline
    assert (deadline.label, deadline.due_by, deadline.phrase) == (label, due_by, phrase)


@pytest.mark.parametrize("words", ["will report annually to Parliament", "publish figures every year", "each year"])
def test_annual_promises_recur_every_year(words):
    deadline = suggest_deadline(words, said_on=SAID).deadline
    assert deadline.precision == DuePrecision.RECURRING
    assert deadline.every == Recurrence.YEAR
    assert deadline.reader_text == "Every year"
    assert deadline.due_by is None


def test_a_relative_phrase_in_an_article_with_no_date_stays_unset_with_a_note():
    suggestion = suggest_deadline("launched for all new practitioners this September.", said_on=None)
    assert suggestion.deadline is None
    assert "this September" in suggestion.note
    assert "no date" in suggestion.note


def test_an_absolute_date_needs_no_article_date():
    assert suggest_deadline("start in early 2011", said_on=None).deadline.label == "early 2011"


def test_a_promise_with_no_date_gets_a_note_not_a_deadline():
    suggestion = suggest_deadline("We will do it by the next election.", said_on=SAID)
    assert suggestion.deadline is None
    assert "names no date" in suggestion.note


def test_a_date_before_the_pledge_is_not_its_deadline():
    assert suggest_deadline("As we said in 2008, and we will finish by 2012.", said_on=SAID).deadline.label == "2012"
    assert suggest_deadline("Since 2005 we have spent more.", said_on=SAID).deadline is None


def test_an_impossible_date_in_a_quote_is_reported_not_suggested():
    suggestion = suggest_deadline("It opens on 31 February 2011.", said_on=SAID)
    assert suggestion.deadline is None
    assert "February 2011 has 28 days" in suggestion.note


def test_may_the_verb_is_not_a_month():
    assert suggest_deadline("Ministers may change their minds.", said_on=SAID).deadline is None


@pytest.mark.parametrize(
    ("typed", "label"),
    [("early 2011", "early 2011"), ("17 March 2011", "17 March 2011"), ("2011", "2011"), ("by 2011", "2011"),
     ("every year", "every year"), ("September 2009", "September 2009"), ("2011-03-17", "17 March 2011"),
     ("Due: summer 2010", "summer 2010")],
)  # fmt: skip
def test_an_editor_types_a_deadline_in_words(typed, label):
    assert parse_deadline(typed, said_on=None).label == label


def test_a_blank_deadline_is_none():
    assert parse_deadline("  ", said_on=None) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("31 February 2011", "31 February 2011 is not a date: February 2011 has 28 days."),
        ("2011-02-29", "29 February 2011 is not a date"),
        ("next Tuesday-ish", "is not a deadline we can read"),
        ("this September", "its article has no date"),
    ],
)
def test_a_deadline_that_cannot_be_a_date_is_refused_with_a_message(typed, message):
    with pytest.raises(ValidationError) as refused:
        parse_deadline(typed, said_on=None)
    assert message in " ".join(refused.value.messages)


def test_a_relative_deadline_typed_by_an_editor_uses_the_article_date():
    assert parse_deadline("this September", said_on=SAID).label == "September 2009"


def test_a_deadline_cannot_be_built_with_impossible_parts():
    with pytest.raises(ValidationError):
        Deadline(DuePrecision.MONTH, 2011, 13)
    with pytest.raises(ValidationError):
        Deadline(DuePrecision.PERIOD, 2011, period="someday")
