"""Optimistic concurrency: refuse a save made on top of someone else's newer save.

Every row an editor edits (statements, verdicts, articles, speakers, topics) carries a `version`
that each service's save increments. The form remembers the version it was opened at and the
service, holding the row's lock, compares: if the row has moved on, the save is refused with who
changed it and when, taken from django-simple-history's records.
"""

from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

# Bookkeeping every row carries, not what an editor wrote.
_NOT_WRITTEN = {"id", "version", "created_at", "updated_at", "imported_at", "imported_by", "content_hash"}


class StaleVersionError(ValidationError):
    """Someone else saved the row after the editor opened it; `version` is the row's version now."""

    def __init__(self, message: str, *, version: int):
        super().__init__(message, code="stale")
        self.version = version


@dataclass(frozen=True)
class FieldChange:
    """One field another editor changed since this editor opened the form."""

    field: str
    label: str
    before: str
    after: str
    who: str
    when: datetime


def changes_since(obj: models.Model, version: int) -> list[FieldChange]:
    """What changed in `obj` since it stood at `version`, field by field, with who made each change.

    Read from the history (which records each version): the record at `version` against each
    later one, so every change is credited to the person who made it. Empty if the history does
    not reach back to that version.
    """
    records = list(
        obj.history.filter(version__gte=version).select_related("history_user").order_by("history_date", "history_id")
    )
    base = next((record for record in records if record.version == version), None)
    if base is None:
        return []
    fields = [f for f in obj._meta.concrete_fields if f.name not in _NOT_WRITTEN and hasattr(base, f.attname)]
    later = records[records.index(base) :]
    changes = []
    for field in fields:
        old, new = getattr(base, field.attname), getattr(later[-1], field.attname)
        if old == new:
            continue
        # Credit the last person who changed this field.
        changer = next(
            after
            for before, after in reversed(list(pairwise(later)))
            if getattr(before, field.attname) != getattr(after, field.attname)
        )
        changes.append(
            FieldChange(
                field.name,
                str(field.verbose_name),
                _shown(field, base, old),
                _shown(field, later[-1], new),
                person(changer.history_user),
                changer.history_date,
            )
        )
    return changes


def _shown(field: models.Field, record, value) -> str:
    """A value as an editor reads it: a speaker's name rather than an id, a choice's label."""
    if value is None or value == "":
        return "(empty)"
    if field.is_relation:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else str(value)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def person(user) -> str:
    """How the desk names a colleague: their full name, else their username."""
    if user is None:
        return "someone else"
    return user.get_full_name() or user.get_username()


def changed_since_message(obj: models.Model) -> str:
    """“Changed by X at HH:MM since you opened it”, from the object's latest history record."""
    record = obj.history.order_by("-history_date", "-history_id").select_related("history_user").first()
    if record is None:
        return "This was changed by someone else since you opened it. Reload the page to see their changes."
    when = timezone.localtime(record.history_date).strftime("%H:%M")
    return (
        f"Changed by {person(record.history_user)} at {when} since you opened it. "
        "Reload the page to see their changes, then try again."
    )


def check_version(obj: models.Model, expected_version: int | None) -> None:
    """Refuse a save over a newer one: `obj` was read under lock, `expected_version` is what the editor opened.

    None means the caller has no opened version to compare (a script acting on the current row).
    """
    if expected_version is not None and obj.version != expected_version:
        raise StaleVersionError(changed_since_message(obj), version=obj.version)


def locked(obj: models.Model) -> models.Model:
    """The row as it is now, locked until the end of the transaction so no save slips in between."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)
