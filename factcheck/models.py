"""The newsroom's data: articles, the statements tagged in them, and their verdicts."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .deadlines import Deadline, DuePrecision, Recurrence, YearPeriod
from .scales import SCALES, Kind, Rating, scale_for


class Outlet(models.Model):
    """A publication articles come from (BBC News, The Independent)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def has_been_public(self) -> bool:
        """Whether readers have seen this outlet: with one of its articles' statements (ever_public)."""
        return Statement.objects.ever_public().filter(article__outlet=self).exists()


class Speaker(models.Model):
    """A person whose statements the desk checks."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    role = models.CharField(max_length=200, blank=True, help_text="For example “Children's Secretary”.")
    party = models.CharField("party or organisation", max_length=200, blank=True)
    public_statements = models.PositiveIntegerField(
        default=0,
        db_default=0,
        editable=False,
        help_text="How many of their statements are public (kept by factcheck.tallies).",
    )
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["public_statements"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("factcheck:speaker_detail", kwargs={"slug": self.slug})

    def has_been_public(self) -> bool:
        """Whether readers have seen this speaker: with one of their statements (StatementQuerySet.ever_public)."""
        return Statement.objects.ever_public().filter(speaker=self).exists()


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    public_statements = models.PositiveIntegerField(
        default=0,
        db_default=0,
        editable=False,
        help_text="How many statements on this topic are public (kept by factcheck.tallies).",
    )
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["public_statements"])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def has_been_public(self) -> bool:
        """Whether readers have seen this topic: on one of its statements (StatementQuerySet.ever_public)."""
        return Statement.objects.ever_public().filter(topics=self).exists()


class ArticleQuerySet(models.QuerySet):
    def public(self) -> "ArticleQuerySet":
        """Articles readers are shown: those with a public statement, and those a published verdict
        cites as a source (its link goes to the article's page)."""
        cited = Source.objects.filter(article=OuterRef("pk"), verdict__status=Verdict.Status.PUBLISHED)
        return self.filter(Q(Exists(Statement.objects.public().filter(article=OuterRef("pk")))) | Q(Exists(cited)))


class Article(models.Model):
    """A news article as imported: its original text, and the cleaned body statements point into."""

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True)
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="articles", null=True, blank=True)
    byline = models.CharField(max_length=200, blank=True)
    source_url = models.URLField("source URL", max_length=2000, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, help_text="Leave empty if the article gives no date.")
    original_text = models.TextField(help_text="The text exactly as imported, page furniture and all.")
    body = models.TextField(help_text="The article's prose; statements point into this text.")
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        editable=False,
        help_text="SHA-256 of the body: the same article is never imported twice.",
    )
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    objects = ArticleQuerySet.as_manager()
    # The original text never changes after the import; the history need not copy it on every edit.
    history = HistoricalRecords(excluded_fields=["original_text"])

    class Meta:
        ordering = ["-published_at", "-imported_at"]
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("factcheck:article_detail", kwargs={"slug": self.slug})

    def has_been_public(self) -> bool:
        """Whether readers have seen this article: with one of its statements (StatementQuerySet.ever_public)."""
        return Statement.objects.ever_public().filter(article=self).exists()


class StatementQuerySet(models.QuerySet):
    def public(self) -> "StatementQuerySet":
        """The one gate for every public surface: statements with a published verdict.

        `current_verdict` is set exactly when a statement has one (publishing.refresh_current_verdict
        keeps it so), which makes this a cheap, indexed filter rather than a subquery per row.
        """
        return self.filter(current_verdict__isnull=False)

    def ever_public(self) -> "StatementQuerySet":
        """Statements readers have seen: a verdict on them was published, even if since withdrawn.

        Unpublishing keeps a verdict's publication date, so a statement stays in this set for good.
        What readers have seen of it changes only through an editor (factcheck.public_record).
        """
        return self.filter(Exists(Verdict.objects.filter(statement=OuterRef("pk"), published_at__isnull=False)))

    def with_current_verdict(self) -> "StatementQuerySet":
        """Fetch the current verdict with each statement (a join on its primary key).

        A join, not annotations: a COUNT of the queryset (pagination) then leaves it out.
        """
        return self.select_related("current_verdict")


PUBLIC = Q(current_verdict__isnull=False)


