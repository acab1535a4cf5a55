"""The verdict scales: which ratings each kind of statement can get, in order.

One definition serves the models (validation), the admin (choices), the public
site (badges, scoreboards, methodology) and ClaimReview (numeric values).
"""

from dataclasses import dataclass

from django.db import models


class Kind(models.TextChoices):
    PLEDGE = "pledge", "Pledge"
    CRITICISM = "criticism", "Criticism"


class Rating(models.TextChoices):
    NOT_YET_RATED = "not-yet-rated", "Not yet rated"
    IN_THE_WORKS = "in-the-works", "In the works"
    STALLED = "stalled", "Stalled"
    COMPROMISE = "compromise", "Compromise"
    KEPT = "kept", "Kept"
    BROKEN = "broken", "Broken"
    BORNE_OUT = "borne-out", "Borne out"
    PARTLY_BORNE_OUT = "partly-borne-out", "Partly borne out"
    NOT_BORNE_OUT = "not-borne-out", "Not borne out"
    UNVERIFIABLE = "unverifiable", "Unverifiable (opinion)"


@dataclass(frozen=True)
class Step:
    """One rating on a scale, with what it means to a reader."""

    rating: Rating
    meaning: str
    # Position on the judged part of the scale, 1 = worst. None for ratings that
    # do not judge the statement (not yet rated, opinion).
    value: int | None

    @property
    def label(self) -> str:
        return self.rating.label


@dataclass(frozen=True)
class Scale:
    kind: Kind
    steps: tuple[Step, ...]

    @property
    def ratings(self) -> tuple[Rating, ...]:
        return tuple(step.rating for step in self.steps)

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(step.rating.value, step.rating.label) for step in self.steps]

    @property
    def worst_value(self) -> int:
        return min(step.value for step in self.steps if step.value is not None)

    @property
    def best_value(self) -> int:
        return max(step.value for step in self.steps if step.value is not None)

    def step(self, rating: str) -> Step:
        for step in self.steps:
            if step.rating == rating:
                return step
        raise KeyError(f"{rating!r} is not on the {self.kind.label.lower()} scale")

    def position(self, rating: str) -> int:
        """Where the rating stands in the scale's display order (0 = first)."""
        return self.ratings.index(rating)

    def __contains__(self, rating: object) -> bool:
        return rating in self.ratings


PLEDGE_SCALE = Scale(
    kind=Kind.PLEDGE,
    steps=(
        Step(Rating.NOT_YET_RATED, "The desk has not yet found evidence either way.", None),
        Step(Rating.IN_THE_WORKS, "Action has started and is going ahead.", 3),
        Step(Rating.STALLED, "Work has stopped or is held up, for lack of money or will.", 2),
        Step(Rating.COMPROMISE, "Delivered in part, or in a weaker form than promised.", 4),
        Step(Rating.KEPT, "Delivered as promised.", 5),
        Step(Rating.BROKEN, "Not delivered, or abandoned, or now impossible.", 1),
    ),
)

CRITICISM_SCALE = Scale(
    kind=Kind.CRITICISM,
    steps=(
        Step(Rating.NOT_YET_RATED, "The desk has not yet found evidence either way.", None),
        Step(Rating.BORNE_OUT, "Later evidence supports the criticism.", 3),
        Step(Rating.PARTLY_BORNE_OUT, "Later evidence supports part of the criticism.", 2),
        Step(Rating.NOT_BORNE_OUT, "Later evidence contradicts the criticism.", 1),
        Step(Rating.UNVERIFIABLE, "A matter of opinion that evidence cannot settle.", None),
    ),
)

SCALES: dict[str, Scale] = {PLEDGE_SCALE.kind: PLEDGE_SCALE, CRITICISM_SCALE.kind: CRITICISM_SCALE}


def scale_for(kind: str) -> Scale:
    return SCALES[kind]
