"""Spot candidate statements in an article's body, for editors to accept or dismiss.

A cheap, explainable first pass, not a judgement: sentences that commit to future
action or money become pledge candidates, attributed to the nearest named speaker;
quoted reactions by a named critic or opponent become criticism candidates. Every
rule is about how English news copy is written (speech verbs, quotation marks,
honorifics), never about particular articles. `suggestion_report` measures it.
"""

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from ..scales import Kind

# Each long alternation below starts with a lookahead for its alternatives' first letters: it
# matches exactly the same text, and rejects most positions before trying every alternative.

# Commitments: future auxiliaries and verbs of promising.
PLEDGE_CUE = re.compile(
    r"\b(?=[wsiapvcg])(will|shall|won[’']t|(?:is|are) (?:set |due )?to|plans? to|planned to|pledge[sd]?|"
    r"promis(?:e|es|ed)|vow(?:s|ed)?|commit(?:s|ted)? to|intends? to|going to)\b",
    re.IGNORECASE,
)
MONEY = re.compile(r"[£$€]\s?\d[\d,.]*\s?(?:m|bn|k|million|billion)?\b", re.IGNORECASE)
FUNDING_VERB = re.compile(
    r"\b(?=[sifpae])(spen[dt]|invest\w*|fund\w*|put into|allocat\w*|earmark\w*|provid\w*)\b", re.IGNORECASE
)

SPEECH_VERB = re.compile(
    r"\b(?=[abcdeimoprstuvw])(said|says|added|adds|told|tells|warned|warns|announced|announces|promised|pledged|insisted|argued|"
    r"claimed|admitted|stressed|explained|declared|vowed|outlined|unveiled|welcomed|criticised|criticized|"
    r"attacked|accused|urged|called|described|branded|dismissed|condemned|responded|replied|wrote|confirmed|"
    r"revealed|suggested|commented|predicted|maintained|conceded|acknowledged|complained|expressed)\b"
)
# How a reaction is introduced when the speaker is criticising.
CRITICAL_VERB = re.compile(
    r"\b(?=[wcadbshri])(warn(?:s|ed)?|criticis(?:e|es|ed)|criticiz(?:e|es|ed)|attack(?:s|ed)?|accus(?:e|es|ed)|condemn(?:s|ed)?|"
    r"dismiss(?:es|ed)?|brand(?:s|ed)?|slam(?:s|med)?|hit out|complain(?:s|ed)?|reject(?:s|ed)?|denounc(?:e|es|ed)|"
    r"respond(?:s|ed|ing)|react(?:s|ed|ing)|in response)\b",
    re.IGNORECASE,
)
# Who is usually an opponent or critic: the opposition and those who hold governments to account.
OPPOSITION = re.compile(
    r"\b(?=(?i:[socu])|[CTLSGPRD])((?i:shadow|opposition|critics?|campaigners?|unions?)|Conservatives?|Tory|Tories|"
    r"Labour|Liberal Democrats?|Lib Dems?|SNP|Greens?|Plaid|Reform|Democrats?|Republicans?)\b"
)

HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Baroness", "Baron", "Professor", "Cllr"}
_SURNAME_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Professor", "Cllr"}
# Capitalised words that name institutions, roles, places or times rather than people.
NOT_NAMES = {
    "Act",
    "Agency",
    "Association",
    "Authority",
    "Bank",
    "Bill",
    "Board",
    "Centre",
    "Chancellor",
    "Chief",
    "College",
    "Commission",
    "Committee",
    "Company",
    "Council",
    "Court",
    "Department",
    "Government",
    "Group",
    "Health",
    "Home",
    "Hospital",
    "House",
    "Minister",
    "Ministry",
    "News",
    "Office",
    "Parliament",
    "Party",
    "Police",
    "Post",
    "President",
    "Prime",
    "Report",
    "Review",
    "Reviews",
    "Road",
    "School",
    "Secretary",
    "Service",
    "Services",
    "Shadow",
    "Spokesman",
    "Spokeswoman",
    "Square",
    "Street",
    "System",
    "Times",
    "Trust",
    "Union",
    "University",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
}
# Words that start sentences or clauses and are capitalised only for that reason.
FUNCTION_WORDS = {
    "A",
    "After",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "By",
    "For",
    "From",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Meanwhile",
    "On",
    "Or",
    "She",
    "So",
    "That",
    "The",
    "Their",
    "These",
    "They",
    "This",
    "Those",
    "To",
    "Under",
    "We",
    "When",
    "While",
    "With",
    "Yesterday",
    "Today",
}