def _due_parts(precision: str, *, year: bool, month: bool, day: bool, period: bool, every: bool, by: bool) -> Q:
    """The rows whose deadline columns fit `precision`: each part given exactly when it must be."""
    return (
        Q(due_precision=precision)
        & Q(due_year__isnull=not year)
        & Q(due_month__isnull=not month)
        & Q(due_day__isnull=not day)
        & (~Q(due_period="") if period else Q(due_period=""))
        & (~Q(due_every="") if every else Q(due_every=""))
        & Q(due_by__isnull=not by)
    )


DUE_CONSISTENT = (
    (
        Q(due_precision="")
        & Q(due_year__isnull=True, due_month__isnull=True, due_day__isnull=True, due_by__isnull=True)
        & Q(due_period="", due_every="", due_phrase="")
    )
    | _due_parts(DuePrecision.DAY, year=True, month=True, day=True, period=False, every=False, by=True)
    | _due_parts(DuePrecision.MONTH, year=True, month=True, day=False, period=False, every=False, by=True)
    | _due_parts(DuePrecision.PERIOD, year=True, month=False, day=False, period=True, every=False, by=True)
    | _due_parts(DuePrecision.YEAR, year=True, month=False, day=False, period=False, every=False, by=True)
    | _due_parts(DuePrecision.RECURRING, year=False, month=False, day=False, period=False, every=True, by=False)
)


