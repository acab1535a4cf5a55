"""The weights that turn a sentence's features into a pledge or criticism score.

Two logistic regressions, one per kind, over the named features of `features.py`.
`weights.json` beside this file is written by `bench/train_suggestions.py` from the
labelled articles in `../shared/suggestions-dev/`, and is reproduced exactly by running
it again. Scoring is a dot product in plain Python: nothing to install, nothing to download.
"""

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

WEIGHTS = Path(__file__).with_name("weights.json")


@dataclass(frozen=True)
class KindModel:
    """One kind's weights, its intercept and the score from which a sentence is suggested."""

    weights: dict[str, float]
    intercept: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def reasons(self, features: dict[str, float], count: int = 3) -> list[str]:
        """The features that raised the score most, strongest first."""
        contributions = [
            (self.weights.get(name, 0.0) * value, name)
            for name, value in features.items()
            if self.weights.get(name, 0.0) * value > 0
        ]
        return [name for _, name in sorted(contributions, reverse=True)[:count]]


@cache
def load_models(path: Path = WEIGHTS) -> dict[str, KindModel]:
    """The per-kind models in `path` (read once per process)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        kind: KindModel(model["weights"], model["intercept"], model["threshold"])
        for kind, model in data["kinds"].items()
    }
