"""The evidence finder: each new article brought to the open statements it may speak to.

Every statement's terms (factcheck.textprofile: stemmed words and numbers from its title, quote and
success criteria) are kept in an inverted index, `EvidenceTerm`, with how many statements hold each
term in `EvidenceTermCount`. When articles are imported (`find_evidence_on_import`, called by
factcheck.importing on every path) each is cut into passages and:

1. its terms' counts are read (one query for a batch), and the terms held by at most
   MAX_STATEMENTS_PER_TERM statements are looked up in the index, the rarest LOOKUP_TERMS of them;
   the statements sharing the most weight with the article come back (one query an article), so
   the work is bounded whatever the number of statements;
2. the open ones among them (pledges not rated Kept or Broken, criticisms not settled), said before
   the article if both have dates, are read (one query for a batch);
3. each is scored against each passage: every shared term weighs more the fewer passages of the
   article hold it and the fewer statements hold it, a shared name or number more again, and two
   terms side by side in both ("annual report") add a bonus. Passages scoring THRESHOLD or more
   with at least MIN_SHARED terms become candidates, the best PASSAGES_PER_ARTICLE per statement.

"Find evidence" on a statement's desk page (`find_evidence_for_statement`) scores the same way
over every imported article (on PostgreSQL, those whose text shares two of the statement's rarer
words, found through a full-text index; on SQLite, all of them).

Candidates are desk-only. A dismissed one is kept, and the unique passage constraint means the
same passage is never suggested again for that statement.
"""

import logging
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import combinations

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import Case, Count, Exists, F, Max, OuterRef, Q, Value, When
from django.utils import timezone

from .models import Article, ArticleTermCount, EvidenceCandidate, EvidenceTerm, EvidenceTermCount, Statement, Verdict
from .scales import Rating
from .textprofile import Profile, passages, profile

logger = logging.getLogger(__name__)

# A statement is settled, and no longer matched, once rated one of these.
SETTLED = [
    Rating.KEPT,
    Rating.BROKEN,
    Rating.BORNE_OUT,
    Rating.PARTLY_BORNE_OUT,
    Rating.NOT_BORNE_OUT,
    Rating.UNVERIFIABLE,
]
OPEN = ~Q(current_rating__in=SETTLED)

MAX_STATEMENTS_PER_TERM = 200  # a term held by more statements is too common to look up
LOOKUP_TERMS = 25  # the article's most telling terms looked up in the index
STATEMENTS_PER_ARTICLE = 50  # statements read and scored for one article
MIN_SHARED = 2
THRESHOLD = 2.5
PASSAGES_PER_ARTICLE = 3
NAME_BOOST = 2.0
NUMBER_BOOST = 2.5
PAIR_BONUS = 0.5
# The speaker's name (a later report often names them, but so do reports on their other pledges) and
# the headline of the statement's article (what "the plans" of a quote are) weigh this much.
CONTEXT_WEIGHT = 0.5
MIN_COVERAGE = 0.35  # of the statement's own terms' weight, in the article (the passage and its article's title)
CORPUS_PRIOR = 20
MONEY_BONUS = 2.0  # both name sums of money
# A crosshead speaks for the passages under it, less the further they are from it.
HEADING_WEIGHT = 0.8
HEADING_DECAY = 0.5
# Inside an article, a term in many of its passages is its subject, not what one passage adds: a
# shared term counts as its passage-rarity to this power.
RARITY_POWER = 1.0
# News puts what happened first: the first passages count for a little more.
LEAD_BONUS = 0.3
# How much a passage's score grows with how much of the statement its whole article covers.
ARTICLE_FACTOR = 1.0
# A long statement shares more terms with anything: scores are divided by its weight to this power.
LENGTH_POWER = 1.0
# Find evidence on PostgreSQL: the newest articles sharing two of the statement's rarer words.
SEARCH_WORDS = 6
SEARCH_ARTICLES = 500


class EvidenceError(Exception):
    """An evidence candidate cannot be used or dismissed; the message says why, for an editor."""


# -- The index ------------------------------------------------------------------------------------