class Statement(models.Model):
    """A pledge or criticism, quoted exactly from an article and attributed to its speaker."""

    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="statements")
    speaker = models.ForeignKey(Speaker, on_delete=models.PROTECT, related_name="statements")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    quote = models.TextField(help_text="The exact words, as they appear in the article's body.")
    start = models.PositiveIntegerField(help_text="Offset of the quote's first character in the body.")
    end = models.PositiveIntegerField(help_text="Offset just past the quote's last character.")
    title = models.CharField(max_length=200, help_text="A short title, e.g. “200 graduate conversion places”.")
    slug = models.SlugField(max_length=200, unique=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="statements")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The current verdict (latest published by checked_on, published_at, id) and the dates the
    # public pages list and sort by, copied here so that filtering and sorting at a million
    # statements reads one indexed table. Written only by publishing.refresh_current_verdict(),
    # in the transaction that changes what is published.
    current_verdict = models.ForeignKey(
        "Verdict", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    current_rating = models.CharField(max_length=30, choices=Rating.choices, blank=True, default="", editable=False)
    first_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_update_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="Latest publication of a verdict or correction to one."
    )
    # Its rating month by month (see factcheck.standings), summed into StandingChange.
    standing = models.JSONField(default=list, blank=True, editable=False)
    # Issue 17: what would count as kept, and when the pledge is due. Pledges only; written only by
    # factcheck.followup (which applies the correction rule once the statement is public).
    success_criteria = models.TextField(
        "what would count as kept",
        blank=True,
        default="",
        db_default="",
        help_text="Written by the desk, e.g. “200 conversion places funded and filled by September 2010”.",
    )
    due_precision = models.CharField(
        "deadline precision", max_length=10, choices=DuePrecision.choices, blank=True, default="", db_default=""
    )
    due_year = models.PositiveSmallIntegerField(null=True, blank=True)
    due_month = models.PositiveSmallIntegerField(null=True, blank=True)
    due_day = models.PositiveSmallIntegerField(null=True, blank=True)
    due_period = models.CharField(max_length=10, choices=YearPeriod.choices, blank=True, default="", db_default="")
    due_every = models.CharField(max_length=10, choices=Recurrence.choices, blank=True, default="", db_default="")
    due_by = models.DateField(
        "due by", null=True, blank=True, help_text="The last day of the deadline's period (none for recurring pledges)."
    )
    due_phrase = models.CharField(
        "deadline in the pledge's words",
        max_length=200,
        blank=True,
        default="",
        db_default="",
        help_text="E.g. “this September”.",
    )
    # What PostgreSQL searches: title (weight A), quote (B) and the published verdicts' headlines
    # and explanations (C), kept by triggers (migration 0010); empty on SQLite, where search
    # matches substrings. See factcheck.search.
    search_document = SearchVectorField(null=True, editable=False)

    objects = StatementQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "current_verdict",
            "current_rating",
            "first_published_at",
            "last_update_at",
            "standing",
            "search_document",
        ],
    )

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")),
                name="statement_offsets_in_order",
                violation_error_message="The quote must end after it starts.",
            ),
            models.UniqueConstraint(
                fields=["article", "start", "end", "kind"],
                name="statement_unique_passage_kind",
                violation_error_message="This passage is already tagged as a statement of this kind.",
            ),
            models.CheckConstraint(
                condition=Q(kind=Kind.PLEDGE) | (Q(success_criteria="") & Q(due_precision="")),
                name="statement_follow_up_pledges_only",
                violation_error_message="Only pledges have a deadline and success criteria.",
            ),
            models.CheckConstraint(
                condition=DUE_CONSISTENT,
                name="statement_due_consistent",
                violation_error_message="The deadline's parts do not fit its precision.",
            ),
            models.CheckConstraint(
                condition=(Q(due_month__isnull=True) | Q(due_month__gte=1, due_month__lte=12))
                & (Q(due_day__isnull=True) | Q(due_day__gte=1, due_day__lte=31)),
                name="statement_due_day_month_in_range",
                violation_error_message="A deadline's month is 1 to 12 and its day 1 to 31.",
            ),
            models.CheckConstraint(
                condition=Q(due_precision__in=["", *DuePrecision.values])
                & Q(due_period__in=["", *YearPeriod.values])
                & Q(due_every__in=["", *Recurrence.values]),
                name="statement_due_choices_known",
            ),
        ]
        # One per public filter and ordering, holding public statements only.
        indexes = [
            models.Index(
                "kind", "current_rating", F("last_update_at").desc(), F("id").desc(),
                name="statement_public_rating_idx", condition=PUBLIC,
            ),
            models.Index(
                F("last_update_at").desc(), F("id").desc(), name="statement_public_updated_idx", condition=PUBLIC
            ),
            models.Index(
                "speaker", F("last_update_at").desc(), F("id").desc(),
                name="statement_public_speaker_idx", condition=PUBLIC,
            ),
            # ?due=overdue and ?due=upcoming, and the tracker's count of overdue pledges.
            models.Index(
                "due_by", "current_rating",
                name="statement_public_due_idx", condition=PUBLIC & Q(due_by__isnull=False),
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("factcheck:statement_detail", kwargs={"slug": self.slug})

    @property
    def scale(self):
        return scale_for(self.kind)

    def has_been_public(self) -> bool:
        """Whether readers have seen it (see StatementQuerySet.ever_public)."""
        return self.verdicts.filter(published_at__isnull=False).exists()

    @property
    def current_headline(self) -> str:
        return self.current_verdict.headline if self.current_verdict_id else ""

    @property
    def current_checked_on(self):
        return self.current_verdict.checked_on if self.current_verdict_id else None

    @property
    def deadline(self) -> Deadline | None:
        """The pledge's deadline as a value (factcheck.deadlines), or None."""
        return Deadline.from_statement(self)

    @property
    def due_status(self) -> str:
        """ "overdue" or "upcoming" for a dated pledge not yet rated Kept or Broken, else ""."""
        if self.due_by is None or self.current_rating in (Rating.KEPT, Rating.BROKEN):
            return ""
        return "overdue" if self.due_by < timezone.localdate() else "upcoming"

    def clean(self) -> None:
        super().clean()
        if self.start is None or self.end is None or not self.article_id:
            return
        if self.start >= self.end:
            raise ValidationError({"end": "The quote must end after it starts."})
        if self.article.body[self.start : self.end] != self.quote:
            raise ValidationError({"quote": "The quote does not match the article's text at the given position."})


class VerdictQuerySet(models.QuerySet):
    def published(self) -> "VerdictQuerySet":
        return self.filter(status=Verdict.Status.PUBLISHED)

    def drafts(self) -> "VerdictQuerySet":
        return self.filter(status=Verdict.Status.DRAFT)

    def latest_first(self) -> "VerdictQuerySet":
        return self.order_by("-checked_on", "-published_at", "-pk")


class Verdict(models.Model):
    """One dated entry in a statement's timeline of follow-ups."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="verdicts")
    rating = models.CharField(max_length=30, choices=Rating.choices)
    headline = models.CharField(max_length=300)
    explanation = models.TextField(
        help_text="Plain text. Separate paragraphs with a blank line; links are made clickable."
    )
    checked_on = models.DateField(help_text="The date the desk last checked the evidence.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    publisher = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = VerdictQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-checked_on", "-published_at", "-pk"]
        permissions = [("publish_verdict", "Can publish verdicts")]
        constraints = [
            models.CheckConstraint(condition=Q(rating__in=Rating.values), name="verdict_rating_known"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="verdict_published_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["statement", "status", "-checked_on", "-published_at"]),
            # The tracker's latest updates and the feed: newest publications first.
            models.Index(
                F("published_at").desc(), F("id").desc(), name="verdict_published_idx", condition=Q(status="published")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.headline}"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def clean(self) -> None:
        super().clean()
        if self.statement_id and self.rating and self.rating not in self.statement.scale:
            labels = [label for _, label in self.statement.scale.choices]
            allowed = f"{', '.join(labels[:-1])} or {labels[-1]}"
            other = next(kind for kind, scale in SCALES.items() if self.rating in scale)
            raise ValidationError(
                {
                    "rating": f"{Rating(self.rating).label} is a {Kind(other).label.lower()} rating; a "
                    f"{self.statement.get_kind_display().lower()} is rated {allowed}."
                },
                code="wrong_scale",
            )


class StandingChange(models.Model):
    """How many statements of a kind arrived at, and left, a rating in a month: running totals.

    The tracker's scoreboard and chart read these few hundred rows instead of every statement;
    publishing.refresh_current_verdict() keeps them (see factcheck.standings).
    """

    kind = models.CharField(max_length=20, choices=Kind.choices)
    month = models.DateField(help_text="The first day of the month.")
    rating = models.CharField(max_length=30, choices=Rating.choices)
    arrived = models.IntegerField(default=0)
    left = models.IntegerField(default=0)

    class Meta:
        ordering = ["kind", "month", "rating"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "month", "rating"], name="standing_change_unique"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()}s, {self.month:%B %Y}, {self.get_rating_display()}: +{self.arrived} -{self.left}"
        )


class Source(models.Model):
    """Evidence for a verdict: an external page or an article already in the system."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="sources")
    order = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(max_length=300)
    url = models.URLField("URL", max_length=2000, blank=True)
    article = models.ForeignKey(Article, on_delete=models.PROTECT, null=True, blank=True, related_name="cited_by")
    quote = models.TextField(blank=True, help_text="Optional: the words in the source that support the verdict.")
    accessed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["verdict", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(url="") & Q(article__isnull=False)) | (~Q(url="") & Q(article__isnull=True)),
                name="source_url_xor_article",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if bool(self.url) == bool(self.article_id):
            raise ValidationError("Give either a web address or an article already imported, not both.")

    @property
    def link(self) -> str:
        return self.url or self.article.get_absolute_url()


class CorrectionQuerySet(models.QuerySet):
    def public(self) -> "CorrectionQuerySet":
        """Corrections readers see: to a published verdict (or the withdrawal of one readers saw, while
        its statement is public), to a public statement, or to an article with a public statement.
        The public site's one gate for corrections."""
        return self.filter(
            Q(verdict__status=Verdict.Status.PUBLISHED)
            # A verdict withdrawn after readers saw it: the note saying why, while its statement is public.
            | Q(verdict__published_at__isnull=False, verdict__statement__current_verdict__isnull=False)
            | Q(statement__current_verdict__isnull=False)
            | Q(Exists(Statement.objects.public().filter(article=OuterRef("article"))))
        )


class Correction(models.Model):
    """A public note recording a change to something readers have seen.

    Exactly one of `verdict` (its rating, headline, explanation or date, or its withdrawal),
    `statement` (its quote, kind or speaker) or `article` (where and when it was published) is set.
    """

    verdict = models.ForeignKey(Verdict, on_delete=models.PROTECT, related_name="corrections", null=True, blank=True)
    statement = models.ForeignKey(
        Statement, on_delete=models.PROTECT, related_name="corrections", null=True, blank=True
    )
    article = models.ForeignKey(Article, on_delete=models.PROTECT, related_name="corrections", null=True, blank=True)
    note = models.TextField(help_text="Shown to readers with what it corrects.")
    changes = models.JSONField(default=dict, help_text="What changed: field name to [before, after].")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The corrections page and the feed read the newest first: without it PostgreSQL joined
        # every correction to every published verdict before taking twenty (270 ms at a million).
        indexes = [models.Index(F("created_at").desc(), F("id").desc(), name="correction_newest_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(verdict__isnull=False, statement__isnull=True, article__isnull=True)
                    | Q(verdict__isnull=True, statement__isnull=False, article__isnull=True)
                    | Q(verdict__isnull=True, statement__isnull=True, article__isnull=False)
                ),
                name="correction_corrects_one_thing",
                violation_error_message="A correction is to a verdict, a statement or an article: exactly one.",
            ),
        ]

    def __str__(self) -> str:
        return f"Correction to “{self.subject}” on {self.created_at:%d %B %Y}"

    def get_absolute_url(self) -> str:
        return f"{self.page_subject.get_absolute_url()}#correction-{self.pk}"

    @property
    def subject(self) -> "Verdict | Statement | Article":
        """What was corrected."""
        return self.verdict or self.statement or self.article

    @property
    def page_subject(self) -> "Statement | Article":
        """The public page the correction is shown on: the statement's (for its verdicts too), or the article's."""
        return self.verdict.statement if self.verdict_id else self.statement or self.article


class Suggestion(models.Model):
    """A candidate statement the importer spotted, waiting for an editor to accept or dismiss it."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        DISMISSED = "dismissed", "Dismissed"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    speaker_name = models.CharField(max_length=200, blank=True)
    title = models.CharField(max_length=200, blank=True, help_text="A short title the desk may accept or change.")
    reason = models.CharField(max_length=200, blank=True, help_text="Why the importer proposed it.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)

    class Meta:
        ordering = ["article", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="suggestion_offsets_in_order"
            ),
            models.UniqueConstraint(fields=["article", "start", "end", "kind"], name="suggestion_unique_passage_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} candidate: {self.quote[:60]}"


class EvidenceStatus(models.TextChoices):
    NEW = "new", "New"
    USED = "used", "Used as a source"
    DISMISSED = "dismissed", "Not relevant"


class EvidenceOrigin(models.TextChoices):
    IMPORT = "import", "Found when the article was imported"
    SEARCH = "search", "Found by “Find evidence”"


class EvidenceCandidate(models.Model):
    """A passage of a later article that may be evidence on an open statement (factcheck.evidence).

    Desk-only: never on a public page, feed, export or sitemap. A dismissed candidate is kept so the
    same passage is never suggested again for the same statement.
    """

    Status = EvidenceStatus
    Origin = EvidenceOrigin

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="evidence_candidates")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="evidence_candidates")
    start = models.PositiveIntegerField(help_text="Offset of the passage's first character in the article's body.")
    end = models.PositiveIntegerField(help_text="Offset just past the passage's last character.")
    score = models.FloatField()
    reasons = models.JSONField(default=dict, help_text="Why it matched: shared names, numbers, phrases and words.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.IMPORT)
    verdict = models.ForeignKey(
        Verdict, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", help_text="The draft it started."
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement", "-score", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__gte=0) & Q(start__lt=F("end")), name="evidence_candidate_offsets_in_order"
            ),
            models.UniqueConstraint(
                fields=["statement", "article", "start", "end"], name="evidence_candidate_unique_passage"
            ),
            models.CheckConstraint(condition=Q(score__gte=0), name="evidence_candidate_score_not_negative"),
            models.CheckConstraint(
                condition=Q(status__in=EvidenceStatus.values), name="evidence_candidate_status_known"
            ),
            models.CheckConstraint(
                condition=Q(origin__in=EvidenceOrigin.values), name="evidence_candidate_origin_known"
            ),
            models.CheckConstraint(
                condition=Q(status="new") | Q(decided_at__isnull=False), name="evidence_candidate_decision_dated"
            ),
        ]
        indexes = [
            models.Index(fields=["statement", "status", "-score"], name="evidence_statement_idx"),
            # The dashboard's "New evidence": statements with undismissed candidates, newest first.
            models.Index(F("created_at").desc(), name="evidence_new_idx", condition=Q(status="new")),
        ]

    def __str__(self) -> str:
        return f"Evidence for “{self.statement}” in “{self.article}” ({self.score:.1f})"

    @property
    def passage(self) -> str:
        return self.article.body[self.start : self.end]


class EvidenceTerm(models.Model):
    """One of a statement's distinctive terms: the inverted index that brings a new article to the
    statements it may speak to without reading every statement (factcheck.evidence)."""

    term = models.CharField(max_length=40)
    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["term", "statement"], name="evidence_term_unique")]
        indexes = [models.Index(fields=["statement"], name="evidence_term_statement_idx")]

    def __str__(self) -> str:
        return self.term


class EvidenceTermCount(models.Model):
    """How many statements hold a term: terms in too many are left out of matching. Kept as statements
    are indexed; approximate after statements are deleted (it only weighs terms)."""

    term = models.CharField(max_length=40, primary_key=True)
    statements = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.statements}"


class ArticleTermCount(models.Model):
    """How many imported articles hold a term: how common a word is in the newsroom's own news, so that
    "government" counts for little and "super-casinos" for much (factcheck.evidence)."""

    term = models.CharField(max_length=40, primary_key=True)
    articles = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term}: {self.articles}"
