"""Pagination that stops counting at a cap, for lists a common search word makes very long.

Counting 54,000 matches of "nurses" at a million statements took 755 ms; counting up to the cap
reads at most cap + 1 rows. Past the cap the list says "More than 500 statements" and its
last page (the 25th) is the cap's. A search's page and its count are read in one query (see
`get_page`).
"""

from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

# Also the search's limit (factcheck.search): the candidates a common word gathers, ranks and counts.
# At a million statements "nurses" has 54,000 public matches, at 10,000 about 500. In one process
# (bench/profile_pages.py) it took 21 ms a request at a million with a cap of 1,000 and 17 ms with
# 500, against 13 ms at 10,000. A reader pages through 25 pages of twenty before "More than 500
# statements" stops them.
SEARCH_CAP = 500


class CappedPaginator(Paginator):
    """A Paginator whose `count` is at most `cap` (None: no cap); `capped` says whether there were more.

    `known_count` is the number of rows when the caller knows it without counting them."""

    def __init__(self, object_list: QuerySet, per_page: int, *, cap: int | None, known_count: int | None = None):
        super().__init__(object_list, per_page)
        self.cap = cap
        self.known_count = known_count
        self._read: tuple[int, list] | None = None  # (page number, its rows) read with the count

    @cached_property
    def found(self) -> int:
        """The rows there are (`known_count` if given), counted up to cap + 1 (order does not
        change that count)."""
        if self.known_count is not None:
            return self.known_count
        if self.cap is None:
            return self.object_list.count()
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return self.found if self.cap is None else min(self.found, self.cap)

    def get_page(self, number) -> Page:
        """With a cap and no known count, first try the page's rows and the count in one query."""
        if self.cap is not None and self.known_count is None and "found" not in self.__dict__:
            self._read_page_and_count(number)
        return super().get_page(number)

    def page(self, number) -> Page:
        number = self.validate_number(number)
        if self._read is not None and self._read[0] == number:
            bottom = (number - 1) * self.per_page
            return self._get_page(self._read[1][: self.count - bottom], number, self)
        return super().page(number)

    def _read_page_and_count(self, number) -> None:
        """The page's rows and how many rows there are, from one query (COUNT(*) OVER ()).

        A capped list is a search: its candidates (at most cap + 1) are all gathered and ranked to
        pick any page, so counting them in the same pass saves reading the same rows twice (at a
        million statements, with the earlier two-index search, EXPLAIN ANALYZE of "nurses" gave
        17 ms to count and 18 ms to page). An empty first page means no match; a page past the
        end has no row to carry the count, which is then read on its own. Page numbers below 1
        are left to Django (it serves the last page).
        """
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        if number < 1:
            return
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list.values_list("pk", Window(Count("*")))[bottom : bottom + self.per_page])
        if rows:
            self.found = min(rows[0][1], self.cap + 1)
        elif bottom == 0:
            self.found = 0
        self._read = (number, [pk for pk, _ in rows])

    @property
    def capped(self) -> bool:
        return self.cap is not None and self.found > self.cap

    def count_text(self, noun: str = "statement") -> str:
        """ "3 statements", "1 statement", "More than 500 statements"."""
        if self.capped:
            return f"More than {self.cap:,} {noun}s"
        return f"{self.count:,} {noun}{'' if self.count == 1 else 's'}"
