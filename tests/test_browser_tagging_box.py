"""The tagging box in Chromium: Escape, the desk's own messages, drags that start inside a highlight,
a suggestion saved before its speaker is looked up."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from factcheck.importing import import_article
from factcheck.models import Article, Statement
from tests.browser_helpers import choose_speaker, drag_over, log_in
from tests.factories import FactCheckerFactory, SpeakerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# In the demo's Independent article; its first words are tagged as a pledge already.
TAGGED = "Around £58m will be spent in an effort to"
SENTENCE = "The Government will also invest more in training and support for frontline services."


@pytest.fixture
def desk(live_server, demo, page):
    FactCheckerFactory(username="fiona")
    log_in(page, live_server, "fiona")
    article = Article.objects.get(title="Social services to be given £58m overhaul")
    page.goto(live_server.url + reverse("admin:factcheck_article_change", args=[article.pk]))
    return page


def test_escape_closes_the_speaker_list_then_keeps_what_was_typed(desk, screenshot):
    drag_over(desk, SENTENCE)
    form = desk.locator("#desk-tag-form")
    form.get_by_label("Pledge").check()
    form.get_by_label("Short title").fill("More training for frontline staff")
    form.locator("#desk-speaker-input").fill("Ball")
    expect(desk.locator("#desk-speaker-options")).to_be_visible()
    desk.keyboard.press("Escape")
    expect(desk.locator("#desk-speaker-options")).to_be_hidden()
    expect(form).to_be_visible()
    desk.keyboard.press("Escape")
    expect(form).to_be_visible()
    expect(desk.locator("#desk-tag-hint")).to_be_visible()
    assert form.get_by_label("Short title").input_value() == "More training for frontline staff"
    screenshot(desk, "escape-keeps-the-box")
    form.get_by_role("button", name="Cancel").click()
    expect(form).to_be_hidden()


def test_escape_closes_an_empty_box(desk):
    drag_over(desk, SENTENCE)
    expect(desk.locator("#desk-tag-form")).to_be_visible()
    desk.keyboard.press("Escape")
    expect(desk.locator("#desk-tag-form")).to_be_hidden()


def test_saving_without_a_speaker_says_so_next_to_the_field(desk, screenshot):
    drag_over(desk, SENTENCE)
    form = desk.locator("#desk-tag-form")
    form.get_by_label("Pledge").check()
    form.get_by_label("Short title").fill("More training for frontline staff")
    form.get_by_role("button", name="Save statement").click()
    expect(desk.locator("#desk-speaker-error")).to_have_text("Choose who said it, or type a new name and choose “Add”.")
    assert desk.evaluate("document.activeElement.id") == "desk-speaker-input"
    screenshot(desk, "no-speaker")
    assert not Statement.objects.filter(title="More training for frontline staff").exists()


def test_a_drag_that_starts_inside_a_highlight_tags_an_overlapping_criticism(desk):
    drag_over(desk, TAGGED, start_inside=7)
    form = desk.locator("#desk-tag-form")
    expect(form).to_be_visible()
    assert form.locator("#desk-tag-quote").inner_text() == TAGGED[7:]
    assert "/admin/factcheck/article/" in desk.url  # the highlight's link was not followed
    form.get_by_label("Criticism").check()
    choose_speaker(form, "Loughton", "Tim Loughton")
    form.get_by_label("Short title").fill("£58m is not enough")
    form.get_by_role("button", name="Save statement").click()
    expect(desk.locator(".messagelist")).to_contain_text("as a criticism")
    assert Statement.objects.get(title="£58m is not enough").quote == TAGGED[7:]


CLASSES = (
    "Blair promises smaller classes\n\n"
    "Labour leader Tony Blair has promised smaller classes if his party wins the next election.\n\n"
    "He said the party would also recruit 10,000 more teachers.\n"
)


def test_save_pressed_before_a_suggestions_speaker_is_looked_up_saves_once_it_is(live_server, page):
    FactCheckerFactory(username="fiona")
    SpeakerFactory(name="Tony Blair", slug="tony-blair")
    article = import_article(data=CLASSES.encode(), filename="classes.txt").article
    assert article.suggestions.filter(speaker_name="Tony Blair").exists(), "the suggester no longer suggests it"
    log_in(page, live_server, "fiona")
    held = []  # the speaker lookup answers only when the test lets it, as a slow server would
    page.route(re.compile(r"/admin/autocomplete/"), lambda route: held.append(route))
    page.goto(live_server.url + reverse("admin:factcheck_article_change", args=[article.pk]))
    suggestion = page.locator("#desk-suggestions li", has_text="smaller classes")
    suggestion.get_by_role("link", name="Accept…").click()
    form = page.locator("#desk-tag-form")
    form.get_by_role("button", name="Save statement").click()
    form.get_by_role("button", name="Save statement").click()
    page.wait_for_timeout(300)
    assert len(held) == 1 and not Statement.objects.exists()
    expect(form.locator("#desk-speaker-note")).to_contain_text("saved as soon as they are found")
    held[0].continue_()
    expect(page.locator(".messagelist")).to_contain_text("Tagged")
    statement = Statement.objects.get()
    assert statement.speaker.name == "Tony Blair" and statement.kind == "pledge"


def test_save_pressed_again_after_accepting_again_saves_once_both_lookups_answer(live_server, page):
    FactCheckerFactory(username="fiona")
    SpeakerFactory(name="Tony Blair", slug="tony-blair")
    article = import_article(data=CLASSES.encode(), filename="classes.txt").article
    log_in(page, live_server, "fiona")
    held = []
    page.route(re.compile(r"/admin/autocomplete/"), lambda route: held.append(route))
    page.goto(live_server.url + reverse("admin:factcheck_article_change", args=[article.pk]))
    suggestion = page.locator("#desk-suggestions li", has_text="smaller classes")
    form = page.locator("#desk-tag-form")
    for _ in range(2):
        suggestion.get_by_role("link", name="Accept…").click()
        form.get_by_role("button", name="Save statement").click()
    page.wait_for_timeout(300)
    assert len(held) == 2 and not Statement.objects.exists()
    held[0].continue_()
    page.wait_for_timeout(300)
    assert not Statement.objects.exists()
    held[1].continue_()
    expect(page.locator(".messagelist")).to_contain_text("Tagged")
    assert Statement.objects.get().speaker.name == "Tony Blair"
