"""A short title for a suggestion, as an editor would write it on the statement.

Headline style, cut from the sentence itself: the attribution ("…, Mr X said",
"He told the BBC:") and the reporter's lead-ins go, the statement's main clause stays,
cut at a natural break to a few words, with no trailing punctuation and a capital first
letter. "200 university places will be created to enable graduates to convert" becomes
"200 university places to be created".
"""

import re

from .sentences import Sentence

MAX_WORDS = 9

# Whom it was told to, up to a "that" ("told a news conference on Monday that"), else a name ("the
# BBC", "BBC One's Breakfast with Frost programme") or an audience ("reporters", "Labour members").
_NAME = r"[A-Z][\w’'.-]*(?: [A-Z0-9][\w’'.-]*)*"
_TOLD = (
    r"told (?:[^:\"“]{1,60}? )?that|"
    r"told (?:(?:the|his|her|their) )?(?:\w+ )?(?:reporters|journalists|delegates|activists|supporters|members|"
    r"voters|MPs|peers)\b|"
    r"told the (?:conference|newspaper|paper|programme|House)|"
    rf"told (?:the )?{_NAME}(?: (?:with|of|and|in|at) {_NAME})*(?: (?:programme|newspaper|magazine|website|show))?"
)
_LEADING_FRAME = re.compile(
    r"^(?:(?:But|And|However|Now|Instead|Meanwhile|Also|So|Yet|Earlier|Later)\b,?\s+)?"
    r"(?:[^\"“]{0,100}?\b(?:said|says|" + _TOLD + r"|added|argued|argues|insisted|insists|claimed|claims|"
    r"warned|warns|believes|thinks|stressed|announced|explained|suggested|predicted|pledged|promised|vowed|"
    r"accused [^,\"“]{0,30}? of|branded|called)\b(?: that)?:?\s+)",
)
# "Under the package, new mothers would…", "In the meantime, we will…": when and under what, not what.
# What follows must begin a clause ("Under the plans, unveiled in May, …" goes on with the phrase).
_TIME = r"(?:week|weekend|month|year|morning|afternoon|evening|spring|summer|autumn|winter|time)"
_OPENING = re.compile(
    r"^(?:(?:Under|In|At|On|From|During|Since|Following|After|Before|Over|Within|For instance|For example|Indeed|"
    r"Earlier|Later|Meanwhile|Now|Today|Yesterday|Separately|Elsewhere|Of course)\b[^,\"“]{0,40}|"
    rf"(?:Last|This|Next) {_TIME}|As part of [^,\"“]{{1,60}}), "
    r"(?!(?:which|who|whose|for|and|but|or|they|he|she)\b|[a-z]+(?:ed|ing)\b)"
)
# "It was announced last July that…", "It is understood that…": the reporter's lead-in, without a speaker.
_IMPERSONAL_LEAD = re.compile(
    r"^It (?:is|was|has been|had been) (?:announced|understood|expected|thought|believed|reported|revealed|"
    r"confirmed|claimed|estimated|known)\b[^,\"“]{0,40}? that\s+(?!(?:it|they|he|she|this)\b)|"
    r"^It emerged\b[^,\"“]{0,40}? that\s+(?!(?:it|they|he|she|this)\b)"
)
_PROMISED = r"promised|pledged|vowed"
_PROMISE_LEAD = re.compile(
    r"^(?:[^,\"“]{0,60}?\b(?:has |have |had )?(?:also )?"
    rf"(?:{_PROMISED}|committed (?:itself |himself |herself |themselves )?)(?: to)?\s+)",
)
# "…said prosecutions came first and promised the powers would only be used…": the promise is what follows.
_LATER_PROMISE = re.compile(rf"\b(?:and|but) (?:also )?(?:{_PROMISED})(?: to| that)?\s+")
_TRAILING_FRAME = re.compile(
    r"(?:,\s*|\s+-\s+)"
    r"(?:(?:he|she|they|it|we)\s+(?:said|added|says|argued|argues|claimed|claims|warned|insisted|went on|"
    r"told [^,.\"“”]{1,40})|"
    r"(?:said|says|added|argued|argues|claimed|warned|insisted)\s+(?:[\w’'-]+\s+){0,3}[A-Z][\w’'-]+|"
    r"according to [^,.]{1,60}|"
    r"[^,.\"“”]{1,80}\b(?:has|have|had)?\s*(?:said|says|added|argued|argues|claimed|claims|warned|announced|"
    r"insisted|revealed|confirmed|asked))\s*[.!?]?\s*$",
    re.IGNORECASE,
)
# A comma is a break, but not inside a number ("104,000") or a list of words ("legal, emotional and practical").
_BREAKS = re.compile(
    r"(?:(?<!\d),|,(?!\d))(?! [\w’'-]+(?:, [\w’'-]+)* (?:and|or) )|;|:| - | – | — | \(|"
    r"\bbecause\b|\bwhich\b|\bwho\b|\bwhile\b|\bwhere\b|\bafter\b|\bbefore\b|\bdespite\b|"
    r"\bbut\b|\bso that\b|\bin order to\b|\bto enable\b|\bto help\b|\bto allow\b|\bif\b|\bunless\b|\bwith\b|"
    r"\band\b|\bby\b|\bas\b|\bthan\b"
)
# "Sir Roger Singleton, chief adviser on the safety of children, will report…": the name and what
# it does, without the apposition between commas.
# Not an opening phrase ("Next Tuesday, …"), a list of names ("X, Y and Z, …"), a clause ("X, is …")
# or a second clause ("…, and Labour will…").
_APPOSITION = re.compile(
    r"^(?!(?:Like|Unlike|In|At|For|With|By|On|Under|After|Before|As|But|And|However|Meanwhile|Instead|If|When|"
    r"While|Although|Since|Despite|Next|Last|This|That|To|Today|Yesterday|What|Where|Why|How|Speaking|Asked|"
    r"Earlier|Later|Now|So|Yet|Also)\b)((?:[A-Z][\w’'.-]*\s){1,4}[A-Z][\w’'-]*), "
    r"(?!(?:is|was|are|were|has|had|have|will|would|can|could|may|might|said|says|believes|thinks|maybe|perhaps)\b)"
    r"(?![^,]*\band [A-Z])[^,]{3,90}, (?!(?:and|but|or|while|so|yet)\b)(?=[a-z])"
)
# "will be created" is "to be created" in a headline; "would be a good way" is no passive and stays.
# A participle, not an adjective that looks like one ("prepared to", "open to", "concerned").
_FEELINGS = (
    r"prepared|interested|concerned|pleased|delighted|worried|disappointed|surprised|determined|committed|involved"
)
_WILL_BE = re.compile(
    r"\b(?:will|would|is to|are to|is going to|are going to) be(?= \"?(?!(?:" + _FEELINGS + r")\b)"
    r"(?:\w+ed|\w*(?:taken|given|chosen|driven|written|broken|spoken|frozen|beaten|drawn|grown|seen|shown|known|"
    r"thrown)|made|built|set|held|paid|put|cut|spent|kept|brought|sent|run|met|done|sold|found|taught|left|told|"
    r"lost|won|bought)\b)"
)
_THAT = re.compile(r"\bthat\b")
_RELATIVE_CLAUSE = re.compile(r", (?:which|who|whose) [^,;:\"“”]{3,120}, (?=[a-z])")  # the main verb follows
_IT_BEFORE = re.compile(r"\b[Ii]t $")
_LIST_BEFORE = re.compile(r", [\w’'-]+ $")
_DANGLING = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "than",
    "that",
    "the",
    "their",
    "its",
    "his",
    "her",
    "our",
    "to",
    "was",
    "were",
    "will",
    "would",
    "with",
    "is",
    "are",
    "be",
    "has",
    "have",
    "had",
    "not",
    "could",
    "should",
    "can",
    "might",
    "must",
    "been",
    "being",
    "who",
    "which",
    "when",
}