_TOKEN = r"[A-Z][\w’'-]*[a-z](?:[’']s?)?"
_RUN = re.compile(rf"{_TOKEN}(?: {_TOKEN})*")
_PRONOUN = re.compile(r"\b(he|she|He|She)\b")
_BULLET = re.compile(r"[*•\-–—]\s+|\d{1,2}[.)]\s+")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9£$€])")
_QUOTE_MARK = re.compile(r'["“”]')
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
_POSSESSIVE = re.compile(r"[’']s?$")
_WORD = re.compile(r"\w+")
_MIN_SPEECH_WORDS = 4


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    quote: str
    speaker_name: str
    reason: str


@dataclass(frozen=True)
class _Mention:
    name: str
    start: int
    end: int


class _Sentence(NamedTuple):  # a tuple: built for every sentence, it must be cheap to make
    start: int
    end: int
    regions: list[tuple[int, int]]  # quoted speech inside the sentence
    narrative: list[tuple[int, int]]  # the reporter's words around it
    continues_quote: bool
    in_list: bool
    speaker: str  # whom a speech verb here attributes the sentence to, if any


def suggest_statements(body: str) -> list[Candidate]:
    """Candidate pledges and criticisms in `body`, in reading order, with exact offsets."""
    mentions = _people(body)
    main_speaker = _main_speaker(mentions)
    opponents = _opponents(body, mentions) - {main_speaker}
    sentences = _read_sentences(body, mentions)
    nearest_speakers = _nearest_speakers(sentences)
    candidates: list[Candidate] = []
    seen: set[tuple[int, int]] = set()
    quote_speaker, quote_is_critical = "", False
    for index, sentence in enumerate(sentences):
        if not sentence.regions:
            span = _trim(body, sentence.start, sentence.end)
            speaker = sentence.speaker or nearest_speakers[index] or _nearest(mentions, sentence.start)
            candidate = span and _classify_narrative(body, span, speaker, sentence.in_list)
            if candidate and span not in seen:
                seen.add(span)
                candidates.append(candidate)
            continue
        if sentence.speaker or not sentence.continues_quote:
            # A new quotation: its speaker is named here, or is the person last heard from.
            quote_speaker = sentence.speaker or nearest_speakers[index] or _nearest(mentions, sentence.start)
            critical_verb = any(CRITICAL_VERB.search(body, a, b) for a, b in sentence.narrative)
            quote_is_critical = quote_speaker != main_speaker and (quote_speaker in opponents or critical_verb)
        for region_start, region_end in sentence.regions:
            span = _trim(body, region_start, region_end)
            candidate = span and _classify_speech(body, span, quote_speaker, quote_is_critical)
            if candidate and span not in seen:
                seen.add(span)
                candidates.append(candidate)
    return candidates


def _read_sentences(body: str, mentions: list[_Mention]) -> list[_Sentence]:
    """Split the body into sentences, noting quoted speech, list items and who each sentence quotes."""
    sentences: list[_Sentence] = []
    after_colon = False
    last_speaker = ""
    for start, text in _blocks(body):
        bullet = _BULLET.match(text)
        if bullet:
            start, text = start + bullet.end(), text[bullet.end() :]
        in_list = bool(bullet) and after_colon
        if not bullet:
            after_colon = text.rstrip().endswith(":")
        speech = _quoted_regions(text, start)
        for sent_start, sent_end in _sentences(text, start):
            regions, continues = [], False
            if speech:  # most paragraphs quote no one: skip the work
                regions = [
                    (max(a, sent_start), min(b, sent_end))
                    for a, b in speech
                    if a < sent_end and b > sent_start and _has_words(body, max(a, sent_start), min(b, sent_end))
                ]
                continues = any(a <= sent_start + 1 < b for a, b in speech)
            narrative = _outside(sent_start, sent_end, regions)
            speaker = _speaker(body, narrative, sent_start, mentions, last_speaker)
            last_speaker = speaker or last_speaker
            sentences.append(_Sentence(sent_start, sent_end, regions, narrative, continues, in_list, speaker))
    return sentences


