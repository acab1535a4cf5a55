"""Benchmark: the importer's statement suggestions on labelled real articles (not part of the tests).

Reads `../shared/suggestions-dev/` (40 BBC politics articles, each labelled by two
annotators), parses every article as `import_articles` does, suggests statements in it
and scores them exactly as that folder's README says: precision against what either
annotator labelled, recall against what both labelled, speaker right on the statements
found. Prints the figures overall and per kind, for each half of the set (a fixed hash of
the file names splits it: the development half is the one studied while writing the
rules, the held-out half is only ever scored), and the time suggesting takes per article.

    .venv/bin/python bench/suggestions.py                       # figures for both halves and the whole set
    .venv/bin/python bench/suggestions.py -v --half development # and every miss, false suggestion, wrong speaker
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("pledge", "criticism")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--folder", type=Path, default=ROOT.parent / "shared" / "suggestions-dev", help="The labelled set."
    )
    parser.add_argument("--half", choices=["development", "held-out", "all"], default="all", help="Which articles.")
    parser.add_argument("-v", "--verbose", action="store_true", help="List misses, false suggestions, wrong speakers.")
    parser.add_argument("--repeat", type=int, default=5, help="Timed passes over the articles (default 5).")
    args = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    import django

    django.setup()
    from factcheck.suggesting import suggest_statements
    from factcheck.suggestion_scores import HALVES, Score, Tagged, read_labelled_set, score_two_annotators

    articles = [a for a in read_labelled_set(args.folder) if args.half in ("all", a.half)]
    totals = {(half, kind): Score() for half in (*HALVES, "all") for kind in ("", *KINDS)}
    for article in articles:
        candidates = suggest_statements(article.body)
        suggestions = [Tagged(c.kind, c.start, c.end, c.speaker_name) for c in candidates]
        for kind in ("", *KINDS):
            result = score_two_annotators(suggestions, article.first, article.second, kind=kind)
            totals[article.half, kind].add(result)
            totals["all", kind].add(result)
        if args.verbose:
            _details(article, candidates, score_two_annotators(suggestions, article.first, article.second))

    print(f"{args.folder}: {len(articles)} articles, scored as its README says")
    print(
        "The committed weights were trained on these articles (and the seeds): the figures below are in-sample.\n"
        "For figures on articles no model was fitted on, see `bench/train_suggestions.py` (cross-validation)."
    )
    print(f"{'':28}{'precision':>16}{'recall':>17}{'F1':>7}{'speaker':>18}")
    for half in (*HALVES, "all"):
        count = sum(1 for a in articles if half in ("all", a.half))
        if not count or (half == "all" and args.half != "all"):
            continue
        for kind in ("", *KINDS):
            label = f"{half} ({count})" if not kind else ""
            print(f"{label:18}{kind or 'all':10}{_figures(totals[half, kind])}")

    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        for article in articles:
            suggest_statements(article.body)
        times.append((time.perf_counter() - started) / len(articles))
    print(
        f"time: {statistics.median(times) * 1000:.2f} ms per article suggesting "
        f"(median of {args.repeat} passes over {len(articles)} articles, "
        f"mean body {statistics.mean(len(a.body) for a in articles):,.0f} characters)"
    )


def _figures(result) -> str:
    return (
        f"{result.precision:5.2f} ({result.true_suggestions:3}/{result.suggestions:3})"
        f"{result.recall:9.2f} ({result.found_statements:3}/{result.statements:3})"
        f"{result.f1:7.2f}"
        f"{result.speaker_share:9.2f} ({result.right_speaker:3}/{result.found_statements:3})"
    )


def _details(article, candidates, result) -> None:
    body = article.body
    reasons = {(c.kind, c.start, c.end): c for c in candidates}
    print(f"== {article.name} ({article.half})")
    for missed in result.missed:
        print(f"  missed     {missed.kind:9} [{missed.speaker}] {_text(body, missed)}")
    for extra in result.unmatched:
        candidate = reasons[extra.kind, extra.start, extra.end]
        print(f"  false      {extra.kind:9} [{extra.speaker}] {_text(body, extra)}  <{candidate.reason}>")
    for statement, suggestion in result.wrong_speaker:
        print(f"  speaker    {statement.kind:9} [{suggestion.speaker} / {statement.speaker}] {_text(body, statement)}")


def _text(body: str, tagged) -> str:
    return " ".join(body[tagged.start : tagged.end].split())


if __name__ == "__main__":
    main()
