"""Who says each sentence: quotation attribution as news copy writes it.

A sentence is attributed by a speech verb in the reporter's words ("X said", "said X",
"…, X has said", "X, the shadow chancellor, warned"), the subject being a name, a role
("the home secretary"), a body ("the Tories") or a pronoun ("he" is the last person
spoken of). A quotation with no attribution of its own goes on in the voice of the last
speaker; a sentence in the reporter's words with no speech verb is about its subject.
"""

import re
from dataclasses import dataclass, field

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
# "…," said X: the forms that put their speaker after them ("…, declaring the Tories were…" does not).
_INVERTS = {
    form: True
    for form in VERB_KIND
    if VERB_KIND[form] in ("say", "assert", "warn", "question", "admit") and not form.endswith("ing")
}
_VERB_WORDS = {form.split(" ")[0] for form in VERB_KIND}
_LOWER_WORD = re.compile(r"(?<![\w’'-])[a-z]+(?: (?:out|back|on))?(?![\w’'-])")
_AUXILIARY_TAIL = re.compile(
    r"(?:\s+(?:has|have|had|is|was|were|are|will|would|also|later|earlier|then|now|again|previously|today|"
    r"yesterday|repeatedly|recently|once|already|still|even|just|has also|have also|had also|"
    r"(?:on|last|this) (?:\w+day|week|month|year)|in a statement|in an interview))+\s*$",
    re.IGNORECASE,
)
# Before the one who speaks: "from the Treasury announced by Chancellor Gordon Brown" is passive.
# "denied by X" names the speaker after the verb; "hit back by saying" does not.
_PASSIVE = re.compile(r"\s+by\s+(?![a-z]+ing\b)")
_PRONOUN = re.compile(r"\b(he|she|they|He|She|They)\s*$")
_ROLE_PHRASE = re.compile(
    r"\b(?:the|a|an|its|their|his|her)\s+((?:[\w’'-]+\s+){0,4}(?:"
    + "|".join(sorted(ROLE_WORDS, key=len, reverse=True))
    + r"|party|report|letter|statement|study|survey|review|source|sources))\s*$",
    re.IGNORECASE,
)
_LEADING_ROLE = re.compile(r"\s*(?:But |And )?(?:the|The) ((?:[\w’'-]+ ){0,2}(?:party|government))\b")
_ACCORDING_TO = re.compile(r"\baccording to\b")
_CLAUSE_LEAD = re.compile(r"^(?:[A-Z][a-z]+ing|[A-Z][a-z]+ed|On|In|At|After|Before|As|When|While|Although|But|And)\b")
# A name right after one of these is an object, not the subject of the verb that follows it:
# "Ms Sturgeon has written to Mr McConnell asking…", "won damages from the Telegraph said" ("by" and "for"
# lead to the subject: "a report by X says", and so does "from" after those who speak for a body:
# "researchers from Leeds University warned").
_AN_OBJECT = re.compile(
    r"(?<!researchers)(?<!experts)(?<!officials)(?<!campaigners)(?<!analysts)(?<!spokesman)(?<!spokeswoman)"
    r"\b(?:to|with|against|about|into|towards|from)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# Between a person and the body they come from: " of the", ", executive partner of", ", from the".
_PERSON_OF = re.compile(r"(?:,\s+(?:[a-z][\w’'-]*\s+){1,4})?\s*(?:of|from|at)\s+(?:the\s+)?")
_SPOKESPERSON = re.compile(r"\bspokes(?:man|woman|person)\b")
_APPOSITION_MARK = re.compile(r",|\s[-–—](?=\s|$)|[–—]")
_SHORT_LEAD = 30  # characters of a lead such as "A year ago," or "Last week," before the subject
# "X … , but has said": a verb joined to the sentence's own subject.
_JOINED_VERB = re.compile(r"(?:,\s*|\s)(?:but|and)$")
# How far (in characters) a name may stand from the verb it is the subject of, auxiliaries aside.
_SUBJECT_GAP = 3
# The words of a title between a party and a person: "Tory shadow local government secretary".
_TITLE_WORDS = re.compile(r"(?:\s+(?!(?:and|or|with|of|for|to|in|on|at)\b)[A-Za-z-]+){0,5}\s+")
# The reporter's own verbs of saying: a sentence they frame stays its subject's, whatever it quotes.
_PLAIN_SAY = {"said", "says", "say", "told", "tells", "added", "adds"}
# A relative clause's subject before its speech verb: "X, who said", "X who has this week criticised".
_WHO_SAID = re.compile(r"\bwho\s+(?:(?:has|had|also|later|earlier|once|this week|last week|on \w+day)\s+)*$")
_WHO = re.compile(r",?\s+who(?:\s+(?:has|had|also|later|earlier|once|this week|last week|on \w+day))*\s+")


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
    body: Mention | None = None  # the body last spoken of as a subject
    speaker: Attribution | None = None  # the last sentence's speaker
    people: list[str] = field(default_factory=list)  # the people spoken of as subjects, the latest last
    spokesperson: str = ""  # the body whose spokesman or spokeswoman was spoken of last, if no one since

    @property
    def person(self) -> str:
        """The person last spoken of as a subject, or ""."""
        return self.people[-1] if self.people else ""

    def spoke_of(self, name: str) -> None:
        self.spokesperson = ""
        if name in self.people:
            self.people.remove(name)
        self.people.append(name)


def attribute(body: str, sentences: list[Sentence], cast: Cast) -> list[Attribution]:
    """The attribution of every sentence, in order."""
    context = _Context()
    result = []
    for index, sentence in enumerate(sentences):
        attribution = _frame(body, sentence, cast, context)
        if attribution is None and _opens_a_quotation(body, sentence):
            # '"Labour's arrogance has been their undoing. In trying to…," he said.': a new quotation
            # is attributed at the end of its next sentence, not by whoever spoke before it.
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            if following and following.paragraph == sentence.paragraph and following.carries_quote:
                attribution = _frame(body, following, cast, context)
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


_FIRST_PERSON_SINGULAR = re.compile(r"(?<![\w'’.])(?:I|I'm|I’m|I've|I’ve|I'd|I’d|[Mm]y|me)(?![\w'’.])")


def in_the_writers_words(body: str, sentence: Sentence, attribution: Attribution) -> bool:
    """A sentence that says "I" or "my" outside quotation marks and is attributed to no one of its own
    is the writer speaking (a reader's comment, a columnist), not a source the desk could tag."""
    return attribution.how in ("nearby", "") and _in_first_person(body, sentence)


def _in_first_person(body: str, sentence: Sentence) -> bool:
    """Whether the sentence says "I", "my" or "me" outside quotation marks."""
    return any(_FIRST_PERSON_SINGULAR.search(body, start, end) for start, end in sentence.narrative)


# Readers' comments under an article: this many paragraphs in the writer's own "I" at least, and at
# least this share of the paragraphs from the first of them to the end.
COMMENTS_MIN_PARAGRAPHS = 3
COMMENTS_MIN_SHARE = 0.5
UNATTRIBUTED = ("nearby", "", "subject")  # no speech verb of the sentence's own


def readers_comments_from(body: str, sentences: list[Sentence], attributions: list[Attribution]) -> int | None:
    """The paragraph where readers' comments begin, if the article ends with them: from there on,
    paragraphs in the writer's own "I" make at least half, and there are at least three. What the
    comments say is nobody's statement, whoever the reporter last quoted."""
    paragraphs: list[int] = []
    in_first_person: set[int] = set()
    for sentence, attribution in zip(sentences, attributions, strict=True):
        if not paragraphs or paragraphs[-1] != sentence.paragraph:
            paragraphs.append(sentence.paragraph)
        if attribution.how in UNATTRIBUTED and _in_first_person(body, sentence):
            in_first_person.add(sentence.paragraph)
    for index, paragraph in enumerate(paragraphs):
        if paragraph not in in_first_person:
            continue
        rest = paragraphs[index:]
        written = sum(p in in_first_person for p in rest)
        if written >= COMMENTS_MIN_PARAGRAPHS and written >= COMMENTS_MIN_SHARE * len(rest):
            return paragraph
    return None


def _opens_a_quotation(body: str, sentence: Sentence) -> bool:
    """Whether the sentence begins a new quotation that it does not close."""
    return (
        not sentence.carries_quote
        and bool(sentence.quoted)
        and sentence.quoted[0][0] <= sentence.start + 1
        and sentence.quoted[-1][1] >= sentence.end - 1
    )


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
            if passive := _PASSIVE.match(body, verb.end(), part_end):
                subject = _subject_after(body, passive.end() - 1, part_end, cast)
            else:
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
    if (
        len(frames) > 1
        and frames[0][1].verb not in _PLAIN_SAY
        and _WHO_SAID.search(body, max(sentence.start, last_at - 12), last_at)
    ):
        # "The premier was responding to a challenge from X who said Labour would…": what is reported is X's
        # (but "The minister said she listened to critics who feared…" stays the minister's).
        return last
    if len(frames) > 1 and len(body[last_at : sentence.end].split()) <= 4 and _after_a_break(body, sentence, last_at):
        named = [a for _, a in frames[:-1] if a.how == "named" and a.kind == PERSON and a.verb in _PLAIN_SAY]
        if last.how == "pronoun" and named:
            return named[-1]  # 'X added: "…," she said.': the closing "she" is X, named in this sentence
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
        return _pronoun(pronoun.group(1).lower(), context, cast)
    if window.endswith((",", " -", "–", "—")):
        return _subject_of_apposition(body, sentence, part_start, verb_at, cast)
    if _JOINED_VERB.search(window) and part_start <= sentence.start + 1:
        # "Ms Kelly has not set out her views, but has said she intends…": the subject that opens the sentence.
        opening = _subject(body, sentence, cast, context)
        return (opening.speaker, opening.kind, "named") if opening else None
    mentions = [m for m in cast.between(window_start, window_end) if not m.possessive]
    if (
        mentions
        and _WHO.fullmatch(body, mentions[-1].end, verb_at)
        and VERB_KIND.get(_ANY_WORD.match(body, verb_at).group()) != "believe"
    ):
        # "a challenge from Tory leader X, who said…": the relative clause's subject, object or not
        # (not "people from outside the EU who want to stay", nor "members, who were asked").
        return mentions[-1].name, mentions[-1].kind, "named"
    if (
        mentions
        and window_end - mentions[-1].end <= _SUBJECT_GAP
        and not _AN_OBJECT.search(body, max(0, mentions[-1].start - 20), mentions[-1].start)
    ):
        # "A report by the X Institute says", "UKIP leader Roger Knapman says": the name nearest the verb,
        # unless it only says where a person named before it comes from ("Peter Saunders of the CMF said").
        nearest = mentions[-1]
        person = mentions[-2] if len(mentions) > 1 and mentions[-2].kind == PERSON else None
        if nearest.kind == BODY and person and _PERSON_OF.fullmatch(body, person.end, nearest.start):
            return person.name, PERSON, "named"
        return nearest.name, nearest.kind, "named"
    if role := _ROLE_PHRASE.search(window):
        definite = role.group().lower().startswith("the ")
        return _role(role.group(1), cast, window_start + role.start(), context, definite=definite)
    return None


def _subject_of_apposition(
    body: str, sentence: Sentence, part_start: int, verb_at: int, cast: Cast
) -> tuple[str, str, str] | None:
    """ "X, the party's chairman, said", "X, who quit last year over…, said", "X, MP for Henley, Oxfordshire, said",
    "X - who chairs the committee - said".

    The subject is the name right before the comma that opens the apposition (however long it is);
    failing that, a name inside the apposition ("A spokesman for Amnesty, Kate Allen, said").
    """
    start = max(part_start, sentence.start)
    window = _AUXILIARY_TAIL.sub("", body[start:verb_at]).rstrip()
    closing = start + len(window) - 1
    commas = [start + m.start() for m in _APPOSITION_MARK.finditer(window)][:-1]
    if not commas:
        return None
    opening = commas[-1]
    inside = [m for m in cast.between(opening, closing) if not m.possessive]
    for comma in reversed(commas[-3:]):
        before = [m for m in cast.between(start, comma) if not m.possessive]
        if before and comma - before[-1].end <= _SUBJECT_GAP:
            return before[-1].name, before[-1].kind, "named"
        if comma == opening and inside:
            return inside[0].name, inside[0].kind, "named"
    return None


def _subject_after(body: str, verb_end: int, part_end: int, cast: Cast) -> tuple[str, str, str] | None:
    """ "…," said Mr Kennedy / said director Kate Allen: the name right after the verb."""
    following = [m for m in cast.between(verb_end, min(part_end, verb_end + 90))]
    if not following or following[0].end > verb_end + 40:
        return None
    person = next((m for m in following if m.kind == PERSON), None)
    if following[0].kind == BODY and person and _TITLE_WORDS.fullmatch(body, following[0].end, person.start):
        # "…," said Tory shadow local government secretary Caroline Spelman: the person, not the party.
        following = [person]
        verb_end = person.start
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


def _pronoun(pronoun: str, context: _Context, cast: Cast) -> tuple[str, str, str] | None:
    """ "they" is the body last spoken of; "he" or "she" the spokesperson or the person last spoken of,
    unless the article shows that person to be of the other sex ("Mr", "Ms"): then the one before who is not."""
    if pronoun == "they":
        if context.body:
            return context.body.name, BODY, "pronoun"
        return None
    if context.spokesperson and context.speaker and context.speaker.speaker == context.spokesperson:
        # "The executive spokeswoman said… She said:" speaks for the same body.
        return context.spokesperson, BODY, "pronoun"
    other = "f" if pronoun == "he" else "m"
    for name in reversed(context.people[-4:]):
        if cast.genders.get(name) != other:
            return name, PERSON, "pronoun"
    if context.person:
        return context.person, PERSON, "pronoun"
    return None


def _role(phrase: str, cast: Cast, position: int, context: _Context, *, definite: bool = False) -> tuple[str, str, str]:
    """Resolve a role to a name the article gives.

    "the home secretary" is the person introduced as Home Secretary; "the Tory leader" a
    person the article ties to the Tories; else the person last named (news copy names
    someone, then calls them by their office). "The party" is the party last spoken of;
    "the report" the organisation last named. "A Tory spokesman" speaks for the party, but "the
    Tory spokesman" is the party's spokesperson the article has just quoted by name.
    """
    words = phrase.lower().split()
    earlier = [m for m in cast.mentions if m.end <= position]
    if not definite and words[-1] in ROLE_WORDS - _GROUPS and not any(m.kind == PERSON for m in earlier):
        # "…, a Labour backbencher has said. Derek Wyatt said…": a lead describes whom the next sentences name.
        named_next = [m for m in cast.between(position, position + _NAMED_NEXT) if m.kind == PERSON]
        if named_next:
            return named_next[0].name, PERSON, "role"
    if words[-1] == "party":
        parties = [m for m in earlier if m.name in _PARTY_NAMES]
        if parties:
            return parties[-1].name, BODY, "role"
    party = party_in(phrase)
    person = cast.role(phrase)
    if person and (not party or cast.parties.get(person, party) == party):
        # ("the Scottish Conservative leader" is not the SNP's leader, introduced as "leader" too)
        return person, PERSON, "role"
    if party and words[-1] not in _GROUPS:
        # "the Tory leader": the person the article ties to that party, before this point or else after it.
        members = [m for m in cast.mentions if m.kind == PERSON and cast.parties.get(m.name) == party]
        before = [m for m in members if m.end <= position]
        if before or members:
            return (before[-1] if before else members[0]).name, PERSON, "role"
    if words[-1] in _DOCUMENTS:
        bodies = [m for m in earlier if m.kind == BODY]
        if bodies:
            return bodies[-1].name, BODY, "role"
    elif words[-1] in _GROUPS:
        if definite and party and (named := _named_spokesperson(party, cast, context)):
            return named, PERSON, "role"
        if found := _spokesman(words[:-1], cast, position, context):
            return found, BODY, "role"
        # "a BAA spokesman", "a Defra spokeswoman": a body the article names in no other way.
        named = [word for word in phrase.split()[:-1] if word.lower() not in _NOT_QUALIFIERS]
        if named and all(word[:1].isupper() for word in named):
            return " ".join(named), BODY, "role"
    else:
        # The person last spoken of, or named, who was not introduced in another office.
        # "the prime minister" is not the mayor, nor "the mayor" the prime minister; "the minister" may be a
        # secretary of state.
        other_office = (
            {name for role, name in cast.roles.items() if role.split()[-1] in _OFFICES - {words[-1]}}
            if len(words) > 1 or words[-1] != "minister"
            else set()
        )
        people = [*context.people, *(m.name for m in earlier if m.kind == PERSON)]
        for name in reversed(people):
            if name not in other_office:
                return name, PERSON, "role"
    return "the " + phrase, BODY, "role"


def _named_spokesperson(party: str, cast: Cast, context: _Context) -> str:
    """The person last spoken of, if they speak for `party`: its member, or an opposition figure
    whose party the article does not give ("Shadow foreign secretary X")."""
    for name in reversed(context.people[-2:]):
        side = cast.parties.get(name)
        if side == party or (side is None and name in cast.opponents):
            return name
    return ""


def _spokesman(qualifier: list[str], cast: Cast, position: int, context: _Context) -> str:
    """Whom "a Labour spokesman", "a Home Office spokeswoman", "an executive spokesman" speak for:
    the party or the body the article names with those words; a bare "a spokesman" speaks for the
    body last spoken of. "" if the article does not say."""
    if party := party_in(" ".join(qualifier)):
        return party
    words = {word for word in qualifier if word not in _NOT_QUALIFIERS}
    if words:
        for mention in reversed([m for m in cast.mentions if m.kind == BODY and m.start < position + 80]):
            if words & set(mention.name.lower().split()):
                return mention.name
        return ""
    return context.body.name if context.body else ""


_PARTY_NAMES = set(PARTIES.values())
_NAMED_NEXT = 400  # characters after an unnamed "a … backbencher" in which the person is looked for
# Offices that name one person: someone introduced in one of them is not "the" holder of another.
_OFFICES = {"minister", "secretary", "chancellor", "mayor", "leader", "president", "premier", "speaker", "governor"}
_DOCUMENTS = {"report", "letter", "statement", "study", "survey", "review"}
_GROUPS = {"spokesman", "spokeswoman", "spokesperson", "source", "sources", "official", "officials"}
_NOT_QUALIFIERS = {"the", "a", "an", "its", "their", "his", "her", "senior", "official", "other", "party's"}


def _subject(body: str, sentence: Sentence, cast: Cast, context: _Context) -> Attribution | None:
    """A sentence in the reporter's words with no speech verb: its grammatical subject, if a name leads it."""
    start = sentence.start
    first_words = body[start : start + 60]
    lead = _CLAUSE_LEAD.match(first_words)
    comma = first_words.find(",")
    if lead and lead.group() not in ("But", "And"):
        if comma < 0:
            return None
        start += comma + 1
    elif 0 < comma <= _SHORT_LEAD and not cast.between(start, start + comma):
        start += comma + 1  # "A year ago, ministers launched…": the subject comes after a short lead
    mentions = [m for m in cast.between(start, sentence.end) if not m.possessive]
    if mentions and (
        len(body[start : mentions[0].start].split()) <= 2 or _is_office(body[start : mentions[0].start].split())
    ):
        first = mentions[0]
        if first.kind == BODY and len(mentions) > 1 and _holds_office(body, first, mentions[1]):
            first = mentions[1]  # "Tory co-chairman Liam Fox opened…": the person, not the party
        return Attribution(first.name, first.kind, "subject")
    if role := _LEADING_ROLE.match(body, start, sentence.end):
        return Attribution(*_role(role.group(1), cast, role.start(), context))
    return None


def _holds_office(body: str, organisation: Mention, person: Mention) -> bool:
    """Whether a person follows a body with only an office between: "Tory co-chairman Liam Fox",
    "Metropolitan Police Commissioner Sir Ian Blair" (not "the government is implementing the Royal…")."""
    return person.kind == PERSON and _is_office(body[organisation.end : person.start].split())


def _is_office(words: list[str]) -> bool:
    """Whether words before a name are an office: "Public accounts committee chairman", "co-chairman"."""
    return (
        1 <= len(words) <= 5
        and words[-1].lower().rsplit("-", 1)[-1] in ROLE_WORDS
        # Words of an office, not a clause ("The Lib Dems called for Commons leader X…").
        and not any(word.lower() in _NOT_IN_AN_OFFICE or word.endswith("ed") for word in words)
    )


_NOT_IN_AN_OFFICE = {"for", "of", "to", "the", "a", "an", "and", "or", "with", "by", "in", "on", "at", "as"}


def _remember_subjects(body: str, sentence: Sentence, cast: Cast, context: _Context, attribution: Attribution) -> None:
    if attribution.how in ("named", "role", "subject", "pronoun"):
        for mention in cast.between(sentence.start, sentence.end):
            if mention.name == attribution.speaker:
                if mention.kind == PERSON:
                    context.spoke_of(mention.name)
                else:
                    context.body = mention
                break
        else:
            if attribution.kind == PERSON:
                context.spoke_of(attribution.speaker)
        if (
            attribution.how == "role"
            and attribution.kind == BODY
            and _SPOKESPERSON.search(body, sentence.start, sentence.end)
        ):
            context.spokesperson = attribution.speaker
    # A sentence that starts with a person makes them the one "he" or "she" refers to next.
    leading = [m for m in cast.between(sentence.start, min(sentence.end, sentence.start + 25)) if not m.possessive]
    quoted_first = bool(sentence.quoted) and sentence.quoted[0][0] <= sentence.start + 1
    if (
        leading
        and leading[0].kind == PERSON
        and attribution.how in ("nearby", "quotation goes on")
        and not quoted_first
    ):
        context.spoke_of(leading[0].name)
