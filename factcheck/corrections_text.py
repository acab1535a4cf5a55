"""What a correction changed, in words for readers, from the record kept with it (Correction.changes)."""

import datetime

from django.utils import dateformat

from .models import Correction
from .scales import Kind, Rating

_NAMED = {
    "headline": "headline",
    "explanation": "explanation",
    "title": "title",
    "byline": "byline",
}


def _rating(value: str) -> str:
    return Rating(value).label if value in Rating.values else value


def _day(value: str) -> str:
    try:
        return dateformat.format(datetime.date.fromisoformat(value[:10]), "j F Y")
    except ValueError:
        return value or "none"


def what_changed(correction: Correction) -> list[str]:
    """One sentence per change the record holds: "Rating changed from In the works to Stalled."

    Read from the record, not from the editor's note, so readers see exactly what moved.
    """
    lines = []
    named = []
    for field, (before, after) in correction.changes.items():
        if field == "rating":
            lines.append(f"Rating changed from {_rating(before)} to {_rating(after)}.")
        elif field == "kind":
            now, was = Kind(after).label.lower(), Kind(before).label.lower()
            lines.append(f"Now tagged as a {now}; it was tagged as a {was}.")
        elif field == "speaker":
            lines.append(f"Now attributed to {after}; it was attributed to {before}.")
        elif field == "quote":
            lines.append(f"The quote previously read: “{before}”.")
        elif field == "checked_on":
            lines.append(f"Checked-on date changed from {_day(before)} to {_day(after)}.")
        elif field == "published_at":
            lines.append(f"The article's date changed from {_day(before)} to {_day(after)}.")
        elif field == "outlet":
            lines.append(f"The article's outlet changed from {before or 'none'} to {after or 'none'}.")
        elif field == "source_url":
            lines.append(f"The link to the original article changed; it was {before or 'missing'}.")
        elif field == "status":
            lines.append("The verdict was withdrawn.")
        elif field == "deadline":
            lines.append(f"Deadline changed from {before} to {after}.")
        elif field == "success criteria":
            lines.append(f"What would count as kept changed; it was: “{before}”.")
        elif field == "sources":
            named.append("sources")
        elif field in _NAMED:
            named.append(_NAMED[field])
    if named:
        plural = len(named) > 1 or named == ["sources"]
        lines.append(f"The {' and '.join(named)} {'were' if plural else 'was'} changed.")
    return lines
