"""A pledge's follow-up terms: its deadline and what would count as kept.

`read_follow_up` turns what an editor typed into terms, checked (`check_follow_up`):
- only pledges have them: a criticism is borne out or not, never kept;
- a deadline is a date at a precision the desk can read, and cannot end before the pledge was made.
`set_follow_up` is the one way to change them on a saved statement; tagging.tag_statement sets
them on a statement being tagged. Once readers have seen the statement, they change only
through an editor with a correction note readers see (factcheck.public_record's rule).
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone

from .concurrency import check_version, locked
from .deadlines import (
    NO_DEADLINE_FIELDS,
    RECURRENCE_MONTHS,
    Deadline,
    DeadlineSuggestion,
    add_months,
    parse_deadline,
    suggest_deadline,
)
from .evidence import index_statement
from .models import Statement, Verdict
from .public_record import check_public_change, record_correction
from .publishing import refresh_current_verdict
from .scales import Kind, Rating

logger = logging.getLogger(__name__)

MAX_CRITERIA = 2000
FOLLOW_UP_FIELDS = [*NO_DEADLINE_FIELDS, "success_criteria"]
LABELS = {"deadline": "deadline", "success criteria": "success criteria"}


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
        field = "deadline" if deadline is not None else "success_criteria"
        raise ValidationError(
            {
                field: "Only pledges have a deadline and success criteria: a criticism is borne out or not, "
                "it is not kept."
            },
            code="criticism",
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


def read_follow_up(*, kind: str, said: date | None, quote: str, deadline_text: str, success_criteria: str) -> FollowUp:
    """The terms an editor typed, read and checked; ValidationError by field if they cannot be set.

    A deadline typed with the same dates as the one the quote suggests keeps the pledge's own words
    ("this September" rather than "September 2009").
    """
    try:
        deadline = parse_deadline(deadline_text, said_on=said) if deadline_text.strip() else None
    except ValidationError as error:
        raise ValidationError({"deadline": error.messages}) from None
    if deadline is not None:
        suggested = suggest_deadline(quote, said_on=said).deadline
        if deadline.same_dates(suggested):
            deadline = suggested
    follow_up = FollowUp(deadline=deadline, success_criteria=success_criteria.strip())
    check_follow_up(kind=kind, said=said, follow_up=follow_up)
    return follow_up


def fill_follow_up(*, statement: Statement, deadline_text: str, success_criteria: str) -> None:
    """Set the terms on a statement not yet saved (being tagged), after reading and checking them."""
    if not deadline_text.strip() and not success_criteria.strip():
        return
    follow_up = read_follow_up(
        kind=statement.kind,
        said=said_on(statement),
        quote=statement.quote,
        deadline_text=deadline_text,
        success_criteria=success_criteria,
    )
    _assign(statement, follow_up)


def set_follow_up(
    *,
    statement: Statement,
    deadline_text: str,
    success_criteria: str,
    user: AbstractBaseUser | None,
    note: str = "",
    expected_version: int | None = None,
) -> Statement:
    """Change a statement's deadline and success criteria.

    Before readers have seen the statement, anyone on the desk may. Afterwards only an editor may,
    with a note for readers, saved as a correction to the statement in the same transaction.
    Nothing is written if nothing changed or any rule refuses.
    """
    with transaction.atomic():
        try:
            current = locked(statement)
        except Statement.DoesNotExist:
            raise ValidationError("This statement no longer exists: it was deleted.", code="deleted") from None
        check_version(current, expected_version)
        follow_up = read_follow_up(
            kind=current.kind,
            said=said_on(current),
            quote=current.quote,
            deadline_text=deadline_text,
            success_criteria=success_criteria,
        )
        before = _described(current)
        _assign(current, follow_up)
        after = _described(current)
        changes = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
        if not changes:
            raise ValidationError("Nothing was changed.", code="nothing_changed")
        seen = current.has_been_public()
        if seen:
            check_public_change(
                user=user, thing="statement", changed=changes, labels=LABELS, needs_note=LABELS, note=note
            )
        current.version += 1
        current._history_user = user
        current.full_clean(validate_unique=False)
        current.save(update_fields=[*FOLLOW_UP_FIELDS, "version", "updated_at"])
        if seen:
            record_correction(editor=user, note=note, changes=changes, statement=current)
            refresh_current_verdict(current)
        if "success criteria" in changes:
            index_statement(statement=current)
    logger.info("follow-up terms changed", extra={"statement_id": current.pk, "fields": sorted(changes)})
    for name in [*FOLLOW_UP_FIELDS, "version", "updated_at"]:
        setattr(statement, name, getattr(current, name))
    return current


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
