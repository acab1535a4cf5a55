"""How good the importer's suggestions are: precision, recall and speakers against hand-tagged statements.

A suggestion matches a tagged statement when their kinds agree and their character
spans overlap substantially. Two overlap rules exist:

- "overlap": the shared characters are at least half of the shorter span. An editor
  can accept such a suggestion and trim it (a suggestion holding a whole sentence
  matches a statement that quotes most of it, or the clause it is about). This is the
  rule the labelled development set (`../shared/suggestions-dev/README.md`) scores by.
- "strict": intersection over union is at least one half: the two spans are roughly
  the same passage.

The seeds have one tagger (`score`). The labelled development set has two annotators
working independently (`score_two_annotators`): precision counts suggestions that
match a statement either of them labelled, recall counts the statements both labelled
that some suggestion matches. Speaker: of the statements found, those whose closest
suggestion names the same person or body as an annotator did (`same_speaker`).
"""

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

Span = tuple[int, int]


@dataclass(frozen=True)
class Tagged:
    """A passage of an article with its kind and speaker, from either side of the comparison."""

    kind: str
    start: int
    end: int
    speaker: str = ""


def overlap(a: Tagged, b: Tagged) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def overlaps_shorter(a: Tagged, b: Tagged) -> bool:
    return overlap(a, b) * 2 >= min(a.end - a.start, b.end - b.start)


def overlaps_union(a: Tagged, b: Tagged) -> bool:
    union = max(a.end, b.end) - min(a.start, b.start)
    return overlap(a, b) * 2 >= union


RULES: dict[str, Callable[[Tagged, Tagged], bool]] = {"overlap": overlaps_shorter, "strict": overlaps_union}

# Words that do not tell one speaker from another: articles, honorifics, post-nominals, "party".
_IGNORED_WORDS = {
    "the",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "professor",
    "prof",
    "rev",
    "qc",
    "mp",
    "msp",
    "mep",
    "am",
    "party",
    "uk",
    "british",
}
# One body under several names: the British parties as news copy names them.
_BODIES = {
    "tory": "conservatives",
    "tories": "conservatives",
    "conservative": "conservatives",
    "conservatives": "conservatives",
    "lib dem": "liberal democrats",
    "lib dems": "liberal democrats",
    "liberal democrat": "liberal democrats",
    "liberal democrats": "liberal democrats",
    "labour": "labour",
    "new labour": "labour",
    "ukip": "ukip",
    "uk independence": "ukip",
    "snp": "snp",
    "scottish national": "snp",
}
_NAME_WORD = re.compile(r"[\w’'-]+")


def speaker_words(name: str) -> tuple[str, ...]:
    """A speaker's name reduced to the words that identify them ("The Tories" and "the Tories" alike)."""
    words = [word.replace("’", "'") for word in _NAME_WORD.findall(name.casefold())]
    words = [word.removesuffix("'s") for word in words if word not in _IGNORED_WORDS]
    joined = " ".join(words)
    return (_BODIES[joined],) if joined in _BODIES else tuple(words)


def same_speaker(suggested: str, labelled: str) -> bool:
    """Whether two names name the same person or body.

    Equal once honorifics, "the" and "party" are dropped ("Mr Blair" is "Blair"), the same
    British party under another name ("the Tories" is "the Conservatives"), or the same
    surname where one of the two gives no first name ("Mr Howard" is "Michael Howard", but
    "Cherie Blair" is not "Tony Blair"). A label naming several ("Michael Howard and Oliver
    Letwin") is matched by any one of them.
    """
    ours = speaker_words(suggested)
    if not ours:
        return False
    for part in re.split(r"\s+(?:and|&)\s+|,\s*", labelled):
        theirs = speaker_words(part)
        if not theirs:
            continue
        if ours == theirs:
            return True
        if ours[-1] == theirs[-1] and (len(ours) == 1 or len(theirs) == 1):
            return True
    return False


