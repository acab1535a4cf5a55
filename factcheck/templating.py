"""The Jinja2 environment of the public pages (templates/jinja2).

Jinja2 compiles templates to Python, so an uncached page renders several times faster than with
Django's engine. Autoescaping is on for every template, and the filters below are Django's own
where Django has one, so dates, plurals, links and line breaks come out as they did before.
"""

import datetime
import functools
import json

from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.forms import BoundField, Field, ModelChoiceField
from django.template import defaultfilters, engines
from django.urls import get_script_prefix, reverse
from django.utils import dateformat, timezone
from django.utils.dates import MONTHS
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from jinja2 import Environment
from markupsafe import Markup

from .corrections_text import what_changed
from .links import safe_href
from .templatetags.factcheck import rating_label

# As django.utils.html.json_script does: no "<", ">" or "&" may reach the HTML parser,
# so no text in the data can close the <script> element or open a comment.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update(
        url=url,
        static=staticfiles_storage.url,
        json_ld=json_ld,
        select_options=select_options,
        what_changed=what_changed,
    )
    env.filters.update(
        date=date,
        datetime_attribute=datetime_attribute,
        pluralize=defaultfilters.pluralize,
        truncatewords=defaultfilters.truncatewords,
        urlize=urlize,
        linebreaks=defaultfilters.linebreaks_filter,
        rating_label=rating_label,
        safe_href=safe_href,
    )
    return env


def json_ld(data: dict) -> str:
    """A <script type="application/ld+json"> element, escaped like json_script (which cannot set the type)."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    # mark_safe: the JSON has every character that could end the script escaped just above.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def url(name: str, *args) -> str:
    """`reverse()`, remembered per process: each page names the same dozen links (the navigation,
    the footer, the list), and the URLconf does not change while the server runs."""
    return _reverse(get_script_prefix(), name, args)


@functools.lru_cache(maxsize=256)
def _reverse(prefix: str, name: str, args: tuple) -> str:
    """`prefix` (the script prefix reverse() reads) is in the key, so a server mounted under
    another path never gets links remembered for the first one."""
    return reverse(name, args=args or None)


def date(value, format_string: str) -> str:
    """Django's `date` filter, in the site's time zone as Django's templates show datetimes.

    The two formats every list repeats ("17 March 2010" and "2010-03-17") are written directly:
    a page of twenty statements formats eighty dates, and Django's general formatter was a tenth
    of the page's time.
    """
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    if format_string == "j F Y":
        return f"{value.day} {MONTHS[value.month]} {value.year:04d}"
    if format_string == "Y-m-d":
        return f"{value.year:04d}-{value.month:02d}-{value.day:02d}"
    return dateformat.format(value, format_string)


def datetime_attribute(value) -> str:
    """An instant for <time datetime="...">: to the second, with the site's UTC offset. HTML allows at
    most three digits of fractional seconds, and Django's "c" format writes six."""
    if value in (None, ""):
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def urlize(value: str):
    """Links in the text made clickable (rel="nofollow"), the rest escaped: Django's `urlize`."""
    return defaultfilters.urlize(value, autoescape=True)


def select_options(field: BoundField) -> list[tuple[str | None, list[tuple[str, str, bool]]]]:
    """A choice field's options as (group label or None, [(value, label, selected)]), in order.

    Written out by the `select` macro (templates/jinja2/factcheck/_forms.html) instead of Django's
    widget templates, which built a context and rendered a template for every option.
    """
    chosen = str(field.value() or "")
    groups: list[tuple[str | None, list[tuple[str, str, bool]]]] = []
    for value, label in _choices(field.field):
        if isinstance(label, (list, tuple)):
            groups.append((str(value), [(str(v), str(text), str(v) == chosen) for v, text in label]))
            continue
        if not groups or groups[-1][0] is not None:
            groups.append((None, []))
        groups[-1][1].append((str(value), str(label), str(value) == chosen))
    return groups


def public_verdict(verdict) -> Markup:
    """A verdict as readers see it on its statement's page, for the editors' previews in the admin
    (whose templates are Django's): the public page's own macro, so the two cannot drift apart."""
    template = engines["jinja2"].env.get_template("factcheck/_verdict.html")
    return template.module.verdict_item(verdict)


def _choices(form_field: Field) -> list[tuple]:
    """The field's choices; a model's in one plain query (Django's ModelChoiceIterator reads
    through a server-side cursor on PostgreSQL: three round trips instead of one)."""
    if not isinstance(form_field, ModelChoiceField):
        return list(form_field.choices)
    empty = [] if form_field.empty_label is None else [("", form_field.empty_label)]
    return empty + [(form_field.prepare_value(obj), form_field.label_from_instance(obj)) for obj in form_field.queryset]