def title_for(body: str, sentence: Sentence, kind: str) -> str:
    """A title of a few words for the statement in `sentence`."""
    text = _statement_text(body, sentence)
    head, tail = text[:-120], text[-120:]
    text = _without_opening(head + _TRAILING_FRAME.sub("", tail))
    promise_lead = 0
    if kind == "pledge":
        text, promise_lead = _PROMISE_LEAD.subn("", text, count=1)
        if not promise_lead and (later := _LATER_PROMISE.search(text)) and len(text[later.end() :].split()) >= 3:
            text = text[later.end() :]
    # After "X pledged to", the promise itself begins: a second promise verb in it is no attribution.
    stripped = text if promise_lead else _LEADING_FRAME.sub("", text, count=1)
    if len(stripped.split()) >= 3:
        text = stripped
    text = _without_opening(text)
    if apposition := _APPOSITION.match(text):
        name = apposition.group(1)
        text = f"{name} {text[apposition.end() :]}"
        # The name's own attribution goes too ("X, leader of Y, said: …"), not a "said" further on.
        frame = _LEADING_FRAME.match(text)
        if frame and "," not in text[len(name) : frame.end()] and len(text[frame.end() :].split()) >= 3:
            text = text[frame.end() :]
    # "The proposals, which would be brought in if…, would not apply…": the clause between commas goes.
    if (relative := _RELATIVE_CLAUSE.search(text)) and len(text[relative.end() :].split()) >= 3:
        text = text[: relative.start()] + " " + text[relative.end() :]
    passive = _WILL_BE.search(text) if kind == "pledge" else None
    # Not inside "expected that it will be …", nor an impersonal "it is to be hoped".
    if passive and not _THAT.search(text, 0, passive.start()) and not _IT_BEFORE.search(text, 0, passive.start()):
        text = text[: passive.start()] + "to be" + text[passive.end() :]
    text = _cut(text)
    return _tidy(text)


