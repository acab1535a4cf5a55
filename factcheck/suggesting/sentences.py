"""Split an article's body into sentences, and tell quoted speech from the reporter's words.

News copy quotes in its own way: a quotation may run over several sentences and
paragraphs, and a text that lost its paragraph breaks (as many plain-text copies have)
shows a new paragraph of the same quotation only as a fresh opening mark with no
closing mark before it. Each sentence notes which parts are quoted and whether it
carries on a quotation begun earlier, so that attribution can follow the speaker.
"""

import re
from dataclasses import dataclass

# Where a sentence ends: end punctuation (and any closing quotes or brackets), space, then
# what can start a sentence. Abbreviations and initials are excluded below.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9£$€])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Prof|Rev|Gen|Col|Capt|Lt|Sgt|Gov|Sen|Rep|No|Nos|Co|Corp|Inc|Ltd|vs|etc|approx|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|i\.e|e\.g)|\b[A-Z])\.\s+$"
)
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
# A list item's marker in plain text ("* ", "- ", "• ", "2. "); also what the public page leaves out before a quote.
BULLET = re.compile(r"[ \t]*(?:[*•·‣◦\-–—]|\d{1,2}[.)])\s+")  # indented items too (" - Extending …")
_QUOTE_MARK = re.compile(r'["“”]')
_OPENING_CONTEXT = set("([{—–-:/") | {""}
_CLOSING_CONTEXT = set(".,;:!?)]}—–-'’…") | {""}


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the body, by offsets, with what is quoted in it."""

    start: int
    end: int
    paragraph: int  # the index of its paragraph (or list item)
    quoted: tuple[tuple[int, int], ...]  # spans of quoted speech inside it
    carries_quote: bool  # it goes on with a quotation opened in an earlier sentence
    in_list: bool  # an item of a bulleted list introduced by a line ending with a colon

    @property
    def narrative(self) -> list[tuple[int, int]]:
        """The spans of the sentence outside quotation marks: the reporter's own words."""
        parts, cursor = [], self.start
        for start, end in self.quoted:
            if start > cursor:
                parts.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < self.end:
            parts.append((cursor, self.end))
        return parts

    def quoted_share(self, body: str) -> float:
        """How much of the sentence is inside quotation marks, from 0 to 1."""
        length = self.end - self.start
        return sum(b - a for a, b in self.quoted) / length if length else 0.0


def read_sentences(body: str) -> list[Sentence]:
    """The body's sentences in reading order, each trimmed of surrounding white space."""
    sentences: list[Sentence] = []
    still_open = False  # a quotation left open at the end of the previous paragraph
    after_colon = False
    for index, (start, text) in enumerate(_blocks(body)):
        bullet = BULLET.match(text)
        if bullet:
            start, text = start + bullet.end(), text[bullet.end() :]
        in_list = bool(bullet) and after_colon
        if not bullet:
            after_colon = text.rstrip().endswith(":")
        regions, still_open = _quotations(text, start, still_open)
        for sent_start, sent_end in _sentence_spans(text, start):
            inside = [r for r in regions if r.start < sent_end and r.end > sent_start]
            quoted = tuple((max(r.start, sent_start), min(r.end, sent_end)) for r in inside)
            first = inside[0] if inside else None
            carries = first is not None and (
                first.start < sent_start or (first.continued and first.start <= sent_start + 1)
            )
            sentences.append(Sentence(sent_start, sent_end, index, quoted, carries, in_list))
    return sentences


@dataclass(frozen=True, slots=True)
class _Region:
    start: int
    end: int
    continued: bool  # it goes on with the quotation before it (same speaker)


def _quotations(text: str, offset: int, still_open: bool) -> tuple[list[_Region], bool]:
    """Quoted spans in one paragraph, and whether a quotation is left open at its end.

    A straight quote mark opens when it follows a space (or the start, or an opening
    bracket or dash) and is followed by a word; otherwise it closes. An opening mark met
    while a quotation is open starts a new paragraph of the same quotation.
    """
    regions: list[_Region] = []
    opened: int | None = None
    continued = False
    if still_open and not text.lstrip().startswith(('"', "“")):
        opened, continued = 0, True  # the quotation runs on without a fresh opening mark
    for mark in _QUOTE_MARK.finditer(text):
        index, char = mark.start(), mark.group()
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if char == "“":
            opens = True
        elif char == "”":
            opens = False
        elif before.isspace() or before in _OPENING_CONTEXT:
            opens = not (after.isspace() or after == "")
        elif after.isspace() or after in _CLOSING_CONTEXT:
            opens = False
        else:
            opens = opened is None
        if opens:
            if opened is not None:
                regions.append(_Region(offset + opened, offset + index, continued))
                continued = True
            elif not regions and still_open and not text[:index].strip():
                continued = True
            else:
                continued = False
            opened = index + 1
        elif opened is not None:
            regions.append(_Region(offset + opened, offset + index, continued))
            opened = None
    if opened is not None:
        regions.append(_Region(offset + opened, offset + len(text), continued))
    return [r for r in regions if r.end > r.start], opened is not None


def _sentence_spans(text: str, offset: int) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        if _ABBREVIATION.search(text, max(0, boundary.start() - 8), boundary.end()):
            continue
        end = boundary.start() + len(boundary.group().rstrip())
        spans.append((start, end))
        start = boundary.end()
    spans.append((start, len(text.rstrip())))
    return [(offset + a, offset + b) for a, b in spans if b > a]


def _blocks(body: str) -> list[tuple[int, str]]:
    """Paragraphs (which may be hard-wrapped over several lines), with each line of a list on its own."""
    blocks = []
    for paragraph in _PARAGRAPH.finditer(body):
        lines = list(_LINE.finditer(paragraph.group()))
        if len(lines) > 1 and any(BULLET.match(line.group()) for line in lines):
            blocks += [(paragraph.start() + line.start(), line.group()) for line in lines]
        else:
            blocks.append((paragraph.start(), paragraph.group()))
    return blocks