def statement_profile(*, title: str, quote: str, success_criteria: str = "", speaker: str = "") -> Profile:
    """A statement's terms: its title, quote, success criteria and speaker's name. The speaker's name
    is context, even where the quote names them: later reports often name who promised, but so do
    reports on everything else they said."""
    result = profile(quote)
    result.update(profile(title))
    if success_criteria:
        result.update(profile(success_criteria))
    if speaker:
        named = profile(f"By {speaker}")
        result.context = set(named.names)
        result.update(named)
    return result


def with_headline(statement: Profile, headline: str) -> Profile:
    """The statement's terms and, as context, the other terms of the headline of the article it was said
    in: they say what "the powers" or "the plans" of a quote are. The index holds the statement's own."""
    about = profile(headline).terms
    return replace(statement, terms=statement.terms | about, context=statement.context | (about - statement.terms))


def index_statement(*, statement: Statement) -> None:
    """Keep the statement's terms in the index (after tagging, or a change to its title or criteria)."""
    terms = statement_profile(
        title=statement.title,
        quote=statement.quote,
        success_criteria=statement.success_criteria,
        speaker=statement.speaker.name,
    ).terms
    old = set(EvidenceTerm.objects.filter(statement=statement).values_list("term", flat=True))
    added, removed = terms - old, old - terms
    if removed:
        EvidenceTerm.objects.filter(statement=statement, term__in=removed).delete()
        EvidenceTermCount.objects.filter(term__in=removed, statements__gt=0).update(statements=F("statements") - 1)
    if added:
        EvidenceTerm.objects.bulk_create([EvidenceTerm(statement=statement, term=term) for term in added])
        EvidenceTermCount.objects.bulk_create([EvidenceTermCount(term=term) for term in added], ignore_conflicts=True)
        EvidenceTermCount.objects.filter(term__in=added).update(statements=F("statements") + 1)