def _without_opening(text: str) -> str:
    """The text without the reporter's impersonal lead-in and opening phrases, if enough is left."""
    for lead in (_IMPERSONAL_LEAD, _OPENING, _OPENING):
        rest = lead.sub("", text, count=1)
        if len(rest.split()) >= 4:
            text = rest
    return text


def _statement_text(body: str, sentence: Sentence) -> str:
    """The quoted words when they make most of the sentence, else the whole sentence, on one line."""
    quoted = [body[a:b] for a, b in sentence.quoted if len(body[a:b].split()) >= 4]
    most = quoted and sentence.quoted_share(body) > 0.6
    text = " ".join(quoted) if most else body[sentence.start : sentence.end]
    return " ".join(text.replace("“", '"').replace("”", '"').split()).strip(" \"'")


def _cut(text: str) -> str:
    words = text.split()
    if len(words) <= MAX_WORDS:
        return text
    for match in _BREAKS.finditer(text):
        head = text[: match.start()]
        if match.group() in ("and", "or") and _LIST_BEFORE.search(head):
            continue  # the end of a list of words, not of a clause
        if 3 <= len(head.split()) <= MAX_WORDS + 2:
            return head
    # With no natural break, a clause a little over the length stays whole: cut at a word count, a
    # criticism loses its verdict ("The way the council ran the libraries was [a disgrace]").
    if len(words) <= MAX_WORDS + 2:
        return text
    return " ".join(words[:MAX_WORDS])


def _tidy(text: str) -> str:
    words = text.replace('"', "").split()
    while len(words) > 2 and words[-1].lower().strip(",.;:") in _DANGLING:
        words.pop()
    text = " ".join(words).rstrip(" ,.;:!?-–—'’")
    return text[:1].upper() + text[1:]
