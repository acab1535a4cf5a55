"""How well the evidence finder finds what the desk cites: recall at 3 and false candidates.

Two stories, each run on the database in use inside a transaction that is rolled back:
- the seeds' own (`seeds_story`): import the Independent's 2009 article, tag its statements as
  seeds/demo.yaml does, import the BBC's 2010 article; the passages demo.yaml cites from the BBC
  article as evidence on each 2009 statement are what should be found;
- real pairs (`pairs_story`): statements in BBC politics articles of 2004-2005 and passages of later
  articles that report on them, defined in bench/evidence_pairs.yaml by file name and locating
  phrases only; the articles are read from ../shared/bbc-politics/ (never copied here). Every
  statement's article is imported and the statement tagged, then all the other articles of the
  folder are imported, one by one, as the admin would: the rest of the folder is the distractors.
  The pairs matching was tuned on and those held aside are reported apart. Two variants come
  nearer an editor's first walk: `alone`, each pair on its own, with nothing imported but its
  statement's article and its evidence articles; `desk_titles`, each statement titled as the desk
  suggests it (factcheck.suggesting.titles) instead of by the hand-written title.

Recall at 3: of the cited passages, how many are among their statement's three best candidates (a
candidate counts when it overlaps the cited words by at least half of the shorter span; for a pair,
any of its evidence passages counts). False candidates: candidates for statements nothing is cited
for (seeds), or candidates in articles that are none of the pair's evidence articles (pairs).
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from .importing import import_article
from .models import Article, EvidenceCandidate, Speaker, Statement
from .suggesting.sentences import read_sentences
from .suggesting.titles import title_for
from .tagging import locate_quote, tag_statement

SEEDS = Path(settings.BASE_DIR) / "seeds"
PAIRS = Path(settings.BASE_DIR) / "bench" / "evidence_pairs.yaml"
TOP = 3


class _Rollback(Exception):
    pass


@dataclass
class Outcome:
    """One statement's result: whether each cited passage was in its three best, and its candidates."""

    title: str
    cited: int = 0
    found: int = 0
    candidates: list[EvidenceCandidate] = field(default_factory=list)
    false: int = 0


@dataclass
class Report:
    name: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def cited(self) -> int:
        return sum(outcome.cited for outcome in self.outcomes)

    @property
    def found(self) -> int:
        return sum(outcome.found for outcome in self.outcomes)

    @property
    def false(self) -> int:
        return sum(outcome.false for outcome in self.outcomes)

    @property
    def candidates(self) -> int:
        return sum(len(outcome.candidates) for outcome in self.outcomes)

    def lines(self) -> list[str]:
        recall = self.found / self.cited if self.cited else 0
        lines = [
            f"{self.name}: recall at {TOP} {recall:.2f} ({self.found}/{self.cited} cited passages among their "
            f"statement's {TOP} best candidates); false candidates {self.false} of {self.candidates} "
            f"over {len(self.outcomes)} statements"
        ]
        for outcome in self.outcomes:
            mark = f"{outcome.found}/{outcome.cited} found" if outcome.cited else "nothing cited"
            found = f"{len(outcome.candidates)} candidates, {outcome.false} false"
            lines.append(f"  {outcome.title[:60]:60}  {mark}; {found}")
        return lines


def overlaps(start: int, end: int, other_start: int, other_end: int) -> bool:
    shared = min(end, other_end) - max(start, other_start)
    return shared > 0 and shared * 2 >= min(end - start, other_end - other_start)


SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s|$)")


