"""What a piece of text is about, for the evidence finder: stemmed words, names, numbers and phrases.

A statement and a passage of a later article that speaks to it share these far more often than
they share sentences: "report annually" and "first annual report" share the stems of both words;
"£23m" and "23 million" the same number; "Sir Roger Singleton" a name. Stemming is the Snowball
English stemmer (PyStemmer), the one PostgreSQL's English full-text search uses.
"""

import functools
import re
from dataclasses import dataclass, field

import Stemmer

_STEMMER = Stemmer.Stemmer("english")

# Words too common in news copy to say what a passage is about.
STOPWORDS = frozenset(
    [
        "a", "about", "above", "after", "again", "against", "all", "almost", "also", "although", "always", "am",
        "among", "an", "and", "another", "any", "are", "around", "as", "at", "away", "back", "be", "became",
        "because", "been", "before", "being", "below", "between", "both", "but", "by", "came", "can", "cannot",
        "could", "did", "do", "does", "doing", "done", "down", "during", "each", "either", "else", "even", "ever",
        "every", "few", "for", "from", "further", "get", "gets", "getting", "give", "given", "go", "goes", "going",
        "gone", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
        "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "last", "least",
        "less", "let", "like", "made", "make", "makes", "making", "many", "may", "me", "might", "more", "most",
        "much", "must", "my", "myself", "near", "need", "needs", "never", "new", "next", "no", "nor", "not", "now",
        "of", "off", "often", "on", "once", "one", "only", "or", "other", "others", "our", "ours", "ourselves",
        "out", "over", "own", "per", "put", "rather", "really", "said", "same", "say", "saying", "says", "see",
        "seen", "shall", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "these", "they", "thing", "things", "this", "those",
        "though", "through", "thus", "to", "today", "told", "too", "under", "until", "up", "upon", "us", "very",
        "was", "way", "we", "well", "were", "what", "whatever", "when", "where", "whether", "which", "while", "who",
        "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours",
        "yourself", "mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "told", "tell", "tells", "added",
        "adding", "add", "week", "weeks", "year", "years", "month", "months", "day", "days", "time", "times",
        "people", "part", "parts", "number", "first", "second", "third", "two", "three", "four", "five", "six",
        "seven", "eight", "nine", "ten", "per", "cent", "percent", "around", "including", "include", "includes",
        "already", "however", "told", "spokesman", "spokeswoman", "spokesperson", "statement", "news", "bbc",
    ]
)  # fmt: skip
# Words that say the same thing in news about policy: a pledge to "recruit" is followed up by news
# of "vacancies"; "spent" by "funding". Each group adds one shared term ("~staff") to a text that
# holds any of its words. General vocabulary of reporting on government, not of any story.
CONCEPTS = {
    "~money": "spend spent spending fund funds funded funding invest invested investment cash budget budgets money",
    "~staff": "recruit recruits recruited recruitment recruiting hire hired hiring vacancy vacancies entice enticed "
    "tempt tempted attract attracted retain retained retention shortage shortages unfilled",
    "~computer": "computer computers computerised computing electronic software database databases digital",
    "~reform": "overhaul overhauled reform reforms reformed transform transformed improve improved improvement "
    "revamp shake-up modernise modernised",
    "~report": "report reports reported publish published publication",
    "~law": "law laws bill bills act legislation legislate",
    "~scrap": "scrap scrapped abolish abolished axe axed ban banned drop dropped",
    "~cut": "cut cuts reduce reduced reduction reductions lower lowered slash slashed",
    "~raise": "raise raised rise rises increase increased increases boost boosted",
}
CONCEPT_OF = {word: concept for concept, words in CONCEPTS.items() for word in words.split()}
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}
# Numbers below this say little on their own ("3 schools").
SMALL_NUMBER = 10
MAX_TERM = 40


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def number_key(digits: str, scale: str | None, percent: bool = False) -> str | None:
    """ "£23m", "23 million" and "23,000,000" are one key; years are numbers too."""
    try:
        value = float(digits.replace(",", ""))
    except ValueError:
        return None
    value *= SCALES.get((scale or "").lower(), 1)
    if value < SMALL_NUMBER and not percent:
        return None
    text = f"{value:.0f}" if value == int(value) else f"{value:g}"
    return f"#{text}{'%' if percent else ''}"


@dataclass
class Profile:
    """The terms of one text. `terms` are stems and number keys; `names` the terms written as
    names (capitalised inside a sentence, or acronyms); `pairs` adjacent terms, unordered."""

    terms: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    numbers: set[str] = field(default_factory=set)
    pairs: set[tuple[str, str]] = field(default_factory=set)
    money: bool = False
    # Terms that only give context (a statement's speaker's name), not what the text is about.
    context: set[str] = field(default_factory=set)
    # A readable word for each stem, to explain a match ("annual" for "annual").
    words: dict[str, str] = field(default_factory=dict)

    def update(self, other: "Profile") -> None:
        self.terms |= other.terms
        self.names |= other.names
        self.numbers |= other.numbers
        self.pairs |= other.pairs
        self.money |= other.money
        for key, word in other.words.items():
            self.words.setdefault(key, word)