def _blocks(body: str) -> list[tuple[int, str]]:
    """Paragraphs (which may be hard-wrapped over several lines), with each line of a list on its own."""
    blocks = []
    for paragraph in _PARAGRAPH.finditer(body):
        lines = list(_LINE.finditer(paragraph.group()))
        if len(lines) > 1 and any(_BULLET.match(line.group()) for line in lines):
            blocks += [(paragraph.start() + line.start(), line.group()) for line in lines]
        else:
            blocks.append((paragraph.start(), paragraph.group()))
    return blocks


def _nearest_speakers(sentences: list[_Sentence]) -> list[str]:
    """For each sentence, the last person quoted or reported before it, else the first one after it."""
    before, last = [], ""
    for sentence in sentences:
        before.append(last)
        last = sentence.speaker or last
    after, following = [], ""
    for sentence in reversed(sentences):
        after.append(following)
        following = sentence.speaker or following
    return [b or a for b, a in zip(before, reversed(after), strict=True)]


def _classify_speech(body: str, span: tuple[int, int], speaker: str, critical: bool) -> Candidate | None:
    quote = body[span[0] : span[1]]
    if critical:
        return Candidate(Kind.CRITICISM, *span, quote, speaker, f"Quoted reaction by a critic ({speaker})")
    if cue := PLEDGE_CUE.search(quote):
        return Candidate(Kind.PLEDGE, *span, quote, speaker, f"Quoted commitment (“{cue.group()}”)")
    return None


def _classify_narrative(body: str, span: tuple[int, int], speaker: str, in_list: bool) -> Candidate | None:
    quote = body[span[0] : span[1]]
    if in_list:
        return Candidate(Kind.PLEDGE, *span, quote, speaker, "Item in a list of proposals")
    if cue := PLEDGE_CUE.search(quote):
        return Candidate(Kind.PLEDGE, *span, quote, speaker, f"Commits to future action (“{cue.group()}”)")
    if (money := MONEY.search(quote)) and FUNDING_VERB.search(quote):
        return Candidate(Kind.PLEDGE, *span, quote, speaker, f"Money to be spent ({money.group().strip()})")
    return None


def _opponents(body: str, mentions: list[_Mention]) -> set[str]:
    """People introduced with an opposition or critic's role ("shadow education secretary Jo Bloggs")."""
    opponents = set()
    for mention in mentions:
        before = body[max(0, mention.start - 80) : mention.start].rsplit("\n", 1)[-1].rsplit(". ", 1)[-1]
        after = body[mention.end : mention.end + 60].split("\n", 1)[0].split(". ", 1)[0]
        if OPPOSITION.search(before) or (after.startswith(",") and OPPOSITION.search(after)):
            opponents.add(mention.name)
    return opponents


def _people(body: str) -> list[_Mention]:
    """Every mention of a named person, resolved to the fullest form of the name seen so far."""
    known: list[str] = []
    mentions = []
    for match in _RUN.finditer(body):
        if " " not in match.group():
            continue  # one capitalised word is never a name (below, names have two to four words)
        tokens = [_POSSESSIVE.sub("", token) for token in match.group().split(" ")]
        offset = match.start() + sum(len(token) + 1 for token in match.group().split(" ")[: _name_start(tokens)])
        tokens = tokens[_name_start(tokens) :]
        if len(tokens) < 2 or len(tokens) > 4 or any(token in NOT_NAMES or token.isupper() for token in tokens):
            continue
        if tokens[0] not in HONORIFICS and any(token in FUNCTION_WORDS for token in tokens):
            continue
        name = _resolve(" ".join(tokens), known)
        mentions.append(_Mention(name, offset, offset + len(" ".join(tokens))))
    return _Mentions(mentions)


def _name_start(tokens: list[str]) -> int:
    """Where a name begins in a run of capitalised words: at an honorific, else after roles and function words."""
    for index, token in enumerate(tokens):
        if token in HONORIFICS and index < len(tokens) - 1:
            return index
    start = 0
    for index, token in enumerate(tokens):
        if token in NOT_NAMES or token in FUNCTION_WORDS:
            start = index + 1
    return max(start, len(tokens) - 3)


