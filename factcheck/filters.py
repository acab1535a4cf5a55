"""The reader's filters for the statement list, its CSV and JSON exports.

A value the form cannot accept (an unknown rating, a speaker who does not exist, a year
that is not a number) is ignored and reported by `problems()`; the page shows the
rest of the list with a message instead of failing.
"""

import django_filters
from django import forms
from django.db.models import F, QuerySet
from django.utils import timezone

from .followup import overdue, upcoming
from .public import public_outlets, public_speakers, public_topics, years_said
from .scales import SCALES, Kind, Rating
from .search import search_statements, uses_full_text_search
from .standings import current_counts

SORT_UPDATED = "updated"
SORT_SAID = "said"
SORT_RELEVANCE = "relevance"
SORT_CHOICES = [
    (SORT_UPDATED, "Latest update"),
    (SORT_SAID, "Date said, newest first"),
    (SORT_RELEVANCE, "Best match"),
]

PROBLEMS = {
    "kind": "There is no kind of statement called “{value}”, so pledges and criticisms are both shown.",
    "rating": "There is no rating called “{value}”, so every rating is shown.",
    "speaker": "We have no speaker “{value}” with a published verdict, so every speaker is shown.",
    "speaker_name": "We could not search speakers' names for “{value}”, so every speaker is shown.",
    "outlet": "We have no outlet “{value}” with a published verdict, so every outlet is shown.",
    "topic": "We have no topic “{value}” with a published verdict, so every topic is shown.",
    "year": "We have no statements said in “{value}”, so every year is shown.",
    "sort": "We cannot sort by “{value}”, so the list is sorted by latest update.",
    "due": "We cannot list deadlines that are “{value}”, so every statement is shown.",
}
DUE_OVERDUE = "overdue"
DUE_UPCOMING = "upcoming"
DUE_CHOICES = [(DUE_OVERDUE, "Past its deadline"), (DUE_UPCOMING, "Deadline still ahead")]


