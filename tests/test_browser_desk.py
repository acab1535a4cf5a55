"""The whole desk flow in Chromium: tag with the mouse, draft a verdict, publish as another editor."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from factcheck.models import Article, Statement, Verdict
from tests.browser_helpers import log_in, log_out
from tests.factories import EditorFactory, FactCheckerFactory

# A transactional flush removes the roles the data migration created: the user factories apply them again.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SENTENCE = "The Government will also invest more in training and support for frontline services."


def select_text(page, text):
    """Select `text` inside the article body as a mouse drag would, then release the mouse."""
    page.evaluate(
        """(text) => {
            const root = document.getElementById("desk-body");
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode())) {
                const at = node.data.indexOf(text);
                if (at >= 0) {
                    const range = document.createRange();
                    range.setStart(node, at);
                    range.setEnd(node, at + text.length);
                    const selection = window.getSelection();
                    selection.removeAllRanges();
                    selection.addRange(range);
                    const rect = range.getBoundingClientRect();
                    node.parentElement.dispatchEvent(new MouseEvent("mouseup", {
                        bubbles: true, clientX: rect.right, clientY: rect.bottom,
                    }));
                    return;
                }
            }
            throw new Error("text not found in the desk body: " + text);
        }""",
        text,
    )


def choose_autocomplete(page, container, query, option):
    """Pick an option in one of the admin's select2 autocompletes."""
    container.locator(".select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(query)
    page.locator(".select2-results__option", has_text=option).first.click()


def test_fact_checker_tags_and_drafts_then_an_editor_publishes(live_server, demo, page, screenshot):
    FactCheckerFactory(username="fiona")
    EditorFactory(username="eddie")
    independent = Article.objects.get(title="Social services to be given £58m overhaul")
    bbc = Article.objects.get(title="Ed Balls promises 23m extra for social workers")
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # A fact-checker tags a sentence with the mouse.
    log_in(page, live_server, "fiona")
    page.goto(live_server.url + reverse("admin:factcheck_article_change", args=[independent.pk]))
    assert page.locator("#desk-body a.desk-stmt-pledge").count() > 0
    assert page.locator("#desk-body a.desk-stmt-criticism").count() > 0
    screenshot(page, "1-article-desk")
    select_text(page, SENTENCE)
    assert errors == []
    form = page.locator("#desk-tag-form")
    form.wait_for(state="visible")
    assert form.locator("#desk-tag-quote").inner_text() == SENTENCE
    form.get_by_label("Pledge").check()
    form.locator("#desk-speaker-input").fill("Balls")
    form.get_by_role("option", name="Ed Balls").click()
    form.get_by_label("Short title").fill("More money for frontline training")
    screenshot(page, "2-tag-form")
    form.get_by_role("button", name="Save statement").click()
    page.wait_for_url(re.compile(r"/admin/factcheck/article/\d+/change/"))
    expect(page.locator(".messagelist")).to_contain_text("Tagged “More money for frontline training” as a pledge.")

    statement = Statement.objects.get(title="More money for frontline training")
    assert statement.quote == SENTENCE
    assert independent.body[statement.start : statement.end] == SENTENCE
    assert statement.speaker.name == "Ed Balls"
    assert page.locator(f"#desk-body a[href$='/statement/{statement.pk}/change/']").count() == 1
    screenshot(page, "3-tagged")

    # ...then drafts a verdict citing the BBC article.
    page.goto(live_server.url + reverse("admin:factcheck_statement_change", args=[statement.pk]))
    page.get_by_role("link", name="Add a verdict update").click()
    rating = page.locator("#id_rating")
    assert "Kept" in rating.inner_text() and "Borne out" not in rating.inner_text()
    rating.select_option(label="In the works")
    page.fill("#id_headline", "£23m for front-line social work announced")
    page.fill(
        "#id_explanation",
        "The BBC reported an extra £23m for front-line social work in March 2010.\n\n"
        "See https://www.bbc.co.uk/news for the report.",
    )
    page.fill("#id_checked_on", "17/03/2010")
    page.fill("#id_sources-0-title", "BBC News: Ed Balls promises 23m extra for social workers")
    choose_autocomplete(page, page.locator("#sources-0"), "Ed Balls promises", bbc.title)
    page.fill("#id_sources-0-quote", "An extra £23m is to be put into front-line social work")
    screenshot(page, "4-verdict-form")
    page.get_by_role("button", name="Save", exact=True).click()
    verdict = Verdict.objects.get(statement=statement)
    assert verdict.status == Verdict.Status.DRAFT and verdict.author.username == "fiona"
    assert verdict.sources.get().article == bbc
    # A fact-checker is offered no way to publish.
    page.goto(live_server.url + reverse("admin:factcheck_verdict_change", args=[verdict.pk]))
    assert page.get_by_role("link", name="Publish…").count() == 0
    public = live_server.url + statement.get_absolute_url()
    assert page.goto(public).status == 404
    log_out(page, live_server)

    # An editor reviews exactly what goes public, and publishes it.
    log_in(page, live_server, "eddie")
    page.get_by_role("link", name="Open the desk dashboard").click()
    assert "£23m for front-line social work announced" in page.locator("#content").inner_text()
    screenshot(page, "5-dashboard")
    page.get_by_role("link", name="Review and publish…").first.click()
    preview = page.locator(".desk-preview")
    assert "£23m for front-line social work announced" in preview.inner_text()
    assert preview.get_by_role("link", name="https://www.bbc.co.uk/news").count() == 1
    screenshot(page, "6-publish-preview")
    page.get_by_role("button", name="Yes, publish it").click()
    # Waits for the page the redirect lands on: read at once, the message list was once still empty.
    expect(page.locator(".messagelist")).to_contain_text("Published.")
    verdict.refresh_from_db()
    assert verdict.is_published and verdict.publisher.username == "eddie"

    # Readers see it.
    page.goto(public)
    assert page.get_by_role("heading", level=1).inner_text() == "More money for frontline training"
    assert "£23m for front-line social work announced" in page.content()
    assert page.get_by_role("link", name="BBC News: Ed Balls promises 23m extra for social workers").count() == 1
    screenshot(page, "7-public-page")