def _resolve(name: str, known: list[str]) -> str:
    """Map "Mr Balls" or "Sir Roger" to "Ed Balls" or "Sir Roger Singleton" when the full name came first."""
    parts = name.split(" ")
    for full in reversed(known):
        if parts[0] in _SURNAME_HONORIFICS and len(parts) == 2 and full.split(" ")[-1] == parts[1]:
            return full
        if full.startswith(name + " "):
            return full
    if parts[0] not in _SURNAME_HONORIFICS:
        known.append(name)
    return name


def _main_speaker(mentions: list[_Mention]) -> str:
    counts = Counter(mention.name for mention in mentions)
    return counts.most_common(1)[0][0] if counts else ""


def _speaker(
    body: str, narrative: list[tuple[int, int]], sentence_start: int, mentions: list[_Mention], last_speaker: str
) -> str:
    """The person a speech verb in the sentence's own words (outside quotes) attributes it to."""
    ends = _ends(mentions)
    for part_start, part_end in narrative:
        for verb in SPEECH_VERB.finditer(body, part_start, part_end):
            index = bisect_right(ends, verb.start())
            before = [mentions[index - 1]] if index and mentions[index - 1].start >= sentence_start else []
            pronouns = list(_PRONOUN.finditer(body, sentence_start, verb.start()))
            named = before[-1] if before else None
            pronoun = pronouns[-1] if pronouns else None
            if pronoun and (named is None or pronoun.start() > named.end):
                return last_speaker or _nearest(mentions, pronoun.start(), before_only=True)
            if named:
                return named.name
            # "…, said Mr Balls": the name right after the verb.
            following = mentions[bisect_right(ends, verb.end()) :][:1]
            if following and verb.end() < following[0].start <= min(verb.end() + 2, part_end - 1):
                return following[0].name
    return ""


class _Mentions(list):
    """Mentions in reading order, with their end offsets kept for bisection."""

    def __init__(self, mentions):
        super().__init__(mentions)
        self.ends = [mention.end for mention in mentions]


def _ends(mentions: list[_Mention]) -> list[int]:
    return mentions.ends if isinstance(mentions, _Mentions) else [mention.end for mention in mentions]


def _nearest(mentions: list[_Mention], position: int, *, before_only: bool = False) -> str:
    """The last person named before `position`, else (unless before_only) the first named after it."""
    index = bisect_right(_ends(mentions), position)
    if index:
        return mentions[index - 1].name
    if before_only:
        return ""
    return next((m.name for m in mentions[index:] if m.start >= position), "")


def _quoted_regions(text: str, offset: int) -> list[tuple[int, int]]:
    """Spans inside double quotation marks; a quote left open runs to the end of the paragraph, as in news copy."""
    regions, opened = [], None
    for mark in _QUOTE_MARK.finditer(text):
        index, char = mark.start(), mark.group()
        if opened is None and char in {'"', "“"}:
            opened = index + 1
        elif opened is not None and char in {'"', "”"}:
            regions.append((offset + opened, offset + index))
            opened = None
    if opened is not None:
        regions.append((offset + opened, offset + len(text)))
    return regions


def _sentences(text: str, offset: int) -> list[tuple[int, int]]:
    spans, start = [], 0
    for boundary in _SENTENCE_END.finditer(text):
        end = boundary.end() - (len(boundary.group()) - len(boundary.group().rstrip()))
        spans.append((offset + start, offset + end))
        start = boundary.end()
    spans.append((offset + start, offset + len(text)))
    return spans


def _outside(start: int, end: int, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The parts of [start, end) outside the quoted regions."""
    parts, cursor = [], start
    for region_start, region_end in sorted(regions):
        if region_start > cursor:
            parts.append((cursor, region_start))
        cursor = max(cursor, region_end)
    if cursor < end:
        parts.append((cursor, end))
    return parts


def _trim(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim white space, quotation marks and dangling commas; None if too little is left."""
    strip = ' \t\n"“”,;:–—-'
    while start < end and body[start] in strip:
        start += 1
    while end > start and body[end - 1] in strip:
        end -= 1
    if not _has_words(body, start, end):
        return None
    return start, end


def _has_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds enough words to be a statement; stops counting once it does."""
    return len(list(islice(_WORD.finditer(text, start, end), _MIN_SPEECH_WORDS))) == _MIN_SPEECH_WORDS
