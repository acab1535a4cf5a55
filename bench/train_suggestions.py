"""Train the suggester's two linear models on the labelled articles, and report them honestly.

Reads `../shared/suggestions-dev/` (never copied into the repository), turns every
sentence of every article into the suggester's named features, stemmed words and two-word
phrases (one used by fewer than three training sentences is left out), and fits one logistic
regression per kind (scikit-learn, a development dependency; the app itself only reads
the weights). A sentence is a positive example of a kind when a statement of that kind
that either annotator labelled covers at least half of the shorter of the two spans.
Each kind's threshold is the one that maximises F1 under cross-validation.

It prints, scored exactly as the set's README says:
- cross-validation over articles (10 folds by a hash of the file names; thresholds chosen
  inside each training fold, so no article is ever scored by a model or threshold it helped fit);
- the held-out half scored by models trained on the development half only.
Then it writes `factcheck/suggesting/weights.json` from all the articles.

    .venv/bin/python bench/train_suggestions.py           # report and write the weights
    .venv/bin/python bench/train_suggestions.py --check   # fail if the committed weights differ from a retrain
    .venv/bin/python bench/train_suggestions.py --salt a  # cross-validation over another split; writes nothing

One split of forty articles is a small sample: `--salt` salts the hash that makes the folds, so the
same cross-validation runs over other splits (the README reports salts "a" to "e").
"""

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("pledge", "criticism")
C = 0.3  # inverse regularisation strength, chosen by 10-fold cross-validation within the development half
MIN_SENTENCES = 3  # a word is a feature only if at least this many training sentences use it
FOLDS = 10
SALT = ""  # prefixed to the file names that order the folds (--salt): "" is the split the weights come from
THRESHOLDS = [round(0.20 + 0.025 * step, 3) for step in range(17)]  # 0.20 … 0.60


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=ROOT.parent / "shared" / "suggestions-dev")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="Compare a retrain with the committed weights.")
    mode.add_argument("--salt", default="", help="Cross-validate over the split this salt gives; write nothing.")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from factcheck.suggesting.model import WEIGHTS
    from factcheck.suggestion_scores import read_labelled_set, read_seeds

    articles = [_examples(article) for article in read_labelled_set(args.folder)]
    seeds = [_examples(article) for article in read_seeds(ROOT / "seeds")]
    if args.salt:
        global SALT
        SALT = args.salt
        _report(f"cross-validated over the {len(articles)}, folds salted {SALT!r}", _cross_validate(articles, seeds))
        return
    weights = _weights(articles + seeds)
    text = json.dumps(weights, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = WEIGHTS.read_text(encoding="utf-8") == text
        print("The committed weights are reproduced." if same else "The committed weights differ from a retrain.")
        sys.exit(0 if same else 1)

    print(f"{args.folder}: {len(articles)} articles; {FOLDS}-fold cross-validation over articles")
    _report(
        f"cross-validated over the {len(articles)} (the seeds in every training fold)", _cross_validate(articles, seeds)
    )
    development = [a for a in articles if a["half"] == "development"]
    held_out = [a for a in articles if a["half"] == "held-out"]
    thresholds = _thresholds(development + seeds)
    models = _fit(development + seeds)
    _report("held-out half, trained on the development half and the seeds", _score(models, thresholds, held_out))
    WEIGHTS.write_text(text, encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)} ({len(text):,} bytes) from {len(articles)} articles and the seeds")


def _examples(article) -> dict:
    """An article's sentences as (features, labels) with what scoring needs."""
    from factcheck.suggesting import analyse
    from factcheck.suggestion_scores import Tagged, overlaps_shorter

    rows = []
    for item in analyse(article.body):
        span = Tagged("", item.sentence.start, item.sentence.end)
        labels = {
            k: any(t.kind == k and overlaps_shorter(t, span) for t in article.first + article.second) for k in KINDS
        }
        rows.append((item, labels))
    return {"article": article, "half": article.half, "rows": rows}