def rebuild_index(*, batch_size: int = 2000) -> int:
    """Index every statement, and count every article's terms, afresh (after the analysis changed);
    returns how many statements were indexed."""
    with transaction.atomic():
        ArticleTermCount.objects.all().delete()
        articles = Article.objects.order_by("pk").only("pk", "title", "body")
        chunk: list[ArticleAnalysis] = []
        for article in articles.iterator(chunk_size=batch_size // 10):
            analysis = ArticleAnalysis.of(article)
            if analysis.spans:  # as on import: an article with no passage is not counted
                chunk.append(analysis)
            if len(chunk) >= batch_size // 10:
                count_articles(chunk)
                chunk = []
        if chunk:
            count_articles(chunk)
        EvidenceTerm.objects.all().delete()
        EvidenceTermCount.objects.all().delete()
        rows = Statement.objects.order_by("pk").values_list("pk", "title", "quote", "success_criteria", "speaker__name")
        indexed = 0
        batch: list[EvidenceTerm] = []
        for pk, title, quote, criteria, speaker in rows.iterator(chunk_size=batch_size):
            terms = statement_profile(title=title, quote=quote, success_criteria=criteria, speaker=speaker).terms
            batch += [EvidenceTerm(statement_id=pk, term=term) for term in terms]
            indexed += 1
            if len(batch) >= batch_size * 10:
                EvidenceTerm.objects.bulk_create(batch, batch_size=batch_size)
                batch = []
        EvidenceTerm.objects.bulk_create(batch, batch_size=batch_size)
        counts = EvidenceTerm.objects.values("term").annotate(n=Count("pk")).values_list("term", "n")
        EvidenceTermCount.objects.bulk_create(
            (EvidenceTermCount(term=term, statements=n) for term, n in counts.iterator(chunk_size=batch_size)),
            batch_size=batch_size,
        )
    return indexed


# -- Scoring --------------------------------------------------------------------------------------


@dataclass
class ArticleAnalysis:
    """An article cut into passages, which passages hold each term, and what each passage's crosshead
    adds to it. `title` holds the terms of the article's title: what the whole article is about."""

    article: Article
    spans: list[tuple[int, int]]
    profiles: list[Profile]
    holders: dict[str, list[int]] = field(default_factory=dict)
    # For each passage, the terms of the crosshead it stands under and how much they count there.
    headings: list[tuple[frozenset[str], float]] = field(default_factory=list)
    title: frozenset[str] = frozenset()

    @classmethod
    def of(cls, article: Article) -> "ArticleAnalysis":
        found = passages(article.body)
        spans = [(passage.start, passage.end) for passage in found]
        profiles = [profile(article.body[passage.start : passage.end]) for passage in found]
        headings: list[tuple[frozenset[str], float]] = []
        heading_terms: dict[str, frozenset[str]] = {}
        previous, distance = "", 0
        for passage in found:
            distance = distance + 1 if passage.heading == previous else 0
            previous = passage.heading
            if passage.heading not in heading_terms:
                heading_terms[passage.heading] = (
                    frozenset(profile(passage.heading).terms) if passage.heading else frozenset()
                )
            headings.append((heading_terms[passage.heading], HEADING_WEIGHT * HEADING_DECAY**distance))
        holders: dict[str, list[int]] = defaultdict(list)
        for index, passage in enumerate(profiles):
            for term in passage.terms:
                holders[term].append(index)
        title = frozenset(profile(article.title).terms) if article.title else frozenset()
        return cls(article, spans, profiles, dict(holders), headings, title)

    def rarity(self, term: str) -> float:
        """How much a term says about which passage is meant: more, the fewer passages hold it."""
        return math.log((1 + len(self.spans)) / max(1, len(self.holders.get(term, ())))) ** RARITY_POWER

    def terms(self) -> set[str]:
        """Every term of the article: its passages', crossheads' and title's."""
        found = set(self.holders) | self.title
        for terms, _ in self.headings:
            found |= terms
        return found


@dataclass(frozen=True)
class Corpus:
    """How common each term is in the newsroom's imported articles (ArticleTermCount)."""

    articles: int
    counts: dict[str, int]

    def weight(self, term: str) -> float:
        """1 for a term in no other article, towards 0 for one in all of them. A prior of CORPUS_PRIOR
        articles keeps a small newsroom's few articles from deciding alone."""
        top = math.log((self.articles + CORPUS_PRIOR) / (CORPUS_PRIOR / 2))
        return max(0.0, math.log((self.articles + CORPUS_PRIOR) / (self.counts.get(term, 0) + CORPUS_PRIOR / 2)) / top)


TOTAL = ""  # the ArticleTermCount row whose count is the number of articles counted


def corpus_for(terms: Iterable[str]) -> Corpus:
    rows = dict(ArticleTermCount.objects.filter(term__in=[*terms, TOTAL]).values_list("term", "articles"))
    return Corpus(rows.pop(TOTAL, 0), rows)


def count_articles(analyses: Sequence["ArticleAnalysis"], *, delta: int = 1) -> None:
    """Add newly imported articles to the corpus counts (`delta` -1 takes them away): a few upserts for a batch."""
    counted: dict[str, int] = defaultdict(int)
    for analysis in analyses:
        for term in analysis.holders:
            counted[term] += delta
    counted[TOTAL] = delta * len(analyses)
    if delta < 0:  # taking away: every row is there already, and a count never goes below none
        by_change: dict[int, list[str]] = defaultdict(list)
        for term, change in counted.items():
            by_change[change].append(term)
        for change, terms in by_change.items():
            counts = ArticleTermCount.objects.filter(term__in=terms, articles__gte=-change)
            counts.update(articles=F("articles") + change)
        return
    table = connection.ops.quote_name(ArticleTermCount._meta.db_table)
    rows = list(counted.items())
    with connection.cursor() as cursor:
        # 8,000 rows (16,000 parameters) a statement: a batch of a hundred articles is usually one.
        for first in range(0, len(rows), 8000):
            chunk = rows[first : first + 8000]
            cursor.execute(
                f"INSERT INTO {table} (term, articles) VALUES {', '.join(['(%s, %s)'] * len(chunk))} "
                f"ON CONFLICT (term) DO UPDATE SET articles = {table}.articles + excluded.articles",
                [value for row in chunk for value in row],
            )


def commonness(statements_holding: int) -> float:
    """How much a term's spread across the desk's statements discounts it (1 for a rare term)."""
    return 1 / (1 + math.log(1 + statements_holding / 50))


@dataclass(frozen=True)
class Match:
    statement_id: int
    article_id: int
    start: int
    end: int
    score: float
    reasons: dict


def score_statement(statement: Profile, analysis: ArticleAnalysis, corpus: Corpus, *, statement_id: int) -> list[Match]:
    """The passages of the article that speak to the statement, best first (at most PASSAGES_PER_ARTICLE).

    Two steps. The article must be about the statement: it holds MIN_SHARED of the statement's own
    terms (its speaker's name is context, not content) covering MIN_COVERAGE of their weight,
    anywhere in its passages, crossheads or title. Then its passages are ranked: a shared term
    counts for more the fewer passages of the article hold it, a crosshead's terms count for the
    passages under it, and a passage scoring THRESHOLD is a candidate."""
    content = statement.terms - statement.context
    weights = {term: corpus.weight(term) for term in content}
    total = sum(weights.values()) or 1.0
    in_article = content & analysis.terms()
    coverage = sum(weights[term] for term in in_article) / total
    if len(in_article) < MIN_SHARED or coverage < MIN_COVERAGE:
        return []
    relevance = 1 + ARTICLE_FACTOR * coverage
    scores: dict[int, float] = defaultdict(float)
    shared: dict[int, list[str]] = defaultdict(list)
    context: dict[int, list[str]] = defaultdict(list)
    for term in statement.terms & analysis.holders.keys():
        general = corpus.weight(term)
        weight = analysis.rarity(term) * general
        if term in statement.numbers and not _is_year(term):
            weight *= NUMBER_BOOST
        if term in statement.context:
            weight *= CONTEXT_WEIGHT
        for index in analysis.holders[term]:
            boost = NAME_BOOST if term in statement.names and term in analysis.profiles[index].names else 1
            scores[index] += weight * boost
            (context if term in statement.context else shared)[index].append(term)
    for index, (heading, strength) in enumerate(analysis.headings):
        for term in (heading & content) - analysis.profiles[index].terms:
            scores[index] += strength * analysis.rarity(term) * weights[term]
            shared[index].append(term)
    matches = []
    for index, score in scores.items():
        if not shared[index]:
            continue
        passage = analysis.profiles[index]
        pairs = statement.pairs & passage.pairs
        for first, second in pairs:
            score += PAIR_BONUS * (analysis.rarity(first) + analysis.rarity(second))
        if statement.money and passage.money:
            score += MONEY_BONUS
        score *= relevance * (1 + LEAD_BONUS / (1 + index)) / math.sqrt(total) ** LENGTH_POWER
        if score < THRESHOLD:
            continue
        start, end = analysis.spans[index]
        matches.append(
            Match(
                statement_id,
                analysis.article.pk,
                start,
                end,
                round(score, 2),
                _reasons(statement, passage, shared[index], pairs, context[index]),
            )
        )
    matches.sort(key=lambda match: (-match.score, match.start))
    return matches[:PASSAGES_PER_ARTICLE]


def _is_year(term: str) -> bool:
    return len(term) == 5 and term[1:].isdigit() and 1900 <= int(term[1:]) <= 2100


def _reasons(
    statement: Profile, passage: Profile, shared: list[str], pairs: set[tuple[str, str]], context: list[str]
) -> dict:
    words = statement.words

    def word(term: str) -> str:
        written = passage.words.get(term) or words.get(term, term)
        # As written for a name in both ("Clarke", "BAA"); else in lower case ("House of Lords" is no name of "house").
        return written if term in statement.names and term in passage.names else written.lower()

    # Sets: a concept and a stem may read as the same word ("~law" and "law" are both "law").
    return {
        "names": sorted({word(t) for t in shared if t in statement.names and t in passage.names}),
        "numbers": sorted({word(t) for t in shared if t.startswith("#")}),
        "phrases": sorted({f"{word(a)} {word(b)}" for a, b in pairs}),
        "words": sorted(
            {word(t) for t in shared if not t.startswith("#") and not (t in statement.names and t in passage.names)}
        ),
        "context": sorted({word(t) for t in context}),
    }


def describe_reasons(reasons: dict) -> str:
    """Why a passage matched, in words: "shared names: Roger, Singleton; key phrases: annual report; words:
    parliament; context (the speaker's name, the headline): Balls"."""
    parts = [f"{label}: {', '.join(reasons[key])}" for key, label in REASON_LABELS if reasons.get(key)]
    return "; ".join(parts) or "shared words"


REASON_LABELS = [
    ("names", "shared names"),
    ("numbers", "same numbers"),
    ("phrases", "key phrases"),
    ("words", "words"),
    ("context", "context (the speaker's name, the headline)"),
]


# -- On import ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Candidate:
    """An open statement as read for scoring."""

    pk: int
    article_id: int
    said_at: datetime | None
    profile: Profile


def match_articles(*, articles: Sequence[Article]) -> list[Match]:
    """Every passage of these (saved) articles that speaks to an open statement; writes nothing."""
    analyses = [ArticleAnalysis.of(article) for article in articles if article.pk]
    analyses = [analysis for analysis in analyses if analysis.spans]
    if not analyses:
        return []
    count_articles(analyses)
    terms = set().union(*(analysis.holders.keys() for analysis in analyses))
    counts = dict(EvidenceTermCount.objects.filter(term__in=terms, statements__gt=0).values_list("term", "statements"))
    if not counts:
        return []
    corpus = corpus_for(counts)
    wanted = {analysis.article.pk: _lookup(analysis, counts) for analysis in analyses}
    statement_ids = set().union(*wanted.values())
    statements = _open_statements(statement_ids)
    matches = []
    for analysis in analyses:
        article = analysis.article
        for pk in wanted[article.pk]:
            candidate = statements.get(pk)
            if candidate is None or candidate.article_id == article.pk or not _said_before(candidate, article):
                continue
            matches += score_statement(candidate.profile, analysis, corpus, statement_id=pk)
    return matches


def _lookup(analysis: ArticleAnalysis, counts: dict[str, int]) -> list[int]:
    """The statements sharing the most weight of the article's rarer terms (one query on the index's
    (term, statement) key, written out by hand: the ORM took longer to build it than it took to run)."""
    usable = [term for term in analysis.holders if 0 < counts.get(term, 0) <= MAX_STATEMENTS_PER_TERM]
    weights = {term: analysis.rarity(term) * commonness(counts[term]) for term in usable}
    chosen = sorted(weights, key=lambda term: (-weights[term], term))[:LOOKUP_TERMS]
    if not chosen:
        return []
    table = connection.ops.quote_name(EvidenceTerm._meta.db_table)
    cases = " ".join("WHEN %s THEN %s" for _ in chosen)
    marks = ", ".join(["%s"] * len(chosen))
    sql = (
        f"SELECT statement_id FROM {table} WHERE term IN ({marks}) GROUP BY statement_id "
        f"HAVING COUNT(*) >= %s ORDER BY SUM(CASE term {cases} ELSE 0 END) DESC, statement_id LIMIT %s"
    )
    cased = [value for term in chosen for value in (term, weights[term])]
    params = [*chosen, MIN_SHARED, *cased, STATEMENTS_PER_ARTICLE]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


_PROFILES: dict[tuple, Profile] = {}
_PROFILES_KEPT = 50_000


def _open_statements(ids: Iterable[int]) -> dict[int, _Candidate]:
    """The open statements among `ids`, with their terms (remembered per process while their text is unchanged)."""
    ids = list(ids)
    if not ids:
        return {}
    rows = (
        Statement.objects.filter(OPEN, pk__in=ids)
        .order_by()
        .values_list(
            "pk",
            "article_id",
            "article__published_at",
            "title",
            "quote",
            "success_criteria",
            "speaker__name",
            "article__title",
        )
    )
    found = {}
    for pk, article_id, said_at, title, quote, criteria, speaker, headline in rows:
        key = (pk, title, quote, criteria, speaker, headline)
        terms = _PROFILES.get(key)
        if terms is None:
            if len(_PROFILES) >= _PROFILES_KEPT:
                _PROFILES.clear()
            own = statement_profile(title=title, quote=quote, success_criteria=criteria, speaker=speaker)
            terms = _PROFILES[key] = with_headline(own, headline)
        found[pk] = _Candidate(pk, article_id, said_at, terms)
    return found


def _said_before(candidate: _Candidate, article: Article) -> bool:
    """Evidence comes after the statement; when either date is unknown it may."""
    return candidate.said_at is None or article.published_at is None or candidate.said_at <= article.published_at


def record_matches(*, matches: Sequence[Match], origin: str) -> int:
    """Write matches as candidates, skipping passages already suggested (or dismissed) for the statement
    and statements deleted meanwhile. The statements are locked until the transaction ends, so none can
    be deleted under a candidate before it commits. Returns how many matches were offered."""
    if not matches:
        return 0
    with transaction.atomic():
        alive = set(
            Statement.objects.select_for_update(no_key=True)
            .filter(pk__in={match.statement_id for match in matches})
            .values_list("pk", flat=True)
        )
        kept = [match for match in matches if match.statement_id in alive]
        EvidenceCandidate.objects.bulk_create(
            [
                EvidenceCandidate(
                    statement_id=match.statement_id,
                    article_id=match.article_id,
                    start=match.start,
                    end=match.end,
                    score=match.score,
                    reasons=match.reasons,
                    origin=origin,
                )
                for match in kept
            ],
            ignore_conflicts=True,
        )
    return len(kept)


def find_evidence_on_import(*, articles: Sequence[Article]) -> int:
    """Match newly imported articles against the open statements and record the candidates.

    Called by the importer inside its transaction, on every path. A failure here is logged and
    undoes only the candidates (a savepoint): the articles are imported whatever happens.
    """
    try:
        with transaction.atomic():
            return record_matches(matches=match_articles(articles=articles), origin=EvidenceCandidate.Origin.IMPORT)
    except Exception:  # the import must not fail for its evidence; the traceback says what went wrong
        logger.warning("evidence matching failed; the articles are imported without it", exc_info=True)
        return 0


def refresh_article_evidence(*, article: Article, old_body: str) -> int:
    """After an article's text changed (importing.update_article): its undecided candidates pointed
    into the old text, so they go and it is matched again; the corpus counts follow the text.
    Decided candidates stay on record as they were."""
    old = ArticleAnalysis.of(Article(pk=article.pk, body=old_body))
    if old.spans:
        count_articles([old], delta=-1)
    EvidenceCandidate.objects.filter(article=article, status=EvidenceCandidate.Status.NEW).delete()
    return find_evidence_on_import(articles=[article])


# -- On demand ------------------------------------------------------------------------------------


def find_evidence_for_statement(*, statement: Statement) -> int:
    """Score every imported article (on PostgreSQL, those sharing two of its rarer words) against
    one statement and record the candidates; returns how many passages were offered."""
    statement = Statement.objects.select_related("article", "speaker").get(pk=statement.pk)
    own = statement_profile(
        title=statement.title,
        quote=statement.quote,
        success_criteria=statement.success_criteria,
        speaker=statement.speaker.name,
    )
    terms = with_headline(own, statement.article.title)
    counts = dict(EvidenceTermCount.objects.filter(term__in=terms.terms).values_list("term", "statements"))
    corpus = corpus_for(terms.terms)
    articles = Article.objects.exclude(pk=statement.article_id).only("pk", "title", "body", "published_at")
    if statement.article.published_at is not None:
        articles = articles.filter(Q(published_at__isnull=True) | Q(published_at__gte=statement.article.published_at))
    if connection.vendor == "postgresql":
        # Searched for by the statement's own words, as the index holds them: the headline is context only.
        articles = _sharing_words(articles, own, counts)
    matches = []
    for article in articles.iterator(chunk_size=100):
        matches += score_statement(terms, ArticleAnalysis.of(article), corpus, statement_id=statement.pk)
    return record_matches(matches=matches, origin=EvidenceCandidate.Origin.SEARCH)


def _sharing_words(articles, terms: Profile, counts: dict[str, int]):
    """The newest SEARCH_ARTICLES articles holding two of the statement's rarer words (a GIN index
    on their text, migration 0016)."""
    words = sorted(
        (term for term in terms.terms if not term.startswith("#")), key=lambda term: (counts.get(term, 0), term)
    )[:SEARCH_WORDS]
    if len(words) < MIN_SHARED:
        return articles.none()
    surface = [terms.words.get(term, term) for term in words]
    query = " | ".join(f"({_lexeme(a)} & {_lexeme(b)})" for a, b in combinations(surface, 2))
    return articles.extra(
        where=["to_tsvector('english'::regconfig, body) @@ to_tsquery('english'::regconfig, %s)"], params=[query]
    ).order_by(F("published_at").desc(nulls_last=True), "-pk")[:SEARCH_ARTICLES]


def _lexeme(word: str) -> str:
    """A word as a tsquery operand: letters and digits only, so nothing in it is an operator."""
    return "".join(char for char in word if char.isalnum()) or "x"


# -- The desk's decisions -------------------------------------------------------------------------


def dismiss_candidate(*, candidate: EvidenceCandidate, user: AbstractBaseUser | None) -> EvidenceCandidate:
    """ "Not relevant": the candidate is kept, dismissed, and its passage never suggested again."""
    with transaction.atomic():
        locked = _locked(candidate)
        if locked.status == EvidenceCandidate.Status.DISMISSED:
            raise EvidenceError("This passage was already dismissed.")
        if locked.status == EvidenceCandidate.Status.USED:
            raise EvidenceError("This passage is already the source of a verdict update.")
        locked.status = EvidenceCandidate.Status.DISMISSED
        locked.decided_by = user if user is not None and user.is_authenticated else None
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "decided_by", "decided_at"])
    return locked


