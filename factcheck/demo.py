"""Load the demo newsroom from seeds/ through the same services editors use.

Articles go through the importer, statements through tagging, verdicts through
drafting and publishing, so the demo proves those paths. Loading twice changes
nothing: every step finds what an earlier load wrote and leaves it alone.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction
from django.utils.text import slugify

from .importing import Overrides, import_article
from .models import Article, Speaker, Statement, Topic
from .publishing import SourceData, draft_verdict, publish_verdict
from .tagging import locate_quote, tag_statement


@dataclass
class DemoReport:
    articles: int = 0
    speakers: int = 0
    statements: int = 0
    verdicts: int = 0

    def __str__(self) -> str:
        return (
            f"{self.articles} articles, {self.speakers} speakers, "
            f"{self.statements} statements and {self.verdicts} verdicts added"
        )


def load_demo(*, seeds_dir: Path) -> DemoReport:
    """Load seeds/demo.yaml and the articles it names; report what was added."""
    spec = yaml.safe_load((seeds_dir / "demo.yaml").read_text(encoding="utf-8"))
    report = DemoReport()
    with transaction.atomic():
        articles = _load_articles(spec["articles"], seeds_dir, report)
        speakers = _load_speakers(spec["speakers"], report)
        for item in spec["statements"]:
            _load_statement(item, articles, speakers, report)
    return report


def _load_articles(items: list[dict], seeds_dir: Path, report: DemoReport) -> dict[str, Article]:
    articles = {}
    for item in items:
        path = seeds_dir / item["file"]
        result = import_article(
            data=path.read_bytes(),
            filename=path.name,
            overrides=Overrides(source_url=item.get("source_url", "")),
        )
        report.articles += result.created
        articles[item["key"]] = result.article
    return articles


def _load_speakers(items: list[dict], report: DemoReport) -> dict[str, Speaker]:
    speakers = {}
    for item in items:
        speaker = Speaker.objects.filter(slug=item["slug"]).first()
        if speaker is None:
            speaker = Speaker(slug=item["slug"], name=item["name"], role=item["role"], party=item["party"])
            speaker.full_clean()
            speaker.save()
            report.speakers += 1
        speakers[item["slug"]] = speaker
    return speakers


def _load_statement(item: dict, articles: dict[str, Article], speakers: dict[str, Speaker], report: DemoReport) -> None:
    article = articles[item["article"]]
    start, end = locate_quote(article.body, item["quote"])
    statement = Statement.objects.filter(article=article, start=start, end=end, kind=item["kind"]).first()
    if statement is None:
        statement = tag_statement(
            article=article,
            speaker=speakers[item["speaker"]],
            kind=item["kind"],
            title=item["title"],
            start=start,
            end=end,
            topics=[_topic(name) for name in item.get("topics", [])],
        )
        report.statements += 1
    for verdict_item in item.get("verdicts", []):
        if statement.verdicts.filter(headline=verdict_item["headline"]).exists():
            continue
        sources = [
            SourceData(
                title=source["title"],
                url=source.get("url", ""),
                article=articles[source["article"]] if "article" in source else None,
                quote=source.get("quote", ""),
            )
            for source in verdict_item["sources"]
        ]
        verdict = draft_verdict(
            statement=statement,
            rating=verdict_item["rating"],
            headline=verdict_item["headline"],
            explanation=verdict_item["explanation"],
            checked_on=verdict_item["checked_on"],
            sources=sources,
        )
        publish_verdict(verdict=verdict, publisher=None)
        report.verdicts += 1


def _topic(name: str) -> Topic:
    topic, _ = Topic.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    return topic
