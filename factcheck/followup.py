"""A pledge's follow-up terms: its deadline and what would count as kept (issue 17).

`set_follow_up` is the one way to change them on a saved statement; `fill_follow_up` sets them on a
statement being tagged (factcheck.tagging). Both apply the same rules (`check_follow_up`):
- only pledges have them: a criticism is borne out or not, never kept;
- a deadline cannot end before the pledge was made.
Once the statement is public, readers have seen them: only an editor (the publish_verdict
permission) may change them, with a note, recorded as a public correction on the statement's
current published verdict (the correction rule for published content; to move onto the general
corrections of issue 13 when merged).
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .concurrency import changed_since_message
from .deadlines import NO_DEADLINE_FIELDS, RECURRENCE_MONTHS, Deadline, DeadlineSuggestion, add_months, suggest_deadline
from .evidence import index_statement
from .models import Correction, Statement, Verdict
from .publishing import refresh_current_verdict
from .scales import Kind, Rating

logger = logging.getLogger(__name__)

MAX_CRITERIA = 2000
FOLLOW_UP_FIELDS = [*NO_DEADLINE_FIELDS, "success_criteria"]


class FollowUpError(Exception):
    """The change cannot be made; the message says why, for an editor."""


@dataclass(frozen=True)
class FollowUp:
    deadline: Deadline | None = None
    success_criteria: str = ""


def said_on(statement: Statement) -> date | None:
    """The day the statement was made: its article's date, if the article gives one."""
    published = statement.article.published_at
    return timezone.localdate(published) if published else None


def suggest_for(statement: Statement) -> DeadlineSuggestion:
    """The deadline the statement's own words suggest, for an editor to confirm."""
    if statement.kind != Kind.PLEDGE:
        return DeadlineSuggestion(None)
    return suggest_deadline(statement.quote, said_on=said_on(statement))


def check_follow_up(*, kind: str, said: date | None, follow_up: FollowUp) -> None:
    """Raise ValidationError (by field: deadline, success_criteria) if these terms cannot be set."""
    deadline, criteria = follow_up.deadline, follow_up.success_criteria
    if kind != Kind.PLEDGE and (deadline is not None or criteria.strip()):
        raise ValidationError(
            "Only pledges have a deadline and success criteria: a criticism is borne out or not, it is not kept."
        )
    errors = {}
    if deadline is not None and deadline.due_by is not None and said is not None and deadline.due_by < said:
        errors["deadline"] = (
            f"The deadline ({deadline.label}) ends before the pledge was made ({said.day} {said:%B %Y})."
        )
    if len(criteria) > MAX_CRITERIA:
        errors["success_criteria"] = f"Keep the success criteria under {MAX_CRITERIA:,} characters."
    if errors:
        raise ValidationError(errors)


def fill_follow_up(*, statement: Statement, follow_up: FollowUp) -> None:
    """Set the terms on a statement not yet saved (being tagged), after checking them; writes nothing."""
    check_follow_up(kind=statement.kind, said=said_on(statement), follow_up=follow_up)
    _assign(statement, follow_up)


def set_follow_up(
    *,
    statement: Statement,
    follow_up: FollowUp,
    user: AbstractBaseUser | None,
    note: str = "",
    expected_version: int | None = None,
) -> Statement:
    """Change a statement's deadline and success criteria.

    Before the statement is public, anyone on the desk may. Once it is public only an editor may,
    with a note for readers, saved as a Correction on its current published verdict in the same
    transaction. Nothing is written if nothing changed or any rule refuses.
    """
    with transaction.atomic():
        try:
            locked = Statement.objects.select_for_update(of=("self",)).select_related("article").get(pk=statement.pk)
        except Statement.DoesNotExist:
            raise FollowUpError("This statement no longer exists: it was deleted.") from None
        if expected_version is not None and locked.version != expected_version:
            raise FollowUpError(changed_since_message(locked))
        check_follow_up(kind=locked.kind, said=said_on(locked), follow_up=follow_up)
        before = _described(locked)
        _assign(locked, follow_up)
        after = _described(locked)
        changes = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
        if not changes:
            raise FollowUpError("Nothing was changed.")
        public = locked.current_verdict_id is not None
        if public:
            if user is None or not user.has_perm("factcheck.publish_verdict"):
                raise PermissionDenied(
                    "This statement is public: only an editor can change its deadline or success criteria."
                )
            if not note.strip():
                raise FollowUpError(
                    "This statement is public: write a correction note telling readers what changed and why."
                )
        locked.version += 1
        locked.full_clean(validate_unique=False)
        locked.save(update_fields=[*FOLLOW_UP_FIELDS, "version", "updated_at"])
        if public:
            verdict = Verdict.objects.get(pk=locked.current_verdict_id)
            correction = Correction(verdict=verdict, note=note.strip(), changes=changes, editor=user)
            correction.full_clean()
            correction.save()
            refresh_current_verdict(locked)
        if "success criteria" in changes:
            index_statement(statement=locked)
    logger.info("follow-up terms changed", extra={"statement_id": locked.pk, "fields": sorted(changes)})
    for name in [*FOLLOW_UP_FIELDS, "version", "updated_at"]:
        setattr(statement, name, getattr(locked, name))
    return locked


def _assign(statement: Statement, follow_up: FollowUp) -> None:
    fields = follow_up.deadline.as_fields() if follow_up.deadline else NO_DEADLINE_FIELDS
    for name, value in fields.items():
        setattr(statement, name, value)
    statement.success_criteria = follow_up.success_criteria.strip()


def _described(statement: Statement) -> dict[str, str]:
    """The terms as readers read them, for the correction's record of what changed."""
    deadline = statement.deadline
    return {
        "deadline": deadline.reader_text if deadline else "none",
        "success criteria": statement.success_criteria or "none",
    }


SETTLED_PLEDGE = [Rating.KEPT, Rating.BROKEN]


def overdue(*, today: date) -> Q:
    """Public filter: pledges past their deadline and not yet rated Kept or Broken."""
    return Q(kind=Kind.PLEDGE, due_by__lt=today) & ~Q(current_rating__in=SETTLED_PLEDGE)


def upcoming(*, today: date) -> Q:
    """Public filter: pledges whose deadline is still ahead (today included), not yet rated Kept or Broken."""
    return Q(kind=Kind.PLEDGE, due_by__gte=today) & ~Q(current_rating__in=SETTLED_PLEDGE)


def due_or_overdue(*, today: date):
    """Pledges whose deadline has passed with no verdict update checked since, and recurring pledges
    with none in their last period (a recurring pledge comes due every period), open ones only:
    the desk dashboard's "Due or overdue"."""
    later_update = Verdict.objects.filter(statement=OuterRef("pk"), checked_on__gt=OuterRef("due_by"))
    due = Q(due_by__lt=today) & ~Exists(later_update)
    for every, months in RECURRENCE_MONTHS.items():
        period_start = add_months(today, -months)
        said_before = timezone.make_aware(datetime.combine(period_start, time()))
        recent_update = Verdict.objects.filter(statement=OuterRef("pk"), checked_on__gte=period_start)
        due |= (
            Q(due_every=every)
            & ~Exists(recent_update)
            & (
                Q(article__published_at__lte=said_before)
                | Q(article__published_at__isnull=True, created_at__lte=said_before)
            )
        )
    return (
        Statement.objects.filter(due, kind=Kind.PLEDGE)
        .exclude(current_rating__in=SETTLED_PLEDGE)
        .select_related("speaker", "current_verdict")
        .order_by(F("due_by").asc(nulls_last=True), "pk")
    )
