"""Who is named in an article: people and bodies, each mention resolved to one name.

News copy names a person in full once ("Tory leader Michael Howard"), then by title
and surname ("Mr Howard"), by role ("the Tory leader") or by pronoun. This module finds
the named mentions, resolves short forms to the full name seen first, and remembers the
roles people were introduced with, so that "the home secretary" can be resolved to the
person the article called Home Secretary. Only the article's own text is used: no list
of politicians, no outside knowledge.
"""

import re
from bisect import bisect_left
from dataclasses import dataclass

from .words import (
    BODY_NOUNS,
    DIRECTION_WORDS,
    FUNCTION_WORDS,
    HONORIFICS,
    NOT_NAME_WORDS,
    ORGANISATION_WORDS,
    PARTIES,
    PLACE_WORDS,
    POST_NOMINALS,
    ROLE_WORDS,
    SURNAME_HONORIFICS,
)

PERSON, BODY = "person", "body"

# A run of capitalised words, which may hold "of", "for", "and", "the" between them (organisations).
_CAPITALISED = r"(?:[A-Z][\w’'\-]*|[A-Z]\.)"
_RUN = re.compile(rf"{_CAPITALISED}(?:(?: (?:of|for)(?: the)?| de| van| von| al)? {_CAPITALISED})*")
# A party named with a lower-case "party", and a party's people named as a group ("UKIP officials").
_PARTY_TAIL = re.compile(r" party\b")
_GROUP_TAIL = re.compile(r" (officials|sources|MPs|MEPs|MSPs|members|activists|supporters|leaders)\b")
_POSSESSIVE = re.compile(r"[’']s?$")
# Bodies that news copy names in lower case: "ministers said", "the government has promised".
_COMMON_BODY = re.compile(rf"\b(?:the |a )?({'|'.join(sorted(BODY_NOUNS, key=len, reverse=True))})\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    """A name in the body: where it stands, the full name it resolves to, and whether a person or a body."""

    start: int
    end: int
    name: str
    kind: str  # PERSON or BODY
    possessive: bool = False  # "Mr Brown's pledge": the mention qualifies a noun, it is not a subject
    gender: str = ""  # "m" or "f" when an honorific says so


@dataclass
class Cast:
    """Everyone named in an article, in reading order, with the roles they were introduced with."""

    mentions: list[Mention]
    roles: dict[str, str]  # "home secretary" -> "Charles Clarke"
    genders: dict[str, str]  # full name -> "m" / "f"
    opponents: set[str]  # people introduced as the opposition or as critics ("shadow chancellor X")
    parties: dict[str, str]  # name -> the party a person was introduced with, or a party's own name
    ministers: set[str]  # people introduced with a government office ("Home Secretary X", not "shadow")

    def side(self, name: str) -> str:
        """The camp a person or body speaks for: their party, "government", or "" if the article does not say."""
        if name in self.parties:
            return self.parties[name]
        if name in self.ministers or name in GOVERNMENT_BODIES:
            return "government"
        return ""

    def __post_init__(self):
        self._starts = [m.start for m in self.mentions]

    def between(self, start: int, end: int) -> list[Mention]:
        """The mentions that stand wholly inside [start, end)."""
        found = []
        for mention in self.mentions[bisect_left(self._starts, start) : bisect_left(self._starts, end)]:
            if mention.end <= end:
                found.append(mention)
        return found

    def role(self, phrase: str) -> str:
        """The person the article introduced with this role ("the Tory leader" -> "Michael Howard"), or ""."""
        words = _role_key(phrase)
        for length in range(len(words), 0, -1):
            if found := self.roles.get(" ".join(words[-length:])):
                return found
        return ""


def read_cast(body: str) -> Cast:
    """Find and resolve every named person and body in the body."""
    full_names: list[str] = []
    mentions: list[Mention] = []
    roles: dict[str, str] = {}
    genders: dict[str, str] = {}
    opponents: set[str] = set()
    parties: dict[str, str] = {}
    ministers: set[str] = set()
    for run in _runs(body):
        mention = _mention(body, run, full_names, genders)
        if mention is None:
            continue
        mentions.append(mention)
        if mention.kind == BODY and mention.name in PARTY_NAMES:
            parties.setdefault(mention.name, mention.name)
        if mention.kind == PERSON:
            introduction = _note_role(body, mention, roles) + " " + _words_before(body, mention.start)
            if _OPPOSITION.search(introduction):
                opponents.add(mention.name)
            if party := party_in(introduction) or _the_party(introduction, mentions):
                parties.setdefault(mention.name, party)
            if _OFFICE.search(introduction) and not _OPPOSITION.search(introduction):
                ministers.add(mention.name)
    covered = {position for m in mentions for position in range(m.start, m.end)}
    for match in _COMMON_BODY.finditer(body):
        if match.start(1) not in covered:
            phrase = match.group(1).lower()
            mentions.append(Mention(match.start(), match.end(), BODY_NOUNS[phrase], BODY))
    mentions.sort(key=lambda m: m.start)
    return Cast(mentions, roles, genders, opponents, parties, ministers)


def _runs(body: str):
    """Runs of capitalised words, cut after a possessive ("Strathclyde University's Fraser Institute" is two)
    and between a person and where they come from ("Peter Saunders of the CMF" is two)."""
    for run in _RUN.finditer(body):
        start, end = run.start(), run.end()
        if (of := _PERSON_OF_BODY.match(run.group())) and not _is_office(of.group(1).split()):
            yield _RUN.match(body, start, start + of.end(1))
            start += of.end()
        for possessive in _INNER_POSSESSIVE.finditer(body, start, end):
            if body[possessive.end() + 1 : end] in ORGANISATION_WORDS:
                break  # "the Information Commissioner's Office" is one body
            yield _RUN.match(body, start, possessive.end())
            start = possessive.end() + 1
        if start < end:
            yield _RUN.match(body, start, end)


_INNER_POSSESSIVE = re.compile(r"[’']s?(?= [A-Z])")
_TITLE_LIST_BEFORE = re.compile(r"[A-Z][\w’'-]*,? and $")
# One capitalised word, not an acronym, after "the" or a sentence's start, then "and": the first half of a body's name.
_AND_BEFORE = re.compile(r"(?:^|[.!?:;\"“]\s+|\b[Tt]he )([A-Z][a-z]+) and $")
_PERSON_OF_BODY = re.compile(r"([A-Z][\w’'-]+ [A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?) of (?:the )?(?=[A-Z])")


def _is_office(words: list[str]) -> bool:
    """Whether capitalised words are a title, an organisation or a possessive rather than a first name and a surname."""
    return any(
        w.endswith(("'s", "’s"))
        or w in HONORIFICS
        or w in ORGANISATION_WORDS
        or w in NOT_NAME_WORDS
        or w in FUNCTION_WORDS
        or w.lower() in ROLE_WORDS
        for w in words
    )


def _mention(body: str, run: re.Match, full_names: list[str], genders: dict[str, str]) -> Mention | None:
    tokens = run.group().split(" ")
    offsets = []
    position = run.start()
    for token in tokens:
        offsets.append(position)
        position += len(token) + 1
    possessive = bool(_POSSESSIVE.search(tokens[-1])) and len(tokens[-1]) > 2
    tokens = [_POSSESSIVE.sub("", token) if len(token) > 2 else token for token in tokens]
    # Drop the capitalised words that only begin the sentence ("But", "The") or are part of a title.
    first = 0
    while first < len(tokens) and tokens[first] in FUNCTION_WORDS:
        first += 1
    # "Minister for Children, Young People and Families Margaret Hodge": the title's list goes on into the run.
    if (
        len(tokens) - first >= 3
        and not any(token in ORGANISATION_WORDS for token in tokens)  # "Public and Commercial Services Union"
        and _TITLE_LIST_BEFORE.search(body, max(0, run.start() - 40), run.start())
    ):
        first += 1
    if first == len(tokens):
        return None
    words = tokens[first:]
    text = " ".join(words)
    party = PARTIES.get(_party_key(text))
    if party:
        end = run.end()
        if tail := _PARTY_TAIL.match(body, end):
            end = tail.end()
        elif (tail := _GROUP_TAIL.match(body, end)) and not possessive:
            return Mention(offsets[first], tail.end(), f"{_strip_article(text)} {tail.group(1)}", BODY)
        return Mention(offsets[first], end, party, BODY, possessive)
    # A person: an honorific and a name, or two to four name words after any title or organisation words.
    start = _name_start(words)
    if start is None:
        if _is_acronym_of_a_body(body, words, run):
            return Mention(offsets[first], run.end(), words[0], BODY, possessive)
        if any(word in ORGANISATION_WORDS for word in words):
            begin = offsets[first]
            # "The Public and Commercial Services Union": "and" inside one body's name.
            if first == 0 and (joined := _AND_BEFORE.search(body, max(0, begin - 40), begin)):
                begin = joined.start(1)
            organisation = _strip_article(body[begin : run.end()])
            return Mention(begin, run.end(), _POSSESSIVE.sub("", organisation), BODY, possessive)
        return _surname_only(words, offsets[first:], run, full_names, genders, possessive)
    name_words = [w for w in words[start:] if w not in POST_NOMINALS]
    if not name_words or name_words[0] in DIRECTION_WORDS:
        return None
    # "Castle Hill" is a place, but "Housing Minister Keith Hill" and "Mr Hill" are people.
    titled = name_words[0] in HONORIFICS or (start > 0 and words[start - 1].lower() in ROLE_WORDS)
    if name_words[-1] in PLACE_WORDS and not titled:
        return None
    if name_words[0] in HONORIFICS and len(name_words) < 2:
        return None
    name, gender = _resolve(name_words, full_names)
    if gender:
        genders.setdefault(name, gender)
    end = offsets[first + start] + len(" ".join(words[start:]))
    return Mention(offsets[first + start], end, name, PERSON, possessive, genders.get(name, ""))


_MONTHS_AS_NAMES = {"April", "May", "June", "August"}


def _month_as_surname(words: list[str], index: int, end: int) -> bool:
    """ "Theresa May": a month last in a run, after one word that can be a first name, is a surname.
    ("Last May" and "Since May" begin with function words, "Parliament May" with an institution.)"""
    if words[index] not in _MONTHS_AS_NAMES or index != end - 1 or index != 1:
        return False
    first = words[0]
    return not (
        first in FUNCTION_WORDS
        or first in NOT_NAME_WORDS
        or first in ORGANISATION_WORDS
        or first in HONORIFICS
        or first.lower() in ROLE_WORDS
        or first.isupper()
        or first in PARTY_ADJECTIVES
        or first in DIRECTION_WORDS
    )


def _name_start(words: list[str]) -> int | None:
    """Where the person's name begins in a run of capitalised words, or None if the run names no one."""
    for index, word in enumerate(words[:-1]):
        if word in HONORIFICS:
            if all(w.lower() in ROLE_WORDS or w in FUNCTION_WORDS for w in words[index + 1 :]):
                return None  # "the Lord Chancellor", "Lord President of the Council": an office, not a name
            return index
    end = len(words)
    while end and words[end - 1] in POST_NOMINALS:  # "Guy Mansfield QC"
        end -= 1
    # "For the Lib Dems David Laws said": the party's name is no part of his.
    start = max((k for k in range(1, end - 1) if PARTIES.get(_party_key(" ".join(words[:k])))), default=0)
    for index, word in enumerate(words[:end]):
        if index < start:
            continue
        if _month_as_surname(words, index, end):
            continue
        if (
            word in NOT_NAME_WORDS
            or word in ORGANISATION_WORDS
            or word.lower() in ROLE_WORDS
            or word.isupper()
            or word in PARTY_ADJECTIVES
        ):
            start = index + 1
    names = words[start:end]
    if len(names) < 2 or len(names) > 4 or any(w in FUNCTION_WORDS or w.islower() for w in names):
        return None
    return start


PARTY_ADJECTIVES = {
    "Tory",
    "Tories",
    "Labour",
    "Conservative",
    "Liberal",
    "Democrat",
    "Lib",
    "Dem",
    "Green",
    "Scottish",
    "Welsh",
}


_ACRONYM = re.compile(r"[A-Z]{2,6}")
_SPOKESPERSON_FOR = re.compile(r"\bspokes(?:man|woman|person) for (?:the )?$")
_SPOKESPERSON_AFTER = re.compile(r"[’']?s? spokes(?:man|woman|person)\b")
# "The TUC said", "the CBI has warned": initials that speak (not a country's: "the UK wants…").
_SAYS_AFTER = re.compile(
    r" (?:has |have |had |also )*(?:said|says|warned|warns|urged|urges|called|calls|claimed|claims)\b"
)
_COUNTRY_INITIALS = {"UK", "US", "USA", "GB"}


def _is_acronym_of_a_body(body: str, words: list[str], run: re.Match) -> bool:
    """ "A spokesman for the DCA", "a CBI spokesman", "the TUC said": letters in capitals that a spokesperson
    speaks for, or that speak themselves."""
    if len(words) != 1 or not _ACRONYM.fullmatch(words[0]) or words[0] in POST_NOMINALS:
        return False
    return bool(
        _SPOKESPERSON_FOR.search(body, max(0, run.start() - 30), run.start())
        or _SPOKESPERSON_AFTER.match(body, run.end())
        or (words[0] not in _COUNTRY_INITIALS and _SAYS_AFTER.match(body, run.end()))
    )


def _surname_only(words, offsets, run, full_names, genders, possessive) -> Mention | None:
    """A single capitalised word that is the surname of someone already named in full ("Blair")."""
    word = words[-1]
    if len(words) > 2 or word in FUNCTION_WORDS or word in NOT_NAME_WORDS:
        return None
    for full in reversed(full_names):
        if full.split(" ")[-1] == word:
            return Mention(offsets[-1], run.end(), full, PERSON, possessive, genders.get(full, ""))
    return None


def _resolve(words: list[str], full_names: list[str]) -> tuple[str, str]:
    """Map "Mr Howard" to "Michael Howard", "Sir John" to "Sir John Stevens"; remember full names."""
    gender = {"Mr": "m", "Sir": "m", "Lord": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "Dame": "f", "Lady": "f"}
    found_gender = gender.get(words[0], "")
    if words[0] in SURNAME_HONORIFICS and len(words) >= 3:
        words = words[1:]  # "Dr Ruth Ellis" is "Ruth Ellis"
    elif words[0] in SURNAME_HONORIFICS and len(words) == 2:
        surname = words[1]
        for full in reversed(full_names):
            if full.endswith(" " + surname) and not full.startswith(words[0] + " "):
                return full, found_gender
        return " ".join(words), found_gender
    name = " ".join(words)
    for full in reversed(full_names):
        if full.startswith(name + " "):
            return full, found_gender
    if name not in full_names:
        full_names.append(name)
    return name, found_gender


def _note_role(body: str, mention: Mention, roles: dict[str, str]) -> str:
    """Remember "Tory leader Michael Howard" and "Michael Howard, the Tory leader," as roles of that person.

    Returns the words that introduce the person (empty if none).
    """
    line_start = max(body.rfind("\n", 0, mention.start), body.rfind(". ", 0, mention.start), mention.start - 60, 0)
    before = body[line_start : mention.start]
    introduction = ""
    if role := _role_tail(before):
        _remember(roles, role, mention.name)
        introduction = role
    after = body[mention.end : mention.end + 80]
    apposition = re.match(r"(?: [A-Z]{2,3})?,\s+(?:the |a |[\w’']+[’']s )?([^,.;\"“”]{3,60}?),", after)
    if apposition and (role := _role_tail(apposition.group(1))):
        _remember(roles, role, mention.name)
        introduction += " " + apposition.group()
    elif apposition and _OPPOSITION.search(apposition.group(1)):
        introduction += " " + apposition.group()
    return introduction


def _words_before(body: str, position: int) -> str:
    """The words that lead up to a name in its clause ("Lib Dem home affairs spokesman"; "For the Lib Dems,")."""
    start = max(body.rfind("\n", 0, position), body.rfind(". ", 0, position), body.rfind('"', 0, position), 0)
    words = body[start:position].split()
    leading = re.match(r"\s*(?:For|Among|From) (?:the )?([^,]{2,30}),\s*$", body[start:position])
    return " ".join(words[-6:]) + (" " + leading.group(1) if leading else "")


def party_in(text: str) -> str:
    """The party a text names ("Lib Dem home affairs spokesman" -> "the Liberal Democrats"), or ""."""
    for match in _PARTY_WORD.finditer(text):
        key = match.group().lower().replace("’", "'").removesuffix("'s").removesuffix(" party")
        if key in PARTIES:
            return PARTIES[key]
    return ""


def _the_party(introduction: str, mentions: list[Mention]) -> str:
    """ "the party's Treasury spokesman": the party last named."""
    if not re.search(r"\bthe party[’']s\b", introduction):
        return ""
    return next((m.name for m in reversed(mentions) if m.name in PARTY_NAMES), "")


_PARTY_WORD = re.compile(
    r"\b(?:" + "|".join(sorted((re.escape(k) for k in PARTIES), key=len, reverse=True)) + r")(?:[’']s)?\b",
    re.IGNORECASE,
)
_OFFICE = re.compile(r"\b(?:minister|secretary|chancellor|premier|attorney general|solicitor general)\b", re.IGNORECASE)
GOVERNMENT_BODIES = {"the government", "Ministers"}
PARTY_NAMES = set(PARTIES.values())
_OPPOSITION = re.compile(r"\b(?:shadow|opposition|critics?|campaigners?)\b", re.IGNORECASE)


def _role_tail(text: str) -> str:
    """The role words a text ends with ("Tory co-chairman", "shadow home secretary"), or ""."""
    words = text.split()
    if not words or words[-1].lower() not in ROLE_WORDS:
        return ""
    taken = [words[-1]]
    for word in reversed(words[-4:-1]):
        if not word[-1].isalnum():
            break
        taken.insert(0, word)
    return " ".join(taken)


def _remember(roles: dict[str, str], phrase: str, name: str) -> None:
    """Each ending of a role phrase that ends in a role word: "shadow home secretary", "home secretary", ..."""
    words = _role_key(phrase)
    # A "shadow chancellor" is not "the chancellor": a qualifier stays part of every shorter form.
    qualified = max((i for i, word in enumerate(words) if word in _QUALIFIERS), default=len(words) - 1)
    for length in range(len(words) - qualified, len(words) + 1):
        roles.setdefault(" ".join(words[-length:]), name)


def _role_key(phrase: str) -> list[str]:
    words = re.findall(r"[\w-]+", phrase.lower())[-3:]
    while words and (words[0] in _NOT_ROLE or words[0].capitalize() in FUNCTION_WORDS):
        words = words[1:]
    return words


_QUALIFIERS = {"shadow", "deputy", "vice", "junior", "assistant", "acting", "former"}
_NOT_ROLE = {"the", "a", "an", "ex", "his", "her", "its", "their", "new", "then"}


def _party_key(text: str) -> str:
    return _strip_article(text).lower().removesuffix(" party").removesuffix("'s").removesuffix("’s")


def _strip_article(text: str) -> str:
    return text[4:] if text.startswith(("The ", "the ")) else text


__all__ = ["BODY", "PERSON", "Cast", "Mention", "read_cast"]
