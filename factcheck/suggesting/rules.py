"""Statements the models are not taught: forms the labelled articles hold too few of to learn from.

A speaker's own "We will cut class sizes…" is the annotation guide's first example of a pledge, yet
under ten of the labelled sentences have that form, so the models give it no weight; the items of a
list of proposals rarely say "will". And the reporter's own words for a commitment ("repeated his
pledge not to…", "promised an upper limit on…") or an attack ("questioned the effectiveness of…")
are too varied for a few hundred sentences to weigh: those rules apply only where the models
suggest neither kind. Each rule reads one sentence and says why it is a statement, or nothing.
"""

import re

from .attribution import Attribution
from .sentences import Sentence

# What a government, party or body undertakes to do, in the form that follows "we will".
_ACTIONS = [
    "abolish",
    "appoint",
    "ban",
    "boost",
    "bring",
    "build",
    "cap",
    "close",
    "create",
    "cut",
    "deliver",
    "double",
    "ensure",
    "extend",
    "freeze",
    "fund",
    "guarantee",
    "halve",
    "hire",
    "hold",
    "increase",
    "introduce",
    "invest",
    "keep",
    "launch",
    "legislate",
    "limit",
    "lower",
    "offer",
    "open",
    "pay",
    "protect",
    "provide",
    "publish",
    "recruit",
    "reduce",
    "reform",
    "replace",
    "require",
    "restore",
    "review",
    "scrap",
    "set",
    "spend",
    "start",
    "stop",
    "strengthen",
    "tackle",
    "train",
]
# Three verbs say something else in a set phrase: "we will end up…", "I'll give you an example", "I will
# raise this with the minister".
_GUARDED = [r"end(?! up\b)", r"give(?! you\b)", r"raise(?! (?:this|that|it|the (?:issue|matter|question))\b)"]
_OWN_PROMISE = re.compile(
    r"\b(?:we|i)(?: will|'ll|’ll| shall| won't| won’t)(?: (?:also|now|then|immediately|not|never))?"
    r" (?:" + "|".join(_ACTIONS + _GUARDED) + r")\b",
    re.IGNORECASE,
)
# The speaker must be found by the sentence itself or the quotation it goes on with (a name, a
# pronoun, a role), not assumed from the sentences around it.
_NAMED = ("named", "pronoun", "role", "quotation goes on")
_OWN_FRAME = ("named", "pronoun", "role")  # the sentence's own "X said", not a quotation going on


# The reporter's words for a commitment to act: "has pledged to oppose the bill", "repeated his pledge not
# to do deals", "stressed his party's commitment to cut taxes", "is committed to ensuring…". What follows
# "to" must be an action ("a commitment to public service" is none).
_REPORTED_COMMITMENT = re.compile(
    r"\b(?:promised|pledged|vowed|pledges?|promises?|commitments?|committed)(?: itself| themselves)? (?:not )?to "
    r"([a-z]+)\b",
    re.IGNORECASE,
)
_COMMITTED_ACTIONS = set(_ACTIONS) | {
    "act", "assess", "campaign", "consider", "continue", "do", "examine", "fight", "focus", "get", "give", "help",
    "hail", "improve", "look", "maintain", "make", "match", "oppose", "press", "push", "put", "raise", "repeal",
    "return", "seek", "study", "support", "take", "vote", "work",
}  # fmt: skip
# …unless it is a commitment broken, dropped or past: that is a criticism's matter, or history.
_NOT_KEPT = re.compile(
    r"\b(?:broken|broke|breaking|break|abandon\w*|ditch\w*|dropp\w*|scrapp\w*|u-turn\w*|betray\w*|failed|"
    r"failure|previous|earlier|back(?:ed|ing)? down|renege\w*|went back|gone back)\b",
    re.IGNORECASE,
)


