"""Turn imported article text into safe HTML: a quote in its context, a body with its statements marked.

Article text is data, never markup: every piece is escaped here and only the tags this
module writes itself are trusted.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .models import Statement
from .suggesting.sentences import BULLET

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")
WHITESPACE = re.compile(r"\s+")
CONTEXT_LIMIT = 400


def statement_anchor(statement: Statement) -> str:
    """The id of a statement's place in its article's page."""
    return f"statement-{statement.slug}"


ELLIPSIS = "…"


@dataclass(frozen=True)
class QuoteInContext:
    """The quote and the article's own text on either side, to be printed with nothing in between.

    `before` and `after` keep every character that stands next to the quote in the article
    (a space, a quote mark, a full stop, or nothing), so the page adds and loses no space;
    an ellipsis marks where the rest of the paragraph was left out.
    """

    before: str
    quote: str
    after: str


def _paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    breaks_before = [m.end() for m in PARAGRAPH_BREAK.finditer(body, 0, start)]
    first = breaks_before[-1] if breaks_before else 0
    following = PARAGRAPH_BREAK.search(body, end)
    return first, following.start() if following else len(body)


def quote_in_context(body: str, start: int, end: int) -> QuoteInContext:
    """The quote with the sentence before and after it, within its paragraph (within its line, for a
    list item: the other items are other statements, not what was said around it)."""
    outer_start, outer_end = para_start, para_end = _paragraph_bounds(body, start, end)
    line_break = body.rfind("\n", para_start, start)
    bullet = BULLET.match(body, line_break + 1 if line_break >= 0 else para_start)
    if bullet and bullet.end() <= start:
        line_end = body.find("\n", end, para_end)
        para_start, para_end = bullet.end(), line_end if line_end >= 0 else para_end
    sentence_starts = [m.end() for m in SENTENCE_END.finditer(body, para_start, start)]
    # The sentence before the quote: skip back over one sentence boundary if there is one.
    before_start = sentence_starts[-2] if len(sentence_starts) >= 2 else para_start
    if start - before_start > CONTEXT_LIMIT:
        before_start = _next_word_start(body, start - CONTEXT_LIMIT, start)
    following_end = SENTENCE_END.search(body, end, para_end)
    after_end = following_end.end() if following_end else para_end
    # A quote that ends its sentence, all but the full stop or quote mark, is followed by the next sentence.
    if following_end and not any(c.isalnum() for c in body[end:after_end]):
        second = SENTENCE_END.search(body, following_end.end(), para_end)
        after_end = second.end() if second else para_end
    if after_end - end > CONTEXT_LIMIT:
        after_end = _last_word_end(body, end, end + CONTEXT_LIMIT)
    before = body[before_start:start].lstrip()
    if BULLET.fullmatch(before):  # a list item's bullet, not words said before the quote
        before = ""
    after = body[end:after_end].rstrip()
    if BULLET.sub("", body[outer_start:before_start]).strip():
        before = ELLIPSIS + (" " if body[before_start - 1].isspace() else "") + before
    if body[after_end:outer_end].strip():
        after += (" " if body[after_end].isspace() or body[after_end - 1].isspace() else "") + ELLIPSIS
    return QuoteInContext(before=before, quote=body[start:end], after=after)


def _next_word_start(body: str, position: int, limit: int) -> int:
    """The start of the first whole word at or after `position` (before `limit`): no half word is shown."""
    if position == 0 or body[position - 1].isspace():
        return position
    space = WHITESPACE.search(body, position, limit)
    return space.end() if space else position


def _last_word_end(body: str, start: int, position: int) -> int:
    """The end of the last whole word at or before `position` (after `start`)."""
    if position >= len(body) or body[position].isspace():
        return position
    spaces = [m.start() for m in WHITESPACE.finditer(body, start, position)]
    return spaces[-1] if spaces else position


def _text(value: str) -> str:
    """Escaped text with single line breaks kept."""
    return "<br>".join(conditional_escape(line) for line in value.split("\n"))


def marked_body(body: str, statements: Sequence[Statement]) -> SafeString:
    """The body as paragraphs, each public statement in a <mark> linked to its page.

    Statements may overlap (the same words tagged as a pledge and as a criticism). The
    body is cut at every statement boundary; a piece inside several statements links to
    the shortest of them. Each statement gets an anchor where it starts and a label with
    its kind and rating where it ends, so the marking does not rely on colour.
    """
    spans = sorted(
        (s for s in statements if 0 <= s.start < s.end <= len(body)), key=lambda s: (s.start, s.end - s.start)
    )
    paragraphs = []
    offset = 0
    for chunk in PARAGRAPH_BREAK.split(body):
        chunk_start = body.index(chunk, offset) if chunk else offset
        chunk_end = chunk_start + len(chunk)
        offset = chunk_end
        if chunk.strip():
            paragraphs.append(_paragraph(body, chunk_start, chunk_end, spans))
    # mark_safe: every paragraph was built by _paragraph from format_html and escaped text.
    return mark_safe("\n".join(paragraphs))


def _paragraph(body: str, start: int, end: int, spans: Sequence[Statement]) -> str:
    inside = [s for s in spans if s.start < end and s.end > start]
    cuts = sorted({start, end, *(max(s.start, start) for s in inside), *(min(s.end, end) for s in inside)})
    html = []
    for piece_start, piece_end in pairwise(cuts):
        html.extend(
            format_html('<span class="anchor" id="{}"></span>', statement_anchor(s))
            for s in inside
            if s.start == piece_start
        )
        covering = [s for s in inside if s.start <= piece_start and s.end >= piece_end]
        text = _text(body[piece_start:piece_end])
        if covering:
            target = min(covering, key=lambda s: s.end - s.start)
            html.append(
                format_html(
                    '<mark class="statement-mark statement-mark-{}"><a href="{}">{}</a></mark>',
                    target.kind,
                    target.get_absolute_url(),
                    mark_safe(text),  # _text escaped it; marking it again would double-escape.
                )
            )
        else:
            html.append(text)
        html.extend(
            format_html(
                ' <a class="inline-verdict" href="{}">{} · {}</a>',
                s.get_absolute_url(),
                s.get_kind_display(),
                s.scale.step(s.current_rating).label,
            )
            for s in inside
            if s.end == piece_end
        )
    return "<p>" + "".join(html) + "</p>"
