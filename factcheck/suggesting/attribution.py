"""Who says each sentence: quotation attribution as news copy writes it.

A sentence is attributed by a speech verb in the reporter's words ("X said", "said X",
"…, X has said", "X, the shadow chancellor, warned"), the subject being a name, a role
("the home secretary"), a body ("the Tories") or a pronoun ("he" is the last person
spoken of). A quotation with no attribution of its own goes on in the voice of the last
speaker; a sentence in the reporter's words with no speech verb is about its subject.
"""

import re
from dataclasses import dataclass

from .people import BODY, PERSON, Cast, Mention, party_in
from .sentences import Sentence
from .words import PARTIES, ROLE_WORDS, SPEECH_VERBS, verb_forms

VERB_KIND = {form: kind for kind, verbs in SPEECH_VERBS.items() for verb in verbs for form in verb_forms(verb)}
# Lower-case words, with the particle of a phrasal verb ("hit out", "went on"); looked up in VERB_KIND.
_ANY_WORD = re.compile(r"[a-z]+")
# Forms that are nouns as often as verbs, and what follows them when they are nouns.
_NOUN_TOO = {
    "plan",
    "plans",
    "promise",
    "promises",
    "pledge",
    "pledges",
    "claims",
    "calls",
    "fears",
    "hopes",
    "attacks",
}
_USED_AS_NOUN = re.compile(r"[\"”’']?\s+(?:for|of|on|over|is|was|were|are|would|will|has|had|could)\b")
# Verbs that may come before their subject: "…," said Mr Kennedy; "…," argued the minister.
_INVERTS = {form: True for form in VERB_KIND if VERB_KIND[form] in ("say", "assert", "warn", "question", "admit")}
_VERB_WORDS = {form.split(" ")[0] for form in VERB_KIND}
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?: (?:out|back|on))?(?![\w’'-])")
_AUXILIARY_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|are|will|would|also|later|earlier|then|now|again|previously|today|"
    r"yesterday|repeatedly|recently|once|already|still|even|just|has also|have also|had also|"
    r"(?:on|last|this) (?:\w+day|week|month|year)|in a statement|in an interview))+\s*$",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"\b(he|she|they|He|She|They)\s*$")
_ROLE_PHRASE = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+((?:[\w’'-]+\s+){0,3}(?:"
    + "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
    + r"|party|report|letter|statement|study|survey|review|source|sources))\s*$",
    re.IGNORECASE,
)
_LEADING_ROLE = re.compile(r"\s*(?:But |And )?(?:the|The) ((?:[\w’'-]+ ){0,2}(?:party|government))\b")
_ACCORDING_TO = re.compile(r"\baccording to\b")
_CLAUSE_LEAD = re.compile(r"^(?:[A-Z][a-z]+ing|[A-Z][a-z]+ed|On|In|At|After|Before|As|When|While|Although|But|And)\b")
# How far (in characters) a name may stand from the verb it is the subject of, auxiliaries aside.
_SUBJECT_GAP = 3


@dataclass(frozen=True, slots=True)
class Attribution:
    """Whom a sentence is attributed to, and how the attribution was made (for the suggestion's reason)."""

    speaker: str
    kind: str  # PERSON, BODY, or "" when unknown
    how: str  # "named", "pronoun", "role", "quotation goes on", "subject", "nearby"
    verb: str = ""  # the speech verb that attributes the sentence, if any
    verb_kind: str = ""  # the verb's class in words.SPEECH_VERBS: "say", "promise", "attack", …


@dataclass
class _Context:
    person: Mention | None = None  # the person last spoken of as a subject
    body: Mention | None = None  # the body last spoken of as a subject
    speaker: Attribution | None = None  # the last sentence's speaker


def attribute(body: str, sentences: list[Sentence], cast: Cast) -> list[Attribution]:
    """The attribution of every sentence, in order."""
    context = _Context()
    result = []
    for sentence in sentences:
        attribution = _frame(body, sentence, cast, context)
        if (
            attribution is None
            and sentence.quoted
            and context.speaker
            and (sentence.carries_quote or sentence.quoted_share(body) > 0.5)
        ):
            previous = context.speaker
            attribution = Attribution(
                previous.speaker, previous.kind, "quotation goes on", previous.verb, previous.verb_kind
            )
        if attribution is None:
            attribution = _subject(body, sentence, cast, context)
        if attribution is None:
            previous = context.speaker
            attribution = (
                Attribution(previous.speaker, previous.kind, "nearby") if previous else Attribution("", "", "")
            )
        else:
            context.speaker = attribution
        _remember_subjects(body, sentence, cast, context, attribution)
        result.append(attribution)
    # The opening sentences before anyone is named ("£12m will be spent on buses") belong to the first speaker.
    first = next((a for a in result if a.speaker and a.how != "nearby"), None)
    for index, attribution in enumerate(result):
        if attribution.speaker or first is None:
            break
        result[index] = Attribution(first.speaker, first.kind, "nearby")
    return result


def _frame(body: str, sentence: Sentence, cast: Cast, context: _Context) -> Attribution | None:
    """The attribution a speech verb in the reporter's words gives.

    "…, X has said." or "…," said X. at the end of a sentence governs all of it; otherwise
    the first frame does, except that a person named in a later frame is preferred to a
    body named in the first ("Labour hit back, with its election chief X accusing…").
    """
    words = set(_ANY_WORD.findall(body, sentence.start, sentence.end))
    if not (words & _VERB_WORDS or "according" in words):
        return None
    frames = []
    for part_start, part_end in sentence.narrative:
        for verb in _speech_verbs(body, part_start, part_end):
            subject = _subject_before(body, sentence, part_start, verb.start(), cast, context)
            if subject is None and _INVERTS.get(verb.group()) and _starts_clause(body, part_start, verb.start()):
                subject = _subject_after(body, verb.end(), part_end, cast)
            if subject is not None:
                form = verb.group()
                frames.append((verb.start(), Attribution(*subject, verb=form, verb_kind=VERB_KIND[form])))
        for according in _ACCORDING_TO.finditer(body, part_start, part_end):
            if subject := _subject_after(body, according.end(), part_end, cast):
                frames.append((according.start(), Attribution(*subject, verb="according to", verb_kind="say")))
    if not frames:
        return None
    frames.sort(key=lambda frame: frame[0])
    last_at, last = frames[-1]
    if len(frames) > 1 and len(body[last_at : sentence.end].split()) <= 4 and _after_a_break(body, sentence, last_at):
        return last
    first = frames[0][1]
    if first.kind == BODY:
        people = [a for _, a in frames[1:] if a.kind == PERSON and a.how == "named"]
        if people:
            return people[0]
    return first


def _speech_verbs(body: str, start: int, end: int):
    """Matches of the speech verbs between start and end."""
    for word in _LOWER_WORD.finditer(body, start, end):
        if word.group() in VERB_KIND:
            if word.group() in _NOUN_TOO and _USED_AS_NOUN.match(body, word.end()):
                continue  # "the Lib Dem plan would…", "Labour's pledges on tax"
            yield word
        elif " " in word.group() and word.group().split(" ")[0] in VERB_KIND:
            yield _LOWER_WORD.match(body, word.start(), word.start() + word.group().index(" "))


def _starts_clause(body: str, part_start: int, verb_at: int) -> bool:
    """Whether a verb opens its clause (", said X", "…" said X"), as an inverted attribution does."""
    before = body[part_start:verb_at].strip(" \t\n\"“”'")
    return not before or before.endswith((",", ":", ";", "-", "–", "—"))


def _after_a_break(body: str, sentence: Sentence, verb_at: int) -> bool:
    """Whether a frame follows a comma, or a quotation closed by one: "…, he said", not "…he once wanted"."""
    before = body[sentence.start : verb_at]
    comma = before.rfind(",")
    return comma >= 0 and len(before[comma:].split()) <= 8 and not re.search(r"\b(?:that|who|which)\b", before[comma:])


def _subject_before(
    body: str, sentence: Sentence, part_start: int, verb_at: int, cast: Cast, context: _Context
) -> tuple[str, str, str] | None:
    window_start = max(part_start, sentence.start, verb_at - 160)
    window = body[window_start:verb_at]
    window = _AUXILIARY_TAIL.sub("", window).rstrip()
    window_end = window_start + len(window)
    if not window.strip():
        return None
    if pronoun := _PRONOUN.search(window):
        return _pronoun(pronoun.group(1).lower(), context)
    if window.endswith(","):
        # "X, the party's chairman, said": the subject stands before the apposition.
        opening = window.rfind(",", 0, len(window) - 1)
        if opening >= 0:
            before = [m for m in cast.between(window_start, window_start + opening) if not m.possessive]
            inside = [m for m in cast.between(window_start + opening, window_end) if not m.possessive]
            if before and window_start + opening - before[-1].end <= _SUBJECT_GAP:
                return before[-1].name, before[-1].kind, "named"
            if inside:
                return inside[0].name, inside[0].kind, "named"
        return None
    mentions = [m for m in cast.between(window_start, window_end) if not m.possessive]
    if mentions and window_end - mentions[-1].end <= _SUBJECT_GAP:
        # "A report by the X Institute says", "UKIP leader Roger Knapman says": the name nearest the verb.
        return mentions[-1].name, mentions[-1].kind, "named"
    if role := _ROLE_PHRASE.search(window):
        return _role(role.group(1), cast, window_start + role.start(), context)
    return None


def _subject_after(body: str, verb_end: int, part_end: int, cast: Cast) -> tuple[str, str, str] | None:
    """ "…," said Mr Kennedy / said director Kate Allen: the name right after the verb."""
    following = [m for m in cast.between(verb_end, min(part_end, verb_end + 40))]
    if not following:
        return None
    gap = body[verb_end : following[0].start]
    prepositions = {"in", "on", "at", "to", "by", "for", "with", "of", "from", "about", "into"}
    if (
        len(gap.split()) <= 2
        and "," not in gap
        and "." not in gap
        and not following[0].possessive
        and not prepositions & set(gap.lower().split())
    ):
        return following[0].name, following[0].kind, "named"
    return None


def _pronoun(pronoun: str, context: _Context) -> tuple[str, str, str] | None:
    if pronoun == "they":
        if context.body:
            return context.body.name, BODY, "pronoun"
        return None
    if context.person:
        return context.person.name, PERSON, "pronoun"
    return None


def _role(phrase: str, cast: Cast, position: int, context: _Context) -> tuple[str, str, str]:
    """Resolve a role to a name the article gives.

    "the home secretary" is the person introduced as Home Secretary; "the Tory leader" a
    person the article ties to the Tories; else the person last named (news copy names
    someone, then calls them by their office). "The party" is the party last spoken of;
    "the report" the organisation last named.
    """
    words = phrase.lower().split()
    earlier = [m for m in cast.mentions if m.end <= position]
    if words[-1] == "party":
        parties = [m for m in earlier if m.name in _PARTY_NAMES]
        if parties:
            return parties[-1].name, BODY, "role"
    if person := cast.role(phrase):
        return person, PERSON, "role"
    if (party := party_in(phrase)) and words[-1] not in _GROUPS:
        # "the Tory leader": the person the article ties to that party, before this point or else after it.
        members = [m for m in cast.mentions if m.kind == PERSON and cast.parties.get(m.name) == party]
        before = [m for m in members if m.end <= position]
        if before or members:
            return (before[-1] if before else members[0]).name, PERSON, "role"
    if words[-1] in _DOCUMENTS:
        bodies = [m for m in earlier if m.kind == BODY]
        if bodies:
            return bodies[-1].name, BODY, "role"
    elif words[-1] not in _GROUPS:
        people = [m for m in earlier if m.kind == PERSON]
        if people:
            return people[-1].name, PERSON, "role"
    return "the " + phrase, BODY, "role"


_PARTY_NAMES = set(PARTIES.values())
_DOCUMENTS = {"report", "letter", "statement", "study", "survey", "review"}
_GROUPS = {"spokesman", "spokeswoman", "spokesperson", "source", "sources"}


def _subject(body: str, sentence: Sentence, cast: Cast, context: _Context) -> Attribution | None:
    """A sentence in the reporter's words with no speech verb: its grammatical subject, if a name leads it."""
    start = sentence.start
    first_words = body[start : start + 60]
    lead = _CLAUSE_LEAD.match(first_words)
    if lead and lead.group() not in ("But", "And"):
        comma = first_words.find(",")
        if comma < 0:
            return None
        start += comma + 1
    mentions = [m for m in cast.between(start, sentence.end) if not m.possessive]
    if mentions and len(body[start : mentions[0].start].split()) <= 2:
        return Attribution(mentions[0].name, mentions[0].kind, "subject")
    if role := _LEADING_ROLE.match(body, start, sentence.end):
        return Attribution(*_role(role.group(1), cast, role.start(), context))
    return None


def _remember_subjects(body: str, sentence: Sentence, cast: Cast, context: _Context, attribution: Attribution) -> None:
    if attribution.how in ("named", "role", "subject", "pronoun"):
        for mention in cast.between(sentence.start, sentence.end):
            if mention.name == attribution.speaker:
                if mention.kind == PERSON:
                    context.person = mention
                else:
                    context.body = mention
                break
        else:
            if attribution.kind == PERSON:
                context.person = Mention(sentence.start, sentence.start, attribution.speaker, PERSON)
    # A sentence that starts with a person makes them the one "he" or "she" refers to next.
    leading = [m for m in cast.between(sentence.start, min(sentence.end, sentence.start + 25)) if not m.possessive]
    if leading and leading[0].kind == PERSON and attribution.how == "nearby":
        context.person = leading[0]
