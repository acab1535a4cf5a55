"""What a sentence shows of a pledge or a criticism: named, explainable features.

Each feature is a fact about the sentence an editor can check ("a commitment verb",
"reported from a named person", "critical words: waste, unfair"), and each of its words
is one too ("the word 'pledged'"), stemmed so that the forms of a word weigh alike. A linear
model (`model.py`) weighs them; the weights come from labelled articles (`bench/train_suggestions.py`).
"""

import re
from functools import lru_cache
from itertools import pairwise

import Stemmer

from .attribution import Attribution
from .people import Cast
from .sentences import Sentence
from .words import CRITICAL_WORDS, FORECAST_CUES, POLICY_WORDS, PRAISE_WORDS, SCHEDULE_CUES, UNWEIGHED_WORDS

_WORD = re.compile(r"[a-z][a-z’'-]*")
_FUTURE_WORDS = {"will", "would", "shall", "won't", "won’t", "wouldn't", "wouldn’t", "'ll", "’ll"}
# Words that, followed by "to", speak of the future: "is to", "plans to", "set to".
_BEFORE_TO = {
    "is",
    "are",
    "was",
    "were",
    "set",
    "due",
    "going",
    "plan",
    "plans",
    "planned",
    "want",
    "wants",
    "intend",
    "intends",
    "aim",
    "aims",
    "hope",
    "hopes",
    "expect",
    "expects",
}
_COMMITMENT_STEM = re.compile(r"\b(?:pledg|promis|vow|commit|guarante|undert)")
_COMMITMENT_WORDS = {"manifesto", "policy", "policies", "proposal", "proposals", "plan", "plans", "package", "scheme"}
# What a government or party says it will do.
DELIVERY_VERBS = {
    "introduce",
    "introduced",
    "create",
    "created",
    "scrap",
    "scrapped",
    "abolish",
    "abolished",
    "cut",
    "raise",
    "raised",
    "increase",
    "increased",
    "end",
    "ended",
    "replace",
    "replaced",
    "provide",
    "provided",
    "fund",
    "funded",
    "spend",
    "spent",
    "invest",
    "invested",
    "give",
    "given",
    "offer",
    "offered",
    "ban",
    "banned",
    "build",
    "built",
    "launch",
    "launched",
    "set",
    "boost",
    "boosted",
    "extend",
    "extended",
    "reduce",
    "reduced",
    "double",
    "doubled",
    "recruit",
    "recruited",
    "publish",
    "published",
    "hold",
    "held",
    "review",
    "reviewed",
    "strengthen",
    "strengthened",
    "tackle",
    "protect",
    "protected",
    "guarantee",
    "guaranteed",
    "freeze",
    "frozen",
    "allow",
    "allowed",
    "require",
    "required",
    "deliver",
    "delivered",
    "reform",
    "reformed",
    "put",
    "make",
    "made",
    "start",
    "close",
    "closed",
    "open",
    "opened",
    "pay",
    "paid",
    "appoint",
    "appointed",
    "report",
}
_NEGATION_WORDS = {
    "not",
    "no",
    "never",
    "nothing",
    "cannot",
    "can't",
    "can’t",
    "don't",
    "don’t",
    "doesn't",
    "doesn’t",
    "didn't",
    "didn’t",
    "isn't",
    "isn’t",
    "won't",
    "won’t",
    "failed",
    "fails",
    "failure",
}
_BEFORE_TO_RE = re.compile(r"\b(?:" + "|".join(sorted(_BEFORE_TO)) + r") to\b")
_DELIVERY = re.compile(r"\b(?:be|will|would|to|shall) (?:" + "|".join(sorted(DELIVERY_VERBS)) + r")\b")
_FORECAST = re.compile("|".join(re.escape(cue) for cue in FORECAST_CUES))
_SCHEDULE = re.compile("|".join(re.escape(cue) for cue in SCHEDULE_CUES))
_FIRST_PERSON_WORDS = {"we", "our", "us"}
_CONDITION_WORDS = {"if", "unless", "whether"}
_NORMATIVE = re.compile(r"\b(?:should|must|ought|needs? to|needed to|has to|have to|had to)\b")
_DOUBTS = re.compile(
    r"\b(?:rais\w* (?:questions|concerns|doubts)|call(?:s|ed)? for|demand\w*|questions? (?:over|about))\b"
)
_ANAPHORA = re.compile(
    r"[\"“]?(?:These|This|They|Those|It|The (?:plans?|package|proposals?|measures?|scheme))\b"
    r" (?:will|would|also|include|includes|included|are|is)\b"
)
_CUES_BY_CAMP = (
    "future",
    "critical words",
    "negation",
    "should or must",
    "question",
    "commitment words",
    "money or figures",
    "first person",
)
_MONEY = re.compile(r"[£$€]\s?\d|\d\s?(?:%|per cent|million|billion|bn\b|m\b)")