def _fit(articles: list[dict]) -> dict:
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from factcheck.suggesting.features import LEXICAL_PREFIXES

    uses = Counter(name for a in articles for item, _ in a["rows"] for name in item.features)
    rare = {name for name, count in uses.items() if name.startswith(LEXICAL_PREFIXES) and count < MIN_SENTENCES}
    features = [
        {name: value for name, value in item.features.items() if name not in rare}
        for a in articles
        for item, _ in a["rows"]
    ]
    vectorizer = DictVectorizer(sort=True, sparse=False)
    matrix = vectorizer.fit_transform(features)
    models = {}
    for kind in KINDS:
        labels = [labels[kind] for a in articles for _, labels in a["rows"]]
        model = LogisticRegression(C=C, solver="liblinear", max_iter=1000, random_state=0)
        model.fit(matrix, labels)
        names = vectorizer.get_feature_names_out()
        weights = {name: float(w) for name, w in zip(names, model.coef_[0], strict=True) if abs(w) > 1e-9}
        models[kind] = (weights, float(model.intercept_[0]))
    return models


def _score(models: dict, thresholds: dict[str, float], articles: list[dict]) -> dict:
    """Score what the suggester would suggest with these models: its own decision (rules included)."""
    from factcheck.suggesting import choose
    from factcheck.suggesting.model import KindModel
    from factcheck.suggestion_scores import Score, Tagged, score_two_annotators

    kind_models = {
        kind: KindModel(weights, intercept, thresholds[kind]) for kind, (weights, intercept) in models.items()
    }
    totals = {kind: Score() for kind in ("", *KINDS)}
    for article in articles:
        labelled = article["article"]
        chosen = choose(labelled.body, [item for item, _ in article["rows"]], kind_models)
        suggestions = [Tagged(str(c.kind), c.start, c.end, c.speaker) for c in chosen]
        for kind in totals:
            totals[kind].add(score_two_annotators(suggestions, labelled.first, labelled.second, kind=kind))
    return totals


def _folds(articles: list[dict], count: int) -> list[list[dict]]:
    ordered = sorted(articles, key=lambda a: hashlib.sha256((SALT + a["article"].name).encode()).digest())
    return [ordered[index::count] for index in range(count)]


def _thresholds(articles: list[dict]) -> dict[str, float]:
    """Each kind's threshold with the best F1 under 5-fold cross-validation within `articles`."""
    from factcheck.suggestion_scores import Score

    folds = _folds(articles, 5)
    pooled = {t: {k: Score() for k in KINDS} for t in THRESHOLDS}
    for fold in folds:
        training = [a for a in articles if a not in fold]
        models = _fit(training)
        for threshold in THRESHOLDS:
            result = _score(models, dict.fromkeys(KINDS, threshold), fold)
            for kind in KINDS:
                pooled[threshold][kind].add(result[kind])
    return {kind: max(THRESHOLDS, key=lambda t: (pooled[t][kind].f1, -abs(t - 0.4))) for kind in KINDS}


def _cross_validate(articles: list[dict], always: list[dict]) -> dict:
    from factcheck.suggestion_scores import Score

    totals = {kind: Score() for kind in ("", *KINDS)}
    for fold in _folds(articles, FOLDS):
        training = [a for a in articles if a not in fold] + always
        result = _score(_fit(training), _thresholds(training), fold)
        for kind in totals:
            totals[kind].add(result[kind])
    return totals


def _weights(articles: list[dict]) -> dict:
    thresholds = _thresholds(articles)
    models = _fit(articles)
    return {
        "about": "Logistic regressions over factcheck/suggesting/features.py, trained by bench/train_suggestions.py "
        f"on {len(articles)} labelled articles (../shared/suggestions-dev and seeds/; C={C}; thresholds by 5-fold CV).",
        "kinds": {
            kind: {
                "intercept": round(models[kind][1], 6),
                "threshold": thresholds[kind],
                "weights": {name: round(weight, 6) for name, weight in sorted(models[kind][0].items())},
            }
            for kind in KINDS
        },
    }


def _report(label: str, totals: dict) -> None:
    print(f"{label}:")
    for kind, total in totals.items():
        print(
            f"  {kind or 'all':10} precision {total.precision:.2f} ({total.true_suggestions}/{total.suggestions})  "
            f"recall {total.recall:.2f} ({total.found_statements}/{total.statements})  F1 {total.f1:.2f}  "
            f"speaker {total.speaker_share:.2f} ({total.right_speaker}/{total.found_statements})"
        )


if __name__ == "__main__":
    main()
