"""Spot candidate statements in an article's body, for editors to accept or dismiss.

A first pass, not a judgement. The body is split into sentences (`sentences.py`), each
sentence is attributed to whoever says it (`people.py`, `attribution.py`), described by
named features and its own words (`features.py`), and scored by two small linear models, one
per kind (`model.py`, weights trained by `bench/train_suggestions.py` on labelled real articles).
A sentence that scores above its kind's threshold becomes a suggestion of that kind (of the kind
it passes by more, if both), with its speaker, a short title (`titles.py`) and the reason: the
features that weighed most. A few forms of a pledge the labelled articles are too rare in to teach
the models are suggested by rule (`rules.py`), and say so.
`bench/suggestions.py` measures it on labelled articles; `suggestion_report` on the seeds.
"""

import re
from dataclasses import dataclass

from ..scales import Kind
from .attribution import UNATTRIBUTED, Attribution, attribute, in_the_writers_words, readers_comments_from
from .features import add_context_features, describe, sentence_features
from .model import KindModel, load_models
from .people import read_cast
from .rules import PROPOSALS_INTRO, is_a_denial, pledge_by_rule, reported_attack, reported_commitment
from .sentences import Sentence, read_sentences
from .titles import title_for

_MIN_WORDS = 4
_LIST_GOES_ON = re.compile(r"[\"“]?(?:These|They|This|It|Those) (?:include|includes|will include|would include)\b")


@dataclass(frozen=True)
class Candidate:
    kind: str
    start: int
    end: int
    quote: str
    speaker_name: str
    reason: str
    title: str


@dataclass(frozen=True)
class Analysed:
    """One sentence with what the suggester found out about it."""

    sentence: Sentence
    attribution: Attribution
    features: dict[str, float]
    text: str


def analyse(body: str) -> list[Analysed]:
    """Every sentence of the body with its attribution and features (what the models score)."""
    sentences = read_sentences(body)
    cast = read_cast(body)
    attributions = attribute(body, sentences, cast)
    items = [
        Analysed(
            sentence,
            attribution,
            sentence_features(body, sentence, attribution, cast),
            body[sentence.start : sentence.end],
        )
        for sentence, attribution in zip(sentences, attributions, strict=True)
    ]
    add_context_features(items)
    return items


def suggest_statements(body: str) -> list[Candidate]:
    """Candidate pledges and criticisms in `body`, in reading order, with exact offsets."""
    return [
        Candidate(
            chosen.kind,
            chosen.start,
            chosen.end,
            body[chosen.start : chosen.end],
            chosen.speaker,
            chosen.reason,
            title_for(body, chosen.item.sentence, chosen.kind),
        )
        for chosen in choose(body, analyse(body), load_models())
    ]


@dataclass(frozen=True)
class Chosen:
    """A sentence chosen as a suggestion: its kind, trimmed offsets, speaker and reason."""

    item: Analysed
    kind: str
    start: int
    end: int
    speaker: str
    reason: str


def choose(body: str, items: list[Analysed], models: dict[str, KindModel]) -> list[Chosen]:
    """Which sentences become suggestions, of which kind, said by whom and why: the suggester's one
    decision, which the trainer's cross-validation runs too (bench/train_suggestions.py)."""
    chosen: list[Chosen] = []
    previous_pledge: Chosen | None = None
    under_proposals = False  # the list now being read was introduced as plans
    comments = readers_comments_from(body, [i.sentence for i in items], [i.attribution for i in items])
    for item in items:
        if comments is not None and item.sentence.paragraph >= comments and item.attribution.how in UNATTRIBUTED:
            continue
        if not item.sentence.in_list:
            under_proposals = item.text.rstrip().endswith(":") and bool(PROPOSALS_INTRO.search(item.text))
        start, end = _trim(body, item.sentence.start, item.sentence.end)
        if len(body[start:end].split()) < _MIN_WORDS or in_the_writers_words(body, item.sentence, item.attribution):
            continue
        speaker = item.attribution.speaker
        # Forms of a pledge no labelled article teaches the models (rules.py), and a list of proposals going on.
        reason = pledge_by_rule(
            body, item.sentence, item.attribution, future="future" in item.features, under_proposals=under_proposals
        )
        if not reason and previous_pledge and _LIST_GOES_ON.match(item.text):
            reason = "Pledge: goes on listing the proposals of the sentence before"
            speaker = previous_pledge.speaker
        previous_pledge = None
        if reason:
            previous_pledge = Chosen(item, Kind.PLEDGE, start, end, speaker, reason)
            chosen.append(previous_pledge)
            continue
        if is_a_denial(body, item.sentence):
            continue
        # One kind a sentence: the one whose score stands furthest above its threshold.
        scores = {kind: models[kind].probability(item.features) for kind in (Kind.PLEDGE, Kind.CRITICISM)}
        kind = max(scores, key=lambda k: scores[k] - models[k].threshold)
        if scores[kind] >= models[kind].threshold:
            why = "; ".join(describe(name, item.text) for name in models[kind].reasons(item.features))
            reason = f"{Kind(kind).label} score {scores[kind]:.2f}: {why}"
        elif reason := reported_commitment(body, item.sentence):
            kind = Kind.PLEDGE  # what the models do not take for a criticism either
        elif reason := reported_attack(body, item.sentence, item.attribution):
            kind = Kind.CRITICISM
        else:
            continue
        candidate = Chosen(item, kind, start, end, speaker, reason[:200])
        chosen.append(candidate)
        if kind == Kind.PLEDGE:
            previous_pledge = candidate
    return chosen


def _trim(body: str, start: int, end: int) -> tuple[int, int]:
    """Without white space, dangling quotation marks and list punctuation at either end."""
    strip = ' \t\n"“”,;:–—-'
    while start < end and body[start] in strip:
        start += 1
    while end > start and body[end - 1] in strip:
        end -= 1
    return start, end
