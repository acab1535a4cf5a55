"""Template helpers shared by the editors' desk (Django templates) and the public pages (Jinja2)."""

from django import template

from ..scales import Rating

register = template.Library()


@register.filter
def rating_label(value: str) -> str:
    """The reader-facing name of a rating value ("in-the-works" → "In the works")."""
    try:
        return Rating(value).label
    except ValueError:
        return ""