def sentence_features(body: str, sentence: Sentence, attribution: Attribution, cast: Cast) -> dict[str, float]:
    """The features of one sentence, by name; absent features are 0."""
    text = body[sentence.start : sentence.end]
    lowered = text.lower()
    words = _WORD.findall(lowered)
    features: dict[str, float] = {}

    # Who says it, and how we know.
    features[f"attributed:{attribution.how or 'none'}"] = 1.0
    features[f"speaker:{attribution.kind or 'none'}"] = 1.0
    if attribution.verb_kind:
        features[f"speech verb:{attribution.verb_kind}"] = 1.0
    share = sentence.quoted_share(body)
    features["quoted:most" if share > 0.6 else "quoted:some" if share > 0 else "quoted:none"] = 1.0
    if sentence.carries_quote:
        features["quotation goes on"] = 1.0
    if sentence.in_list:
        features["list item"] = 1.0

    # Commitment: the future, promising words, money, policy.
    word_set = set(words)
    future = bool(word_set & _FUTURE_WORDS) or ("to" in word_set and bool(_BEFORE_TO_RE.search(lowered)))
    if future:
        features["future"] = 1.0
        if _DELIVERY.search(lowered):
            features["future delivery"] = 1.0
    if word_set & _COMMITMENT_WORDS or _COMMITMENT_STEM.search(lowered):
        features["commitment words"] = 1.0
    if _MONEY.search(text):
        features["money or figures"] = 1.0
    if word_set & _FIRST_PERSON_WORDS or " I " in f" {text} ":
        features["first person"] = 1.0
    if word_set & POLICY_WORDS:
        features["policy words"] = 1.0
    if _FORECAST.search(lowered):
        features["forecast"] = 1.0
    if _SCHEDULE.search(lowered):
        features["schedule"] = 1.0
    if word_set & _CONDITION_WORDS:
        features["condition"] = 1.0

    # Criticism: critical words, negation, questions, another party or person as the target.
    critical = word_set & CRITICAL_WORDS
    if critical:
        features["critical words"] = min(len(critical), 3) / 3
    if word_set & PRAISE_WORDS:
        features["praise words"] = 1.0
    negation = bool(word_set & _NEGATION_WORDS)
    if negation:
        features["negation"] = 1.0
    if "?" in text:
        features["question"] = 1.0
    if _NORMATIVE.search(lowered):
        features["should or must"] = 1.0
    if _DOUBTS.search(lowered):
        features["questions or demands"] = 1.0
    speaker_side = cast.side(attribution.speaker)
    rival = own = False
    for mention in cast.between(sentence.start, sentence.end):
        if mention.name == attribution.speaker:
            continue
        side = cast.side(mention.name)
        if side and speaker_side and side != speaker_side:
            rival = True
        elif side and side == speaker_side:
            own = True
        features["names another " + mention.kind] = 1.0
    if speaker_side:
        features["speaker's side known"] = 1.0
    if rival:
        features["names a rival"] = 1.0
    if own:
        features["names own side"] = 1.0
    if attribution.speaker in cast.opponents:
        features["speaker: opposition or critic"] = 1.0

    # Interactions the linear model cannot form itself.
    said = attribution.how in ("named", "pronoun", "role", "quotation goes on")
    if said and future:
        features["reported future"] = 1.0
    if said and critical:
        features["reported critical words"] = features["critical words"]
    if not said and future:
        features["narrated future"] = 1.0
    if rival and (critical or negation):
        features["attacks a rival"] = 1.0
    if rival and future:
        features["a rival's future"] = 1.0
    if future and (own or "first person" in features):
        features["own side's future"] = 1.0
    if future and speaker_side == "government":
        features["a minister's future"] = 1.0
    if future and "money or figures" in features:
        features["money in the future"] = 1.0
    # The same cue means another thing from another camp: a minister's "will" is a promise, an
    # opponent's a warning; a critic's "not" is an attack, a minister's a denial.
    camp = (
        "the opposition or a critic"
        if attribution.speaker in cast.opponents
        else "a known side"
        if speaker_side
        else "an unknown side"
    )
    for name in _CUES_BY_CAMP:
        if name in features:
            features[f"{name}, from {camp}"] = 1.0
    words_count = len(words)
    features["long" if words_count > 25 else "short" if words_count < 8 else "medium"] = 1.0

    # The words themselves, stemmed ("promised" and "promises" are one): what the named features miss.
    for word in word_set:
        if word not in UNWEIGHED_WORDS:
            features[WORD_PREFIX + _stem(word)] = 1.0
    # And each two words in a row, function words included: "called for", "will be", "hit out"
    # say what one word alone does not.
    stems = [_stem(word) for word in words]
    for first, second in pairwise(stems):
        features[f"{PHRASE_PREFIX}{first} {second}"] = 1.0
    return features


