"""Template helpers for the public site: rating names and safe JSON-LD."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from ..scales import Rating

register = template.Library()

# As django.utils.html.json_script does: no "<", ">" or "&" may reach the HTML parser,
# so no text in the data can close the <script> element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def rating_label(value: str) -> str:
    """The reader-facing name of a rating value ("in-the-works" → "In the works")."""
    try:
        return Rating(value).label
    except ValueError:
        return ""


@register.simple_tag
def json_ld(data: dict) -> str:
    """A <script type="application/ld+json"> element, escaped like json_script (which cannot set the type)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # mark_safe: the JSON has every character that could end the script escaped just above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))
