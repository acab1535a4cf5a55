"""Optimistic concurrency: refuse a save made on top of someone else's newer save.

Every row an editor edits (statements, verdicts, articles, speakers, topics) carries a `version`
that each service's save increments. The form remembers the version it was opened at and the
service, holding the row's lock, compares: if the row has moved on, the save is refused with who
changed it and when, taken from django-simple-history's records.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


class StaleVersionError(ValidationError):
    """Someone else saved the row after the editor opened it."""


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
        raise StaleVersionError(changed_since_message(obj), code="stale")


def locked(obj: models.Model) -> models.Model:
    """The row as it is now, locked until the end of the transaction so no save slips in between."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)
