"""What the browser tests do as a person would: log in, drag the mouse over words, pick a speaker."""

import re

from django.urls import reverse

PASSWORD = "correct horse battery staple"


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("admin:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))


def log_out(page, live_server):
    page.goto(live_server.url + reverse("admin:index"))
    page.click("#logout-form button")


def drag_over(page, text, *, start_inside=None):
    """Select `text` in the article body with a real mouse drag, from its first to its last character.

    `start_inside` starts the drag at that many characters into the text (to start inside a highlight).
    """
    box = page.evaluate(
        """([text, skip]) => {
            const root = document.getElementById("desk-body");
            const whole = root.textContent;
            const at = whole.indexOf(text);
            if (at < 0) throw new Error("text not in the desk body: " + text);
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
            const point = (offset) => {
                let seen = 0, node;
                walker.currentNode = root;
                while ((node = walker.nextNode())) {
                    if (seen + node.data.length > offset) return [node, offset - seen];
                    seen += node.data.length;
                }
                throw new Error("offset out of range");
            };
            const rectAt = (offset) => {
                const [node, inside] = point(offset);
                const range = document.createRange();
                range.setStart(node, inside);
                range.setEnd(node, inside + 1);
                return range.getBoundingClientRect();
            };
            point(at)[0].parentElement.scrollIntoView({block: "center"});
            const first = rectAt(at + (skip || 0));
            const last = rectAt(at + text.length - 1);
            return {
                x1: first.left + 1, y1: first.top + first.height / 2,
                x2: last.right - 1, y2: last.top + last.height / 2,
            };
        }""",
        [text, start_inside],
    )
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move(box["x2"], box["y2"], steps=12)
    page.mouse.up()


def choose_speaker(form, typed, option):
    """Type into the tagging box's speaker field and pick `option` from its list."""
    form.locator("#desk-speaker-input").fill(typed)
    form.get_by_role("option", name=option).click()
