"""An editor's day, end to end, in Chromium, on real BBC articles nobody here wrote.

A fact-checker imports several files, tags a pledge by a real mouse drag with a brand-new speaker,
tags a criticism, accepts a suggestion and drafts a sourced verdict; an editor sees the draft's
readiness on the dashboard, previews it, publishes it and corrects its rating; two editors save the
same statement and the second keeps their typing; a reader sees the corrected story. Every step is
screenshotted into test-artifacts/.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from factcheck.models import Article, Correction, Speaker, Statement, Verdict
from factcheck.scales import Rating
from tests.browser_helpers import choose_speaker, drag_over, log_in, log_out
from tests.factories import EditorFactory, FactCheckerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Real articles, read from the shared folder beside the project (never copied into it).
BBC = Path(settings.BASE_DIR).parent / "shared" / "bbc-politics" / "articles"
FILES = [
    "tories-pledge-free-sports-lessons.txt",
    "uk-pledges-aps1bn-to-vaccine-effort.txt",
    "no-uk-apology-for-colonial-past.txt",
]
PLEDGE = (
    "The Club2School policy would provide up to £250m yearly for local sports clubs in the UK "
    "to deliver after-school sport."
)
CRITICISM = (
    "The Tories say Labour's plans to give all children two hours of sports lessons a week in schools have failed."
)


def test_an_editors_day_from_import_to_a_corrected_public_verdict(live_server, browser, screenshot):
    FactCheckerFactory(username="fiona", first_name="Fiona", last_name="Checker")
    EditorFactory(username="eddie", first_name="Eddie", last_name="Editor")
    EditorFactory(username="olga", first_name="Olga", last_name="Ivanova")
    page = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    page.set_default_timeout(10_000)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # 1. The fact-checker imports three real articles at once.
    log_in(page, live_server, "fiona")
    page.goto(live_server.url + reverse("admin:factcheck_article_import"))
    page.set_input_files("input[type=file]", [str(BBC / name) for name in FILES])
    page.get_by_role("button", name=re.compile("Import")).click()
    expect(page.locator("#content")).to_contain_text("Tories pledge free sports lessons")
    assert Article.objects.count() == 3
    screenshot(page, "1-imported")

    # 2. A pledge, tagged by dragging the mouse over it, said by someone the desk has never quoted.
    sports = Article.objects.get(title="Tories pledge free sports lessons")
    page.goto(live_server.url + reverse("admin:factcheck_article_change", args=[sports.pk]))
    drag_over(page, PLEDGE)
    form = page.locator("#desk-tag-form")
    expect(form).to_be_visible()
    assert form.locator("#desk-tag-quote").inner_text() == PLEDGE
    form.get_by_label("Pledge").check()
    choose_speaker(form, "David Davis", "Add “David Davis” as a new speaker")
    expect(form.locator("#desk-speaker-note")).to_contain_text("New speaker")
    form.get_by_label("Short title").fill("£250m a year for after-school sport")
    screenshot(page, "2-pledge-new-speaker")
    form.get_by_role("button", name="Save statement").click()
    expect(page.locator(".messagelist")).to_contain_text("Tagged “£250m a year for after-school sport” as a pledge.")
    pledge = Statement.objects.get(title="£250m a year for after-school sport")
    assert pledge.quote == PLEDGE and pledge.speaker.name == "David Davis"

    # 3. A criticism by the speaker just added, found by the speaker search.
    drag_over(page, CRITICISM)
    form.get_by_label("Criticism").check()
    choose_speaker(form, "Davis", "David Davis")
    form.get_by_label("Short title").fill("Labour's two hours of school sport have failed")
    form.get_by_role("button", name="Save statement").click()
    expect(page.locator(".messagelist")).to_contain_text("as a criticism")
    assert Speaker.objects.filter(name="David Davis").count() == 1
    screenshot(page, "3-criticism")

    # 4. A suggestion accepted into the same box, with its working title.
    suggestions = page.locator("#desk-suggestions li")
    assert suggestions.count() > 0, "the importer suggested nothing on this article"
    suggestions.first.get_by_role("link", name="Accept…").click()
    expect(form).to_be_visible()
    assert form.get_by_label("Short title").input_value()
    if not page.locator("#desk-speaker-id").input_value() and not page.locator("#desk-speaker-new").input_value():
        choose_speaker(form, "Davis", "David Davis")
    screenshot(page, "4-suggestion-accepted-into-the-box")
    form.get_by_role("button", name="Save statement").click()
    expect(page.locator(".messagelist")).to_contain_text("Tagged")
    assert errors == []

    # 5. A draft verdict with a source.
    page.goto(live_server.url + reverse("admin:factcheck_verdict_add") + f"?statement={pledge.pk}")
    assert page.locator("#id_checked_on").input_value()  # today, unless the editor says otherwise
    page.locator("#id_rating").select_option(label="In the works")
    page.fill("#id_headline", "Club2School is still a plan")
    page.fill("#id_explanation", "The party has published the policy; no money has been spent yet.")
    page.fill("#id_sources-0-title", "Conservative Party: Club2School")
    page.fill("#id_sources-0-url", "https://www.example.org/club2school")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    screenshot(page, "5-verdict-form")
    page.get_by_role("button", name="Save", exact=True).click()
    verdict = Verdict.objects.get(statement=pledge)
    assert verdict.author.username == "fiona" and verdict.sources.count() == 1
    log_out(page, live_server)

    # 6. The editor sees the draft is ready, previews it, publishes it.
    log_in(page, live_server, "eddie")
    page.get_by_role("link", name="Desk dashboard").first.click()
    row = page.locator("tr", has_text="Club2School is still a plan")
    expect(row.get_by_role("link", name="Review and publish…")).to_be_visible()
    screenshot(page, "6-dashboard-readiness")
    row.get_by_role("link", name="Preview").click()
    expect(page.locator(".preview-banner")).to_contain_text("Staff preview")
    expect(page.locator("#content, main").first).to_contain_text("Club2School is still a plan")
    screenshot(page, "7-preview")
    page.go_back()
    page.locator("tr", has_text="Club2School is still a plan").get_by_role("link", name="Review and publish…").click()
    expect(page.locator(".desk-writers")).to_contain_text("Fiona Checker")
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.locator(".messagelist")).to_contain_text("Published.")
    screenshot(page, "8-published")

    # 7. ...and corrects its rating, with a note readers will see.
    page.goto(live_server.url + reverse("admin:factcheck_verdict_change", args=[verdict.pk]))
    page.locator("#id_rating").select_option(label="Stalled")
    page.fill("#id_correction_note", "The Lottery has not agreed to fund it, so we rate it Stalled.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    verdict.refresh_from_db()
    assert verdict.rating == Rating.STALLED and Correction.objects.filter(verdict=verdict).exists()

    # 8. Two editors save the same statement; the second keeps what they typed.
    other = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    log_in(other, live_server, "olga")
    url = live_server.url + reverse("admin:factcheck_statement_change", args=[pledge.pk])
    page.goto(url)
    other.goto(url)
    other.fill("#id_title", "Up to £250m a year for after-school sport")
    other.get_by_role("button", name="Save", exact=True).click()
    expect(other.locator(".messagelist")).to_contain_text("changed successfully")
    page.fill("#id_title", "£250m a year for sports clubs after school")
    page.get_by_role("button", name="Save", exact=True).click()
    conflict = page.locator(".desk-conflict")
    expect(conflict).to_contain_text("Changed by Olga Ivanova")
    expect(conflict).to_contain_text("Up to £250m a year for after-school sport")
    assert page.locator("#id_title").input_value() == "£250m a year for sports clubs after school"
    screenshot(page, "9-edit-conflict")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    pledge.refresh_from_db()
    assert pledge.title == "£250m a year for sports clubs after school"

    # 9. A reader sees the corrected story.
    reader = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB").new_page()
    reader.goto(live_server.url + pledge.get_absolute_url())
    expect(reader.get_by_role("heading", level=1)).to_have_text("£250m a year for sports clubs after school")
    expect(reader.locator(".verdict-box")).to_contain_text("Stalled")
    expect(reader.locator(".correction").first).to_contain_text("Rating changed from In the works to Stalled.")
    expect(reader.locator(".correction").first).to_contain_text("The Lottery has not agreed to fund it")
    screenshot(reader, "10-reader")
    assert errors == []
