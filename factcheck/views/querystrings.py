"""Keep the reader's filters in every link: pagination, sorting, exports, "remove this filter"."""

from django.http import QueryDict
from django.utils.http import urlencode

FILTER_NAMES = ("q", "kind", "rating", "speaker", "speaker_name", "outlet", "topic", "year", "due")


def query_without(query: QueryDict, *names: str, **replace: str) -> str:
    """The query string without `names`, with `replace` set; empty values dropped."""
    params = [(key, value) for key, value in query.items() if key not in names and key not in replace and value]
    params += [(key, value) for key, value in replace.items() if value]
    return urlencode(params)


def active_filters(query: QueryDict, filterset) -> list[tuple[str, str, str]]:
    """(label, value as the reader knows it, query string without it) for each filter in use."""
    cleaned = filterset.cleaned()
    active = []
    for name in FILTER_NAMES:
        if name not in cleaned:
            continue
        field = filterset.form.fields[name]
        value = cleaned[name]
        labelled = name in ("kind", "rating", "due")
        shown = dict(_flat(field.choices)).get(str(value), str(value)) if labelled else str(value)
        active.append((field.label, shown, query_without(query, "page", name)))
    return active


def _flat(choices):
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            yield from _flat(label)
        else:
            yield str(value), label
