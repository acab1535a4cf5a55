"""Where the desk sends an editor to see a statement as readers will: its page, or the staff preview."""

from django.urls import reverse

from ..models import Statement


def preview_url(statement: Statement | int) -> str:
    """The staff preview: the statement page with its drafts shown and marked. Never cached, never public."""
    return reverse("factcheck:statement_preview", args=[getattr(statement, "pk", statement)])