def rating_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Ratings grouped by scale, each once: "Not yet rated" is on both scales."""
    seen: set[str] = set()
    groups = []
    for scale in SCALES.values():
        options = [(value, label) for value, label in scale.choices if value not in seen]
        seen.update(value for value, _ in options)
        groups.append((f"{scale.kind.label}s", options))
    return groups


class StatementFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label="Search",
        method="filter_nothing",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "Title, quote or verdict"}),
    )
    kind = django_filters.ChoiceFilter(label="Kind", choices=Kind.choices, empty_label="Pledges and criticisms")
    rating = django_filters.ChoiceFilter(
        label="Current rating", field_name="current_rating", choices=rating_choices, empty_label="Any rating"
    )
    # A speaker is chosen by typing part of a name: a menu of every speaker would list thousands.
    # Links from a speaker's page and the scoreboards name one exactly, by slug, in a hidden field.
    speaker_name = django_filters.CharFilter(
        label="Speaker",
        field_name="speaker__name",
        lookup_expr="icontains",
        widget=forms.TextInput(attrs={"placeholder": "Part of a name"}),
    )
    speaker = django_filters.ModelChoiceFilter(
        label="Speaker",
        queryset=lambda request: public_speakers(),
        to_field_name="slug",
        widget=forms.HiddenInput,
    )
    outlet = django_filters.ModelChoiceFilter(
        label="Outlet",
        field_name="article__outlet",
        queryset=lambda request: public_outlets(),
        to_field_name="slug",
        empty_label="Any outlet",
    )
    topic = django_filters.ModelChoiceFilter(
        label="Topic",
        field_name="topics",
        queryset=lambda request: public_topics(),
        to_field_name="slug",
        empty_label="Any topic",
    )
    year = django_filters.ChoiceFilter(
        label="Year said",
        field_name="article__published_at__year",
        choices=lambda: [(str(year), str(year)) for year in years_said()],
        empty_label="Any year",
    )
    due = django_filters.ChoiceFilter(
        label="Deadline", choices=DUE_CHOICES, method="filter_due", empty_label="Any deadline or none"
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by", choices=SORT_CHOICES, method="filter_nothing", empty_label=None, null_label=None
    )

    def __init__(self, *args, search_limit: int | None = None, **kwargs):
        """`search_limit` bounds the search's work for very common words (see factcheck.search)."""
        super().__init__(*args, **kwargs)
        self.search_limit = search_limit

    def filter_nothing(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """The search and sorting happen last, in filter_queryset: a limited search takes its
        candidates from the rows the other filters kept, and sorting needs the search's rank."""
        return queryset

    def filter_due(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        """Pledges past their deadline, or with it still ahead, not yet rated Kept or Broken (factcheck.followup)."""
        condition = overdue if value == DUE_OVERDUE else upcoming
        return queryset.filter(condition(today=timezone.localdate()))

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)
        text = self.form.cleaned_data.get("q") or ""
        queryset = search_statements(queryset, text, limit=self.search_limit)
        return queryset.order_by(*self.ordering())

    def cleaned(self) -> dict:
        """The values the form accepted (bad ones are left out)."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {name: value for name, value in self.form.cleaned_data.items() if value not in (None, "")}

    def count_from_totals(self) -> int | None:
        """How many statements the list shows, from the running totals (factcheck.standings), when
        nothing but kind and rating narrows it; None otherwise. Counting the index entries of the
        90,000 kept pledges cost the database 13 ms on every request at a million statements."""
        cleaned = self.cleaned()
        if set(cleaned) - {"kind", "rating", "sort"}:
            return None
        return sum(
            n
            for (kind, rating), n in current_counts().items()
            if cleaned.get("kind", kind) == kind and cleaned.get("rating", rating) == rating
        )

    def sort_choice(self) -> str:
        cleaned = self.cleaned()
        ranked = bool(cleaned.get("q")) and uses_full_text_search()
        chosen = cleaned.get("sort", "")
        if chosen == SORT_RELEVANCE and not ranked:
            chosen = ""
        return chosen or (SORT_RELEVANCE if ranked else SORT_UPDATED)

    def ordering(self) -> list:
        sort = self.sort_choice()
        if sort == SORT_SAID:
            return [F("article__published_at").desc(nulls_last=True), "-last_update_at", "-pk"]
        if sort == SORT_RELEVANCE:
            return ["-rank", "-last_update_at", "-pk"]
        return ["-last_update_at", "-pk"]

    def describe(self) -> str:
        """The filters in words, for the heading and the page title: "Pledges rated Kept by Ed Balls"."""
        cleaned = self.cleaned()
        words = [f"{Kind(cleaned['kind']).label}s" if "kind" in cleaned else "Statements"]
        if "rating" in cleaned:
            words.append(f"rated {Rating(cleaned['rating']).label}")
        if "speaker" in cleaned:
            words.append(f"by {cleaned['speaker'].name}")
        if "speaker_name" in cleaned:
            words.append(f"by speakers named like “{cleaned['speaker_name']}”")
        if "topic" in cleaned:
            words.append(f"on {cleaned['topic'].name.lower()}")
        if "outlet" in cleaned:
            words.append(f"reported by {cleaned['outlet'].name}")
        if "year" in cleaned:
            words.append(f"said in {cleaned['year']}")
        if cleaned.get("due") == DUE_OVERDUE:
            words.append("past their deadline")
        elif cleaned.get("due") == DUE_UPCOMING:
            words.append("with a deadline still ahead")
        if "q" in cleaned:
            words.append(f"matching “{cleaned['q']}”")
        return " ".join(words)

    def problems(self) -> list[str]:
        """What the reader asked for that we could not use, in words they understand."""
        if not self.is_bound or self.form.is_valid():
            return []
        return [
            PROBLEMS.get(name, "We could not use “{value}”, so that filter was left out.").format(
                value=str(self.data.get(name, ""))[:60]
            )
            for name in self.form.errors
        ]
