"""Guards on the suggester's quality measured on the labelled real articles in ../shared/suggestions-dev.

The floors sit a little under what `bench/suggestions.py` printed for the committed weights
(which were trained on these articles: see the README for the cross-validated figures),
so that a change that makes the suggestions worse fails here.
"""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from factcheck.suggesting import suggest_statements
from factcheck.suggestion_scores import Score, Tagged, read_labelled_set, score_two_annotators

FOLDER = Path(settings.BASE_DIR).parent / "shared" / "suggestions-dev"


@pytest.fixture(scope="module")
def totals():
    if not (FOLDER / "labels-a.json").exists():
        pytest.fail(f"The labelled development set is not at {FOLDER} (CI lays ../shared beside the clone).")
    totals = {kind: Score() for kind in ("", "pledge", "criticism")}
    for article in read_labelled_set(FOLDER):
        suggestions = [Tagged(c.kind, c.start, c.end, c.speaker_name) for c in suggest_statements(article.body)]
        for kind, total in totals.items():
            total.add(score_two_annotators(suggestions, article.first, article.second, kind=kind))
    return totals


def test_the_labelled_set_is_read_whole_with_two_annotators_and_both_halves(totals):
    articles = read_labelled_set(FOLDER)
    assert len(articles) == 40
    assert sorted({a.half for a in articles}) == ["development", "held-out"]
    assert sum(a.half == "development" for a in articles) == 20
    assert totals[""].statements == 309  # what both annotators labelled, as the set's README counts it


def test_precision_recall_and_f1_stay_above_their_floors(totals):
    overall = totals[""]
    assert overall.precision >= 0.62
    assert overall.recall >= 0.74
    assert overall.f1 >= 0.67


def test_each_kind_stays_above_its_floor(totals):
    assert totals["pledge"].f1 >= 0.61
    assert totals["criticism"].f1 >= 0.71


def test_the_speaker_is_right_on_nine_in_ten_statements_found(totals):
    assert totals[""].speaker_share >= 0.89


def test_the_committed_weights_are_what_the_training_script_makes():
    script = Path(settings.BASE_DIR) / "bench" / "train_suggestions.py"
    run = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stdout + run.stderr
