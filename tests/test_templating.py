"""The Jinja2 helpers of the public pages give what Django's own filters and widgets gave."""

import datetime
import zoneinfo

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import dateformat, timezone

from factcheck.filters import StatementFilter
from factcheck.public import public_statements
from factcheck.scales import Rating
from factcheck.templating import date, select_options
from tests.factories import TopicFactory
from tests.public_data import public_statement

LONDON = zoneinfo.ZoneInfo("Europe/London")


@pytest.mark.parametrize("format_string", ["j F Y", "Y-m-d", "c", "F Y"])
@pytest.mark.parametrize(
    "value",
    [
        datetime.datetime(2010, 3, 17, 9, 30, tzinfo=datetime.UTC),
        # 23:30 UTC on 31 March 2010 is already 1 April in London (summer time).
        datetime.datetime(2010, 3, 31, 23, 30, tzinfo=datetime.UTC),
        datetime.datetime(2009, 12, 31, 23, 59, tzinfo=datetime.UTC),
        datetime.date(2011, 1, 5),
    ],
)
def test_date_filter_matches_djangos_in_the_site_time_zone(settings, value, format_string):
    settings.TIME_ZONE = "Europe/London"
    expected_value = timezone.localtime(value, LONDON) if isinstance(value, datetime.datetime) else value
    assert date(value, format_string) == dateformat.format(expected_value, format_string)


def test_date_filter_shows_nothing_for_a_missing_date():
    assert date(None, "j F Y") == ""
    assert date("", "Y-m-d") == ""


@pytest.mark.django_db
def test_select_options_group_ratings_by_scale_and_mark_the_chosen_one():
    filterset = StatementFilter(QueryDict("rating=kept"), queryset=public_statements())
    groups = select_options(filterset.form["rating"])
    assert groups[0] == (None, [("", "Any rating", False)])
    assert [label for label, _ in groups[1:]] == ["Pledges", "Criticisms"]
    chosen = [value for _, options in groups for value, _, selected in options if selected]
    assert chosen == [Rating.KEPT.value]


@pytest.mark.django_db
def test_select_options_of_a_model_filter_list_rows_by_slug_after_the_empty_choice():
    public_statement(topics=[TopicFactory(name="Social work", slug="social-work")])
    filterset = StatementFilter(QueryDict("topic=social-work"), queryset=public_statements())
    assert select_options(filterset.form["topic"]) == [
        (None, [("", "Any topic", False), ("social-work", "Social work", True)])
    ]


@pytest.mark.django_db
def test_tracker_chart_describes_itself_in_words(client):
    """A method named in a Jinja2 template must be called: the chart's summary is text, not a repr."""
    public_statement(rating=Rating.KEPT)
    content = client.get(reverse("factcheck:home")).content.decode()
    assert "1 pledge had a verdict: 1 kept." in content
    assert "bound method" not in content
