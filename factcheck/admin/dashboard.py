"""The desk's to-do list: untouched statements, drafts waiting for an editor, verdicts due a follow-up,
pledges due or overdue, statements with new evidence, and articles still missing the date or outlet
readers are shown."""

import datetime

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.template.response import TemplateResponse
from django.utils import timezone

from ..evidence import statements_with_new_evidence
from ..followup import due_or_overdue
from ..models import Article, Source, Statement, Verdict
from ..publishing import publish_blockers, writers_of

LIMIT = 50


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day if it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    next_month = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_month - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def follow_up_cutoff() -> datetime.date:
    return months_before(timezone.localdate(), settings.PLEDGEBOOK_FOLLOW_UP_MONTHS)


def statements_without_verdict():
    return (
        Statement.objects.filter(~Exists(Verdict.objects.filter(statement=OuterRef("pk"))))
        .select_related("speaker", "article")
        .order_by("-created_at")
    )


def drafts_waiting():
    return (
        Verdict.objects.drafts()
        .select_related("statement", "author")
        .annotate(has_sources=Exists(Source.objects.filter(verdict=OuterRef("pk"))))
        .order_by("updated_at")
    )


def with_readiness(drafts: list[Verdict], user) -> list[Verdict]:
    """Each draft with what stands between it and publication (`blockers`), read in bulk: for an
    editor, by them; for a fact-checker, by any editor (whether it still needs a source)."""
    writers = writers_of(drafts)
    publisher = user if user.has_perm("factcheck.publish_verdict") else None
    for draft in drafts:
        draft.blockers = publish_blockers(
            verdict=draft,
            publisher=publisher,
            writers=writers[draft.pk],
            has_sources=draft.has_sources,
            validate=False,
        )
        draft.writers = writers[draft.pk]
    return drafts


def due_for_follow_up():
    """Statements whose current published verdict was checked before the cutoff, and no draft under way."""
    return (
        Statement.objects.with_current_verdict()
        .filter(current_verdict__checked_on__lt=follow_up_cutoff())
        .exclude(Exists(Verdict.objects.drafts().filter(statement=OuterRef("pk"))))
        .select_related("speaker")
        .order_by("current_verdict__checked_on")
    )


def articles_missing_details():
    """Articles with no publication date or no outlet: those readers already see first, then the newest imports."""
    return (
        Article.objects.filter(Q(published_at__isnull=True) | Q(outlet__isnull=True))
        .annotate(seen_by_readers=Exists(Statement.objects.public().filter(article=OuterRef("pk"))))
        .only("pk", "title", "outlet_id", "published_at", "imported_at")
        .order_by("-seen_by_readers", "-imported_at", "-pk")
    )


def dashboard_view(request, admin_site):
    if not request.user.has_perm("factcheck.view_statement"):
        return TemplateResponse(
            request, "admin/factcheck/desk_dashboard.html", {**admin_site.each_context(request), "forbidden": True}
        )
    return TemplateResponse(
        request,
        "admin/factcheck/desk_dashboard.html",
        {
            **admin_site.each_context(request),
            "title": "Desk dashboard",
            "without_verdict": statements_without_verdict()[:LIMIT],
            "drafts": with_readiness(list(drafts_waiting()[:LIMIT]), request.user),
            "follow_ups": due_for_follow_up()[:LIMIT],
            "due_pledges": due_or_overdue(today=timezone.localdate())[:LIMIT],
            "new_evidence": statements_with_new_evidence()[:LIMIT],
            "missing_details": (
                articles_missing_details()[:LIMIT] if request.user.has_perm("factcheck.view_article") else None
            ),
            "follow_up_months": settings.PLEDGEBOOK_FOLLOW_UP_MONTHS,
            "cutoff": follow_up_cutoff(),
            "can_publish": request.user.has_perm("factcheck.publish_verdict"),
            "allow_self_publish": settings.PLEDGEBOOK_ALLOW_SELF_PUBLISH,
            "limit": LIMIT,
        },
    )
