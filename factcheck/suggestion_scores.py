"""How good the importer's suggestions are: precision and recall against hand-tagged statements.

A suggestion matches a tagged statement when their kinds agree and their character
spans overlap substantially. Two rules are reported:

- "overlap": the shared characters are at least half of the shorter span. An editor
  can accept such a suggestion and trim it (a suggestion holding a whole sentence
  matches a statement that quotes most of it, or the clause it is about).
- "strict": intersection over union is at least one half: the two spans are roughly
  the same passage.

Precision is the share of suggestions that match some statement; recall is the share
of statements that some suggestion matches.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

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


@dataclass
class Score:
    suggestions: int = 0
    statements: int = 0
    true_suggestions: int = 0
    found_statements: int = 0
    right_speaker: int = 0
    missed: list[Tagged] = field(default_factory=list)
    unmatched: list[Tagged] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_suggestions / self.suggestions if self.suggestions else 0.0

    @property
    def recall(self) -> float:
        return self.found_statements / self.statements if self.statements else 0.0

    def add(self, other: "Score") -> None:
        for name in ("suggestions", "statements", "true_suggestions", "found_statements", "right_speaker"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.missed += other.missed
        self.unmatched += other.unmatched


def score(suggestions: Iterable[Tagged], statements: Iterable[Tagged], *, rule: str = "overlap") -> Score:
    """Compare one article's suggestions with its tagged statements under a matching rule."""
    matches = RULES[rule]
    suggestions, statements = list(suggestions), list(statements)
    result = Score(suggestions=len(suggestions), statements=len(statements))
    for suggestion in suggestions:
        if any(s.kind == suggestion.kind and matches(s, suggestion) for s in statements):
            result.true_suggestions += 1
        else:
            result.unmatched.append(suggestion)
    for statement in statements:
        found = [s for s in suggestions if s.kind == statement.kind and matches(s, statement)]
        if found:
            result.found_statements += 1
            result.right_speaker += any(s.speaker == statement.speaker for s in found)
        else:
            result.missed.append(statement)
    return result