WORD_PREFIX = "word:"
PHRASE_PREFIX = "phrase:"
LEXICAL_PREFIXES = (WORD_PREFIX, PHRASE_PREFIX)  # features the trainer keeps only when enough sentences use them
_STEMMER = Stemmer.Stemmer("english")


@lru_cache(maxsize=50_000)
def _stem(word: str) -> str:
    return _STEMMER.stemWord(word.replace("’", "'").strip("'-"))


def describe(name: str, text: str) -> str:
    """A feature's name as a reason shows it: a word or phrase as the sentence writes it ("the words 'called for'")."""
    words = _WORD.findall(text.lower())
    if name.startswith(WORD_PREFIX):
        stem = name.removeprefix(WORD_PREFIX)
        used = next((word for word in words if _stem(word) == stem), stem)
        return f"the word '{used}'"
    if name.startswith(PHRASE_PREFIX):
        stems = tuple(name.removeprefix(PHRASE_PREFIX).split(" "))
        pairs = pairwise(words)
        used = next((f"{a} {b}" for a, b in pairs if (_stem(a), _stem(b)) == stems), " ".join(stems))
        return f"the words '{used}'"
    return name


def add_context_features(items: list) -> None:
    """Features that depend on the sentences around: the lead, and what the same speaker says elsewhere.

    A quotation that runs over several sentences keeps its speaker's stance: a sentence
    learns whether its speaker's other words are critical or look to the future.
    """
    said = ("named", "pronoun", "role", "quotation goes on")
    by_speaker: dict[str, list[dict[str, float]]] = {}
    for item in items:
        if item.attribution.how in said and item.attribution.speaker:
            by_speaker.setdefault(item.attribution.speaker, []).append(item.features)
    for index, item in enumerate(items):
        features = item.features
        if index == 0:
            features["lead sentence"] = 1.0
        others = [f for f in by_speaker.get(item.attribution.speaker, []) if f is not features]
        if item.attribution.how in said and others:
            if any("critical words" in f or "negation" in f or "should or must" in f for f in others):
                features["speaker critical elsewhere"] = 1.0
            if any("future" in f for f in others):
                features["speaker speaks of the future elsewhere"] = 1.0
            if len(others) >= 3:
                features["speaker quoted at length"] = 1.0
        if (
            index
            and _ANAPHORA.match(item.text)
            and (
                "commitment words" in items[index - 1].features
                or items[index - 1].attribution.verb_kind in ("announce", "promise")
            )
        ):
            features["goes on from an announcement"] = 1.0
        if index and item.sentence.carries_quote:
            previous = items[index - 1].features
            for name in ("critical words", "future", "names a rival", "first person"):
                if name in previous:
                    features[f"quotation before: {name}"] = 1.0