def sentence_around(body: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding body[start:end]: from the previous sentence's end (or line) to its own end,
    closing quotation marks included."""
    before = [match.end() for match in SENTENCE_END.finditer(body, 0, start)]
    first = max(before[-1] if before else 0, body.rfind("\n", 0, start) + 1)
    while first < start and body[first].isspace():
        first += 1
    after = SENTENCE_END.search(body, end)
    line_end = body.find("\n", end)
    last = after.end() if after else len(body)
    if line_end >= 0:
        last = min(last, line_end)
    return first, last


def _import(path: Path) -> Article:
    return import_article(data=path.read_bytes(), filename=path.name).article


def _speaker(name: str) -> Speaker:
    speaker = Speaker.objects.filter(name=name).first()
    return speaker or Speaker.objects.create(name=name, slug=f"report-{Speaker.objects.count() + 1}")


def _ranked(statement: Statement) -> list[EvidenceCandidate]:
    return list(statement.evidence_candidates.select_related("article").order_by("-score", "pk"))


def seeds_story(*, seeds_dir: Path = SEEDS) -> Report:
    spec = yaml.safe_load((seeds_dir / "demo.yaml").read_text(encoding="utf-8"))
    files = {item["key"]: seeds_dir / item["file"] for item in spec["articles"]}
    speakers = {item["slug"]: item["name"] for item in spec["speakers"]}
    report = Report("seeds (Independent 2009 statements, BBC 2010 article)")
    try:
        with transaction.atomic():
            earlier = _import(files["independent-2009"])
            tagged = []
            for item in spec["statements"]:
                if item["article"] != "independent-2009":
                    continue
                start, end = locate_quote(earlier.body, item["quote"])
                statement = tag_statement(
                    article=earlier,
                    speaker=_speaker(speakers[item["speaker"]]),
                    kind=item["kind"],
                    title=item["title"],
                    start=start,
                    end=end,
                )
                cited = [
                    source["quote"]
                    for verdict in item.get("verdicts", [])
                    for source in verdict["sources"]
                    if source.get("article") == "bbc-2010" and source.get("quote")
                ]
                tagged.append((statement, cited))
            later = _import(files["bbc-2010"])
            for statement, cited in tagged:
                candidates = _ranked(statement)
                outcome = Outcome(statement.title, cited=len(cited), candidates=candidates)
                best = [c for c in candidates[:TOP] if c.article_id == later.pk]
                for quote in cited:
                    start, end = locate_quote(later.body, quote)
                    outcome.found += any(overlaps(c.start, c.end, start, end) for c in best)
                outcome.false = 0 if cited else len(candidates)
                report.outcomes.append(outcome)
            raise _Rollback
    except _Rollback:
        pass
    return report


def pairs_story(
    *, folder: Path, pairs_file: Path = PAIRS, part: str = "all", alone: bool = False, desk_titles: bool = False
) -> list[Report]:
    """The real-articles benchmark (see the module's docstring and bench/evidence_pairs.yaml): one report
    for the pairs matching was tuned on and one for those held aside (`part` "tuned" or "held" runs one)."""
    spec = yaml.safe_load(pairs_file.read_text(encoding="utf-8"))
    parts = {"tuned": False, "held": True}
    wanted = [name for name in parts if part in ("all", name)]
    chosen = [pair for pair in spec["pairs"] if any(bool(pair.get("held_aside")) == parts[name] for name in wanted)]
    setting = ", each pair alone" if alone else ""
    setting += ", desk titles" if desk_titles else ""
    reports = {
        name: Report(
            f"BBC politics pairs, {'held aside' if parts[name] else 'tuned on'} "
            f"({sum(1 for pair in chosen if bool(pair.get('held_aside')) == parts[name])} statements{setting}, "
            f"{folder})"
        )
        for name in wanted
    }
    groups = [[pair] for pair in chosen] if alone else [chosen]
    for group in groups:
        try:
            with transaction.atomic():
                tagged = [(_tag_pair(folder, pair, desk_titles=desk_titles), pair) for pair in group]
                files = {evidence["file"] for pair in group for evidence in pair["evidence"]} if alone else None
                paths = sorted(folder.glob("*.txt")) if files is None else sorted(folder / name for name in files)
                imported = {path.name: _import(path) for path in paths}
                for statement, pair in tagged:
                    reports["held" if pair.get("held_aside") else "tuned"].outcomes.append(
                        _pair_outcome(statement, pair, imported)
                    )
                raise _Rollback
        except _Rollback:
            pass
    return list(reports.values())


def _tag_pair(folder: Path, pair: dict, *, desk_titles: bool) -> Statement:
    article = _import(folder / pair["pledge_file"])
    start, end = sentence_around(article.body, *locate_quote(article.body, pair["pledge_at"]))
    kind = pair.get("kind", "pledge")
    title = pair["title"]
    if desk_titles:
        sentence = next((s for s in read_sentences(article.body) if s.start <= start < s.end), None)
        title = title_for(article.body, sentence, kind) if sentence else ""
        if not title:
            raise ValueError(f"{pair['pledge_file']}: the desk suggests no title for “{pair['pledge_at']}”.")
    return tag_statement(
        article=article, speaker=_speaker(pair["speaker"]), kind=kind, title=title, start=start, end=end
    )


def _pair_outcome(statement: Statement, pair: dict, imported: dict[str, Article]) -> Outcome:
    cited = []
    for evidence in pair["evidence"]:
        later = imported[evidence["file"]]
        cited.append((later.pk, *locate_quote(later.body, evidence["at"])))
    candidates = _ranked(statement)
    outcome = Outcome(statement.title, cited=1, candidates=candidates)
    outcome.found = int(
        any(
            c.article_id == pk and overlaps(c.start, c.end, start, end)
            for c in candidates[:TOP]
            for pk, start, end in cited
        )
    )
    evidence_articles = {pk for pk, _, _ in cited}
    outcome.false = sum(1 for c in candidates if c.article_id not in evidence_articles)
    return outcome
