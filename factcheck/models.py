"""The newsroom's data: articles, the statements tagged in them, and their verdicts."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from .scales import Kind, Rating, scale_for


class Outlet(models.Model):
    """A publication articles come from (BBC News, The Independent)."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("factcheck:speaker_detail", kwargs={"slug": self.slug})


class Topic(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    public_statements = models.PositiveIntegerField(
        default=0,
        db_default=0,
        editable=False,
        help_text="How many statements on this topic are public (kept by factcheck.tallies).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ArticleQuerySet(models.QuerySet):
    def public(self) -> "ArticleQuerySet":
        """Articles with at least one public statement."""
        return self.filter(Exists(Statement.objects.public().filter(article=OuterRef("pk"))))


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

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-imported_at"]
        indexes = [models.Index(fields=["published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("factcheck:article_detail", kwargs={"slug": self.slug})


class StatementQuerySet(models.QuerySet):
    def public(self) -> "StatementQuerySet":
        """The one gate for every public surface: statements with a published verdict.

        `current_verdict` is set exactly when a statement has one (publishing.refresh_current_verdict
        keeps it so), which makes this a cheap, indexed filter rather than a subquery per row.
        """
        return self.filter(current_verdict__isnull=False)

    def with_current_verdict(self) -> "StatementQuerySet":
        """Fetch the current verdict with each statement (a join on its primary key).

        A join, not annotations: a COUNT of the queryset (pagination) then leaves it out.
        """
        return self.select_related("current_verdict")


PUBLIC = Q(current_verdict__isnull=False)


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
    # What PostgreSQL searches: title (weight A), quote (B) and the published verdicts' headlines
    # and explanations (C), kept by triggers (migration 0010); empty on SQLite, where search
    # matches substrings. See factcheck.search.
    search_document = SearchVectorField(null=True, editable=False)

    objects = StatementQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=[
            "version",
            "current_verdict",
            "current_rating",
            "first_published_at",
            "last_update_at",
            "standing",
            "search_document",
        ]
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
        ]  # fmt: skip

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("factcheck:statement_detail", kwargs={"slug": self.slug})

    @property
    def scale(self):
        return scale_for(self.kind)

    @property
    def current_headline(self) -> str:
        return self.current_verdict.headline if self.current_verdict_id else ""

    @property
    def current_checked_on(self):
        return self.current_verdict.checked_on if self.current_verdict_id else None

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
    history = HistoricalRecords(excluded_fields=["version"])

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
            allowed = ", ".join(label for _, label in self.statement.scale.choices)
            raise ValidationError(
                {
                    "rating": f"“{Rating(self.rating).label}” is not a rating for a "
                    f"{self.statement.get_kind_display().lower()}. Choose one of: {allowed}."
                }
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


class Correction(models.Model):
    """A public note recording a change to a published verdict."""

    verdict = models.ForeignKey(Verdict, on_delete=models.PROTECT, related_name="corrections")
    note = models.TextField(help_text="Shown to readers under the verdict.")
    changes = models.JSONField(default=dict, help_text="What changed: field name to [before, after].")
    editor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        # The corrections page and the feed read the newest first: without it PostgreSQL joined
        # every correction to every published verdict before taking twenty (270 ms at a million).
        indexes = [models.Index(F("created_at").desc(), F("id").desc(), name="correction_newest_idx")]

    def __str__(self) -> str:
        return f"Correction to “{self.verdict.headline}” on {self.created_at:%d %B %Y}"


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
    title = models.CharField(max_length=200, blank=True, help_text="A short title the importer proposes for it.")
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