# Not "have been accused", "was promised", "is expected to be questioned", "after MPs criticised…".
_NOT_ACTIVE = re.compile(
    r"\b(?:been|being|be|was|were|is|are|after|when|as|who|which|that)\s+(?:\w+\s+)?$", re.IGNORECASE
)
# The verb itself, whatever it promises: "promised an upper limit on…", "pledged cleaner hospitals".
_PROMISING = re.compile(r"\b(?:promised|pledged|vowed|promising|pledging|vowing)\b", re.IGNORECASE)
_WHAT_BEFORE = re.compile(r"\bwhat\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_OBJECT_AFTER = re.compile(r"\s+[\w\"“£$€]")


def reported_commitment(body: str, sentence: Sentence) -> str:
    """Why a sentence the models leave out is a pledge in the reporter's words ("" if it is not)."""
    text = body[sentence.start : sentence.end]
    if _NOT_KEPT.search(text):
        return ""
    for match in _REPORTED_COMMITMENT.finditer(text):
        action = match.group(1).lower()
        if action in _COMMITTED_ACTIONS or (len(action) > 5 and action.endswith("ing")):
            return "Pledge: a commitment to act, in the reporter's words (“pledged to …”, “committed to …”)"
    for match in _PROMISING.finditer(text):
        before, after = text[: match.start()], text[match.end() :]
        # Someone promises something: not "what they promised", nor "the bonfire New Labour had promised, …".
        if (
            before.strip(' "“')
            and not _NOT_ACTIVE.search(before)
            and not _WHAT_BEFORE.search(before)
            and _OBJECT_AFTER.match(after)
        ):
            return "Pledge: a promise, in the reporter's words (“promised …”, “pledged …”)"
    return ""


# The reporter's words for an attack: "X accused the government of…", "X questioned the effectiveness of…",
# "X warned against the changes", said by the sentence's own speaker in the active voice.
_REPORTED_ATTACK = re.compile(
    r"\b(?:accused|attacked|criticised|criticized|condemned|branded|derided|ridiculed|lambasted|questioned|"
    r"warned against|hit out at)\b(?! of\b)",
    re.IGNORECASE,
)


def reported_attack(body: str, sentence: Sentence, attribution: Attribution) -> str:
    """Why a sentence the models leave out is a criticism in the reporter's words ("" if it is not)."""
    if attribution.how not in _OWN_FRAME:
        return ""
    for match in _REPORTED_ATTACK.finditer(body, sentence.start, sentence.end):
        before = body[sentence.start : match.start()]
        # Someone does the attacking ("Questioned about the disaster, he said…" has no one before the verb).
        if before.strip(' "“') and not _NOT_ACTIVE.search(before):
            return "Criticism: an attack in the reporter's words (“accused … of”, “questioned …”)"
    return ""


# A denial is a defence, not a statement to check: "X denied the party was trying to hide Mr Blair",
# "Mr Clarke dismissed the latest Tory attack" (but "dismissed the Conservatives as…" attacks them).
_DENIAL = re.compile(
    r"\b(?:denied|denies|deny|denying|dismissed|dismisses|dismissing|rejected|rejects|rejecting|rebuffed|"
    r"played down|brushed (?:off|aside))\b",
    re.IGNORECASE,
)
_DISMISSED_AS = re.compile(r"\bdismiss(?:ed|es|ing) [^,.;:]{1,60}? as\b", re.IGNORECASE)


def is_a_denial(body: str, sentence: Sentence) -> bool:
    """Whether the sentence reports a denial or a dismissal in the reporter's words (not in a quotation)."""
    for start, end in sentence.narrative:
        text = body[start:end]
        if _DENIAL.search(text) and not _DISMISSED_AS.search(text) and not _REPORTED_ATTACK.search(text):
            return True
    return False


# A list's introduction that says its items are plans: "Other plans include:", "The measures are:".
PROPOSALS_INTRO = re.compile(
    r"\b(?:plans?|proposals?|measures|pledges?|promises|commitments|manifesto|policies|reforms|package)\b",
    re.IGNORECASE,
)


def pledge_by_rule(
    body: str, sentence: Sentence, attribution: Attribution, *, future: bool, under_proposals: bool = False
) -> str:
    """Why the sentence is a pledge whatever the models score ("" if no rule says so). `under_proposals`:
    the list the sentence is an item of was introduced as plans (PROPOSALS_INTRO)."""
    if sentence.in_list and future:
        return "Pledge: an item in a list of proposals (introduced by a line ending with a colon)"
    if sentence.in_list and under_proposals:
        return "Pledge: an item in a list introduced as plans or proposals"
    if attribution.how in _NAMED and any(_OWN_PROMISE.search(body, start, end) for start, end in sentence.quoted):
        return "Pledge: a promise in the speaker's own words (“we will …” and an action)"
    return ""
