"""Bulk imports spot suggestions in worker processes: the same outcomes and suggestions as in one process."""

import multiprocessing
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from factcheck.importing import ImportItem, import_articles_batch
from factcheck.management.commands import import_articles
from factcheck.models import Article, Suggestion

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_items() -> list[ImportItem]:
    return [ImportItem(data=path.read_bytes(), filename=path.name) for path in sorted(SEEDS.glob("*.txt"))]


def suggestions_by_article() -> dict[str, list[tuple]]:
    rows = Suggestion.objects.order_by("article__title", "start").values_list(
        "article__title", "kind", "start", "end", "speaker_name", "title"
    )
    found: dict[str, list[tuple]] = {}
    for title, *rest in rows:
        found.setdefault(title, []).append(tuple(rest))
    return found


class FailingExecutor(Executor):
    """An executor whose every job fails, as a worker that died would."""

    def submit(self, fn, /, *args, **kwargs):
        future = Future()
        future.set_exception(RuntimeError("the worker died"))
        return future


def test_suggestions_spotted_in_worker_processes_are_those_spotted_here():
    import_articles_batch(items=seed_items())
    here = suggestions_by_article()
    Article.objects.all().delete()

    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        outcomes = import_articles_batch(items=seed_items(), executor=pool)

    assert all(outcome.created for outcome in outcomes)
    assert sum(len(rows) for rows in here.values()) > 10
    assert suggestions_by_article() == here


def test_a_file_whose_worker_failed_is_spotted_again_when_written_and_the_failure_logged(caplog):
    outcomes = import_articles_batch(items=seed_items(), executor=FailingExecutor())

    assert all(outcome.created and outcome.suggestions for outcome in outcomes)
    assert Suggestion.objects.count() == sum(outcome.suggestions for outcome in outcomes)
    assert "suggestions for 2 of 2 files not spotted in a worker" in caplog.text


class BrokenPool(Executor):
    """A pool whose workers are gone: it takes no more jobs."""

    def submit(self, fn, /, *args, **kwargs):
        raise BrokenProcessPool("a worker was killed")


def test_a_pool_that_broke_leaves_the_spotting_to_the_import_itself():
    outcomes = import_articles_batch(items=seed_items(), executor=BrokenPool())

    assert all(outcome.created and outcome.suggestions for outcome in outcomes)


def test_the_command_uses_workers_from_its_threshold_up(tmp_path, monkeypatch):
    for path in SEEDS.glob("*.txt"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    pools = []
    real_pool = import_articles.ProcessPoolExecutor

    def counted_pool(*args, **kwargs):
        pools.append(kwargs["max_workers"])
        return real_pool(*args, **kwargs)

    monkeypatch.setattr(import_articles, "PARALLEL_FROM", 2)
    monkeypatch.setattr(import_articles, "ProcessPoolExecutor", counted_pool)
    out = StringIO()
    call_command("import_articles", str(tmp_path), "--workers", "2", stdout=out, no_color=True)

    assert pools == [2]
    assert "2 imported, 0 already imported, 0 refused." in out.getvalue()
    assert Suggestion.objects.exists()


def test_fewer_than_one_worker_is_refused_before_anything_is_read(tmp_path):
    with pytest.raises(CommandError, match="--workers must be 1 or more"):
        call_command("import_articles", str(tmp_path), "--workers", "0", stdout=StringIO())