@dataclass
class Score:
    suggestions: int = 0
    statements: int = 0
    true_suggestions: int = 0
    found_statements: int = 0
    right_speaker: int = 0
    missed: list[Tagged] = field(default_factory=list)
    unmatched: list[Tagged] = field(default_factory=list)
    wrong_speaker: list[tuple[Tagged, Tagged]] = field(default_factory=list)  # (statement, its suggestion)

    @property
    def precision(self) -> float:
        return self.true_suggestions / self.suggestions if self.suggestions else 0.0

    @property
    def recall(self) -> float:
        return self.found_statements / self.statements if self.statements else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def speaker_share(self) -> float:
        return self.right_speaker / self.found_statements if self.found_statements else 0.0

    def add(self, other: "Score") -> None:
        for name in ("suggestions", "statements", "true_suggestions", "found_statements", "right_speaker"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.unmatched += other.unmatched
        self.wrong_speaker += other.wrong_speaker


def score(suggestions: Iterable[Tagged], statements: Iterable[Tagged], *, rule: str = "overlap") -> Score:
    """Compare one article's suggestions with one tagger's statements under a matching rule."""
    statements = list(statements)
    return _score(list(suggestions), statements, [(s, [s]) for s in statements], RULES[rule])


def score_two_annotators(
    suggestions: Iterable[Tagged], first: Iterable[Tagged], second: Iterable[Tagged], *, kind: str = ""
) -> Score:
    """Score one article against two annotators by the development set's rule (see the module's docstring).

    A statement both labelled is one of the first annotator's that matches one of the
    second's (same kind, half of the shorter span shared); a suggestion finds it when it
    matches either annotator's span of it, and names its speaker when it names either's.
    With `kind`, only suggestions and statements of that kind count.
    """
    suggestions, first, second = list(suggestions), list(first), list(second)
    if kind:
        suggestions, first, second = ([t for t in items if t.kind == kind] for items in (suggestions, first, second))
    both = []
    for statement in first:
        versions = [statement, *(other for other in second if _matches(other, statement))]
        if len(versions) > 1:
            both.append((statement, versions))
    return _score(suggestions, first + second, both, _matches)


def _matches(a: Tagged, b: Tagged) -> bool:
    return a.kind == b.kind and overlaps_shorter(a, b)


def _score(
    suggestions: list[Tagged],
    labelled: list[Tagged],
    statements: list[tuple[Tagged, list[Tagged]]],
    matches: Callable[[Tagged, Tagged], bool],
) -> Score:
    """Precision against `labelled`; recall, speaker against `statements` (each with its labelled versions)."""
    result = Score(suggestions=len(suggestions), statements=len(statements))
    for suggestion in suggestions:
        if any(s.kind == suggestion.kind and matches(s, suggestion) for s in labelled):
            result.true_suggestions += 1
        else:
            result.unmatched.append(suggestion)
    for statement, versions in statements:
        found = [
            (overlap(s, version), -index, s)
            for index, s in enumerate(suggestions)
            for version in versions
            if s.kind == statement.kind and matches(s, version)
        ]
        if not found:
            result.missed.append(statement)
            continue
        result.found_statements += 1
        closest = max(found, key=lambda item: item[:2])[2]  # the most overlap; the first suggestion on a tie
        if any(same_speaker(closest.speaker, version.speaker) for version in versions):
            result.right_speaker += 1
        else:
            result.wrong_speaker.append((statement, closest))
    return result


@dataclass(frozen=True)
class LabelledArticle:
    """One article of a labelled set: the body as the importer reads it, and each annotator's statements."""

    name: str
    half: str  # "development" (studied while writing the rules) or "held-out" (only ever scored)
    body: str
    first: list[Tagged]
    second: list[Tagged]


LABEL_FILES = ("labels-a.json", "labels-b.json")
HALVES = ("development", "held-out")


def read_labelled_set(folder: Path) -> list[LabelledArticle]:
    """Read a labelled set laid out as `../shared/suggestions-dev/` is (see its README), in file name order.

    Each article is parsed as `import_articles` parses it, and each label's quote located in
    that body (its first occurrence); ValueError if a quote is not there. The halves are fixed
    by a hash: ordered by the SHA-256 of their names, the first half of the files is the
    development half, the rest the held-out half.
    """
    from .importing import read_article

    annotators = [json.loads((folder / name).read_text(encoding="utf-8")) for name in LABEL_FILES]
    paths = sorted((folder / "articles").glob("*.txt"), key=lambda path: hashlib.sha256(path.name.encode()).digest())
    articles = []
    for index, path in enumerate(paths):
        _, parsed = read_article(data=path.read_bytes(), filename=path.name)
        first, second = ([_locate(parsed.body, path.name, i) for i in found.get(path.name, [])] for found in annotators)
        half = HALVES[0] if index < len(paths) // 2 else HALVES[1]
        articles.append(LabelledArticle(path.name, half, parsed.body, first, second))
    return sorted(articles, key=lambda article: article.name)


def read_seeds(folder: Path) -> list[LabelledArticle]:
    """The seed articles with the statements `demo.yaml` tags in them (one tagger: both sides are the same)."""
    import yaml

    from .importing import read_article
    from .tagging import locate_quote

    spec = yaml.safe_load((folder / "demo.yaml").read_text(encoding="utf-8"))
    speakers = {item["slug"]: item["name"] for item in spec["speakers"]}
    articles = []
    for item in spec["articles"]:
        path = folder / item["file"]
        _, parsed = read_article(data=path.read_bytes(), filename=path.name)
        statements = []
        for statement in spec["statements"]:
            if statement["article"] == item["key"]:
                start, end = locate_quote(parsed.body, statement["quote"])
                statements.append(Tagged(statement["kind"], start, end, speakers[statement["speaker"]]))
        articles.append(LabelledArticle(path.name, "seed", parsed.body, statements, statements))
    return articles


def _locate(body: str, name: str, item: dict) -> Tagged:
    start = body.find(item["quote"])
    if start < 0:
        raise ValueError(f"{name}: a labelled quote is not in the article's body: {item['quote'][:60]!r}")
    return Tagged(item["kind"], start, start + len(item["quote"]), item["speaker"])
