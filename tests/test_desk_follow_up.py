"""The desk's deadline and criteria: suggested when tagging, confirmed by an editor, never set silently."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from factcheck.models import Correction, Statement, Suggestion
from factcheck.scales import Kind
from tests.factories import ArticleFactory, SpeakerFactory, StatementFactory
from tests.public_data import public_statement, said_on

pytestmark = pytest.mark.django_db

BODY = "Mr Balls said a new masters degree in social work will start in early 2011 so staff can develop."
QUOTE = "a new masters degree in social work will start in early 2011"


def test_accepting_a_suggestion_shows_the_suggested_deadline_to_confirm(client, fact_checker):
    article = ArticleFactory(body=BODY, published_at=said_on(2009))
    start = BODY.index(QUOTE)
    suggestion = Suggestion.objects.create(
        article=article, kind=Kind.PLEDGE, quote=QUOTE, start=start, end=start + len(QUOTE)
    )
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_statement_add") + f"?suggestion={suggestion.pk}")
    form = page.context["adminform"].form
    assert form.initial["deadline"] == "early 2011"
    assert "Suggested from the quote (“early 2011”)" in form.fields["deadline"].help_text


def test_tagging_through_the_admin_saves_the_confirmed_deadline_and_criteria(client, fact_checker):
    article = ArticleFactory(body=BODY, published_at=said_on(2009))
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_statement_add"),
        {
            "article": article.pk,
            "quote": QUOTE,
            "kind": Kind.PLEDGE,
            "speaker": SpeakerFactory().pk,
            "title": "Masters degree",
            "deadline": "early 2011",
            "success_criteria": "The first students enrolled by April 2011.",
        },
    )
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.deadline.label == "early 2011"
    assert statement.success_criteria == "The first students enrolled by April 2011."


def test_tagging_without_a_deadline_sets_none_and_says_what_the_quote_suggests(client, fact_checker):
    article = ArticleFactory(body=BODY, published_at=said_on(2009))
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_statement_add"),
        {"article": article.pk, "quote": QUOTE, "kind": Kind.PLEDGE, "speaker": SpeakerFactory().pk, "title": "D"},
        follow=True,
    )
    assert Statement.objects.get().due_precision == ""
    assert "The quote suggests a deadline: early 2011" in response.content.decode()


@pytest.mark.parametrize(
    ("deadline", "kind", "message"),
    [
        ("31 February 2011", Kind.PLEDGE, "February 2011 has 28 days"),
        ("2005", Kind.PLEDGE, "ends before the pledge was made"),
        ("early 2011", Kind.CRITICISM, "Only pledges have a deadline"),
    ],
)
def test_tagging_with_a_bad_deadline_is_refused_and_nothing_is_saved(client, fact_checker, deadline, kind, message):
    article = ArticleFactory(body=BODY, published_at=said_on(2009))
    client.force_login(fact_checker)
    response = client.post(
        reverse("admin:factcheck_statement_add"),
        {"article": article.pk, "quote": QUOTE, "kind": kind, "speaker": SpeakerFactory().pk, "title": "D",
         "deadline": deadline},
    )  # fmt: skip
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Statement.objects.exists()


def test_the_statement_page_offers_the_suggestion_without_setting_it(client, fact_checker):
    statement = StatementFactory(article=ArticleFactory(body=BODY, published_at=said_on(2009)), start=9, end=len(BODY))
    client.force_login(fact_checker)
    page = client.get(reverse("admin:factcheck_statement_change", args=[statement.pk])).content.decode()
    assert "The quote suggests <strong>early 2011</strong>" in page
    statement.refresh_from_db()
    assert statement.due_precision == ""


def test_the_follow_up_form_saves_a_draft_pledges_terms(client, fact_checker):
    statement = StatementFactory(article=ArticleFactory(published_at=said_on(2009)))
    client.force_login(fact_checker)
    url = reverse("admin:factcheck_statement_follow_up", args=[statement.pk])
    response = client.post(url, {"deadline": "September 2010", "success_criteria": "200 places", "opened_version": 1})
    assert response.status_code == 302
    statement.refresh_from_db()
    assert (statement.deadline.label, statement.success_criteria) == ("September 2010", "200 places")


def test_the_follow_up_form_refuses_a_fact_checker_on_a_public_pledge(client, fact_checker):
    statement = public_statement()
    client.force_login(fact_checker)
    url = reverse("admin:factcheck_statement_follow_up", args=[statement.pk])
    response = client.post(
        url, {"deadline": "", "success_criteria": "X", "note": "Y", "opened_version": statement.version}
    )
    assert "only an editor can change" in response.content.decode()
    statement.refresh_from_db()
    assert statement.success_criteria == ""


def test_an_editor_corrects_a_public_pledges_criteria_with_a_note(client, editor):
    statement = public_statement()
    client.force_login(editor)
    url = reverse("admin:factcheck_statement_follow_up", args=[statement.pk])
    form = {"deadline": "early 2011", "success_criteria": "X", "note": "", "opened_version": statement.version}
    assert "correction note" in client.post(url, form).content.decode()
    response = client.post(url, {**form, "note": "We set out what would count as kept."})
    assert response.status_code == 302
    assert Correction.objects.get().note == "We set out what would count as kept."


@time_machine.travel("2026-12-01 12:00 +00:00", tick=False)
def test_the_dashboard_lists_due_and_recurring_pledges_and_new_evidence(client, fact_checker):
    from factcheck.followup import set_follow_up

    pledges = {}
    for title, deadline in (("Masters degree", "early 2011"), ("Far future", "2030"), ("Annual report", "every year")):
        pledges[title] = StatementFactory(title=title, article=ArticleFactory(published_at=said_on(2009)))
        set_follow_up(statement=pledges[title], deadline_text=deadline, success_criteria="", user=fact_checker)
    overdue, yearly = pledges["Masters degree"], pledges["Annual report"]
    client.force_login(fact_checker)
    queue = list(client.get(reverse("admin:desk")).context["due_pledges"])
    assert {s.title for s in queue} == {"Masters degree", "Annual report"}
    from tests.factories import VerdictFactory

    VerdictFactory(statement=overdue, checked_on=datetime.date(2011, 6, 1))
    VerdictFactory(statement=yearly, checked_on=datetime.date(2026, 3, 1))
    assert not list(client.get(reverse("admin:desk")).context["due_pledges"])