TOKEN = re.compile(
    r"[£$€]?\d[\d,]*(?:\.\d+)?(?:\s?(?:bn|billion|m|million|k|thousand)\b)?(?:\s?%|\s?per\s?cent)?"
    r"|[A-Za-z][A-Za-z'’]*"
    r"|[.!?:;\"“”\n]"
)
NUMBER_PARTS = re.compile(r"([£$€]?)\s?(\d[\d,]*(?:\.\d+)?)\s?([a-z]*)\s?(%|per\s?cent)?", re.IGNORECASE)
STOPS = frozenset('.!?:;"“”\n')
# What each lower-case word becomes: (its term, or None for a stop word; the concept it belongs to, or None).
_WORDS: dict[str, tuple[str | None, str | None]] = {}


def _word(lower: str) -> tuple[str | None, str | None]:
    known = _WORDS.get(lower)
    if known is None:
        term = None if len(lower) < 3 or lower in STOPWORDS else stem(lower)[:MAX_TERM]
        known = _WORDS[lower] = (term, CONCEPT_OF.get(lower))
        if len(_WORDS) > 500_000:
            _WORDS.clear()
    return known


def _number(token: str) -> tuple[str | None, bool]:
    """A number token's key, and whether it is a sum of money."""
    parts = NUMBER_PARTS.match(token)
    currency, digits, scale, percent = parts.groups()
    return number_key(digits, scale, bool(percent)), bool(currency)


MONEY = "~money"
# What follows an apostrophe and is not part of the word: possessives and contractions.
_CLITIC = re.compile(r"['’](?:s|ll|re|ve|d|m|t)?$", re.IGNORECASE)


def _without_clitic(token: str) -> str:
    """ "Blair's" -> "Blair", "they'll" -> "they", "don't" -> "do" ("n't" goes with the t)."""
    word = _CLITIC.sub("", token)
    if word.lower().endswith("n") and token.lower().endswith(("n't", "n’t")):
        word = word[:-1]
    return word


def profile(text: str) -> Profile:
    """The terms of `text`, in one pass over its tokens."""
    result = Profile()
    terms, names, pairs, words = result.terms, result.names, result.pairs, result.words
    previous: str | None = None
    sentence_start = True
    for token in TOKEN.findall(text):
        first = token[0]
        if first in STOPS:
            previous, sentence_start = None, True
            continue
        if first.isalpha():
            if "'" in token or "’" in token:
                token = _without_clitic(token)
                if not token:
                    continue
            lower = token.lower()
            # "IT systems" is information technology, not the pronoun.
            key, concept = (None, "~computer") if token == "IT" else _word(lower)
            if concept is not None:
                terms.add(concept)
                words.setdefault(concept, concept[1:])
            if key is None:
                previous, sentence_start = None, False
                continue
            is_name = (first.isupper() and not sentence_start) or (len(token) > 2 and token.isupper())
            if is_name:
                names.add(key)
            sentence_start = False
            word = token if is_name else lower  # shown in reasons as written: "Clarke", "BAA"
        else:
            key, money = _number(token)
            if money:  # a sum of money is money, whatever words surround it ("an extra £23m")
                result.money = True
                terms.add(MONEY)
                words.setdefault(MONEY, MONEY[1:])
            if key is None:
                previous = None
                continue
            result.numbers.add(key)
            word = token
        terms.add(key)
        if key not in words:
            words[key] = word
        if previous is not None and previous != key:
            pairs.add((previous, key) if previous < key else (key, previous))
        previous = key
    return result


PARAGRAPH = re.compile(r"\n\s*\n")
SENTENCE = re.compile(r"[.!?][\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9£])")
# A paragraph longer than this is cut into runs of sentences of about this length.
PASSAGE_CHARS = 500
MIN_PASSAGE_WORDS = 6


def is_heading(text: str) -> bool:
    """A short line without a sentence's end: a crosshead ("Social worker vacancies"), caption or furniture."""
    return len(text.split()) < MIN_PASSAGE_WORDS and not text.rstrip().endswith((".", "!", "?", '"', "”"))


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    heading: str  # the crosshead the passage stands under, or ""


def passages(body: str) -> list[Passage]:
    """The body cut into passages: paragraphs, long ones into runs of sentences, each with the
    crosshead it stands under (context for what it is about). Short lines (headings, captions,
    page furniture) are not passages themselves: they are no evidence alone."""
    found = []
    heading = ""
    offset = 0
    for piece in PARAGRAPH.split(body):
        start = body.index(piece, offset) if piece else offset
        offset = start + len(piece)
        first = start + len(piece) - len(piece.lstrip())
        last = start + len(piece.rstrip())
        if first >= last:
            continue
        text = body[first:last]
        if len(text.split()) < MIN_PASSAGE_WORDS:
            if is_heading(text):
                heading = text
            continue
        if last - first <= PASSAGE_CHARS:
            found.append(Passage(first, last, heading))
            continue
        run_start = first
        for match in SENTENCE.finditer(body, first, last):
            if match.start() - run_start >= PASSAGE_CHARS // 2:
                found.append(Passage(run_start, match.start() + len(match.group(0).rstrip()), heading))
                run_start = match.end()
        found.append(Passage(run_start, last, heading))
    return [passage for passage in found if len(body[passage.start : passage.end].split()) >= MIN_PASSAGE_WORDS]
