"""Guards on the suggester's quality measured on the labelled real articles in ../shared/suggestions-dev.

Two kinds of floor, each a little under what the benchmarks printed (see the README):
- cross-validated: models retrained by `bench/train_suggestions.py` with each article scored only by
  models that never saw it; the figure that says how the suggester does on articles nobody tuned it on;
- in-sample: the committed weights on the articles they were trained on, which catches a change in the
  pipeline (sentences, attribution, features) that the committed weights no longer fit.
"""

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from factcheck.suggesting import suggest_statements
from factcheck.suggestion_scores import Score, Tagged, read_labelled_set, read_seeds, score_two_annotators

FOLDER = Path(settings.BASE_DIR).parent / "shared" / "suggestions-dev"
TRAINING_SCRIPT = Path(settings.BASE_DIR) / "bench" / "train_suggestions.py"


@pytest.fixture(scope="module")
def labelled():
    if not (FOLDER / "labels-a.json").exists():
        pytest.fail(f"The labelled development set is not at {FOLDER} (CI lays ../shared beside the clone).")
    return read_labelled_set(FOLDER)


@pytest.fixture(scope="module")
def totals(labelled):
    totals = {kind: Score() for kind in ("", "pledge", "criticism")}
    for article in labelled:
        suggestions = [Tagged(c.kind, c.start, c.end, c.speaker_name) for c in suggest_statements(article.body)]
        for kind, total in totals.items():
            total.add(score_two_annotators(suggestions, article.first, article.second, kind=kind))
    return totals


@pytest.fixture(scope="module")
def cross_validated(labelled):
    spec = importlib.util.spec_from_file_location("train_suggestions", TRAINING_SCRIPT)
    training = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(training)
    articles = [training._examples(article) for article in labelled]
    seeds = [training._examples(article) for article in read_seeds(Path(settings.BASE_DIR) / "seeds")]
    return training._cross_validate(articles, seeds)


def test_the_labelled_set_is_read_whole_with_two_annotators_and_both_halves(labelled, totals):
    assert len(labelled) == 40
    assert sorted({a.half for a in labelled}) == ["development", "held-out"]
    assert sum(a.half == "development" for a in labelled) == 20
    assert totals[""].statements == 309  # what both annotators labelled, as the set's README counts it


def test_cross_validated_figures_stay_above_their_floors(cross_validated):
    overall = cross_validated[""]
    assert overall.statements == 309
    assert overall.precision >= 0.58
    assert overall.recall >= 0.68
    assert overall.f1 >= 0.66
    assert cross_validated["pledge"].f1 >= 0.57
    assert cross_validated["criticism"].f1 >= 0.70


def test_cross_validated_speaker_is_right_on_nine_in_ten_statements_found(cross_validated):
    assert cross_validated[""].speaker_share >= 0.90


def test_committed_weights_in_sample_stay_above_their_floors(totals):
    overall = totals[""]
    assert overall.precision >= 0.81
    assert overall.recall >= 0.94
    assert overall.f1 >= 0.90
    assert totals["pledge"].f1 >= 0.82
    assert totals["criticism"].f1 >= 0.90
    assert overall.speaker_share >= 0.88


def test_the_committed_weights_are_what_the_training_script_makes():
    run = subprocess.run([sys.executable, str(TRAINING_SCRIPT), "--check"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
