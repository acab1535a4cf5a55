"""Row ids read from an address or a form post: anything that is not a whole number names no row.

Desk views look rows up by what the browser sends; a hand-typed "?suggestion=abc" must find nothing,
not stop the page with a server error.
"""

from collections.abc import Iterable


def key(value: object) -> int | None:
    """The id in `value`, or None."""
    text = str(value or "").strip()
    return int(text) if text.isdigit() else None


def keys(values: Iterable[object]) -> list[int]:
    """The ids among `values`, the rest left out."""
    return [found for found in map(key, values) if found is not None]