def mark_used(*, candidate: EvidenceCandidate, verdict: Verdict, user: AbstractBaseUser | None) -> EvidenceCandidate:
    """The candidate became a source of `verdict` (a draft started with "Use as source")."""
    with transaction.atomic():
        locked = _locked(candidate)
        if verdict.statement_id != locked.statement_id:
            raise EvidenceError("This passage was found for another statement.")
        locked.status = EvidenceCandidate.Status.USED
        locked.verdict = verdict
        locked.decided_by = user if user is not None and user.is_authenticated else None
        locked.decided_at = timezone.now()
        locked.save(update_fields=["status", "verdict", "decided_by", "decided_at"])
    return locked


def _locked(candidate: EvidenceCandidate) -> EvidenceCandidate:
    try:
        return EvidenceCandidate.objects.select_for_update().get(pk=candidate.pk)
    except EvidenceCandidate.DoesNotExist:
        raise EvidenceError("This evidence candidate no longer exists: its statement or article was deleted.") from None


def candidates_for(statement: Statement):
    """A statement's candidates for the desk, undecided first, best first."""
    return (
        EvidenceCandidate.objects.filter(statement=statement)
        .select_related("article__outlet", "verdict")
        .annotate(undecided=Case(When(status=EvidenceCandidate.Status.NEW, then=Value(0)), default=Value(1)))
        .order_by("undecided", "-score", "pk")
    )


def statements_with_new_evidence():
    """Statements with undecided candidates, the latest found first: the dashboard's "New evidence"."""
    new = Q(evidence_candidates__status=EvidenceCandidate.Status.NEW)
    return (
        Statement.objects.filter(Exists(EvidenceCandidate.objects.filter(statement=OuterRef("pk"), status="new")))
        .annotate(
            new_candidates=Count("evidence_candidates", filter=new),
            best_score=Max("evidence_candidates__score", filter=new),
            found_at=Max("evidence_candidates__created_at", filter=new),
        )
        .select_related("speaker")
        .order_by("-found_at", "-pk")
    )
