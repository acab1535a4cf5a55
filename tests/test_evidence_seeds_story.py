"""The seeds' own story as the evidence finder tells it: the BBC 2010 report found on the 2009 statements."""

import pytest

from factcheck.evidence_report import seeds_story

pytestmark = pytest.mark.django_db


def test_the_bbc_report_brings_most_cited_passages_to_their_statements_and_nothing_to_the_others():
    report = seeds_story()
    assert report.cited == 6
    assert report.found >= 5  # the README's figure: 5 of 6 among each statement's three best
    assert report.false == 0  # no candidates for the statements the BBC report does not speak to
