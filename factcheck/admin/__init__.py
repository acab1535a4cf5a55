"""The editors' desk: one module per area of the admin."""

from . import articles, dashboard, people, statements, verdicts  # noqa: F401  (registers the ModelAdmins)
