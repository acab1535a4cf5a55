"""Optimistic concurrency: refuse a save made on top of someone else's newer save.

Statement and Verdict carry a `version` that every successful save increments. A form
remembers the version it was opened at; if the row has moved on, the save is refused
with who changed it and when, taken from django-simple-history's records.
"""

from django.db import models
from django.utils import timezone


def changed_since_message(obj: models.Model) -> str:
    """“Changed by X at HH:MM since you opened it”, from the object's latest history record."""
    record = obj.history.order_by("-history_date", "-history_id").select_related("history_user").first()
    if record is None:
        return "This was changed by someone else since you opened it. Reload the page to see their changes."
    who = record.history_user.get_username() if record.history_user else "someone else"
    when = timezone.localtime(record.history_date).strftime("%H:%M")
    return f"Changed by {who} at {when} since you opened it. Reload the page to see their changes, then try again."


def current_version(model: type[models.Model], pk: int, *, lock: bool = True) -> int:
    """The row's version now; locked until the end of the transaction so no save can slip in between."""
    queryset = model._default_manager.select_for_update() if lock else model._default_manager
    return queryset.values_list("version", flat=True).get(pk=pk)
