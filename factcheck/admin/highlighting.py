"""The article body as the desk sees it: escaped paragraphs with every statement highlighted.

Each run of text is wrapped in a span carrying its offset in `Article.body`, so the
tagging script can turn a mouse selection back into exact body offsets whatever
markup (links, paragraphs) surrounds it.
"""

import itertools
import re
from collections.abc import Sequence

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from ..models import Statement

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: text between blank lines, never empty."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(body):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(body):
        spans.append((start, len(body)))
    return spans


def _segment(body: str, start: int, end: int, covering: Sequence[Statement]) -> SafeString:
    text = format_html('<span data-offset="{}">{}</span>', start, body[start:end])
    if not covering:
        return text
    # Overlapping statements share the run; the link goes to the narrowest one.
    target = min(covering, key=lambda s: (s.end - s.start, s.pk))
    kinds = sorted({s.kind for s in covering})
    classes = " ".join(["desk-stmt", *(f"desk-stmt-{kind}" for kind in kinds)])
    starts_here = [s for s in covering if s.start == start]
    label = " + ".join(s.get_kind_display() for s in starts_here)
    title = "; ".join(f"{s.get_kind_display()}: {s.title} ({s.speaker})" for s in covering)
    return format_html(
        '<a class="{}{}" href="{}" title="{}" data-kind-label="{}" draggable="false">{}</a>',
        classes,
        " desk-stmt-start" if starts_here else "",
        reverse("admin:factcheck_statement_change", args=[target.pk]),
        title,
        label,
        text,
    )


def highlighted_body(body: str, statements: Sequence[Statement]) -> SafeString:
    """Paragraphs of escaped text, statements as links to their admin pages; offsets on every run."""
    parts = []
    for para_start, para_end in paragraphs(body):
        cuts = {para_start, para_end}
        for statement in statements:
            for offset in (statement.start, statement.end):
                if para_start < offset < para_end:
                    cuts.add(offset)
        ordered = sorted(cuts)
        runs = [
            _segment(body, a, b, [s for s in statements if s.start < b and s.end > a])
            for a, b in itertools.pairwise(ordered)
        ]
        # Safe: every run came from format_html, which escaped the article's text.
        parts.append(format_html("<p>{}</p>", mark_safe("".join(runs))))
    # Safe: each paragraph was built by format_html above.
    return mark_safe("".join(parts))
