"""The importer finds an article's date, outlet, byline and address where news text states them, and never guesses.

Every text here is written for these tests, in the layouts news pages put around an article.
"""

from datetime import UTC, date, datetime, timedelta

import pytest

from factcheck.importing import Overrides, import_article
from factcheck.news_metadata import LONDON, date_line
from factcheck.plaintext import parse_plain_text

HEADLINE = "Council pledges to fix every pothole by spring"
BODY = (
    "The council will fix every pothole in the borough by spring, its leader said on Tuesday.\n\n"
    "Opposition councillors called the promise a stunt."
)


def parsed(text: str):
    return parse_plain_text(text.replace("{headline}", HEADLINE).replace("{body}", BODY))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Page last updated at 16:37 GMT, Wednesday, 17 March 2010", datetime(2010, 3, 17, 16, 37, tzinfo=UTC)),
        ("Last Updated: Thursday, 17 February, 2005, 14:56 GMT 14:56 UK", datetime(2005, 2, 17, 14, 56, tzinfo=UTC)),
        ("Published: 2005/02/17 14:56:03 GMT", datetime(2005, 2, 17, 14, 56, 3, tzinfo=UTC)),
        ("Published: 7:00AM GMT 17 Mar 2010", datetime(2010, 3, 17, 7, 0, tzinfo=UTC)),
        ("Last updated at 4:37 PM on 17th March 2010", datetime(2010, 3, 17, 16, 37, tzinfo=LONDON)),
        ("Wed Mar 17, 2010 12:37pm EDT", datetime(2010, 3, 17, 16, 37, tzinfo=UTC)),
        ("12:37pm UK, Wednesday March 17, 2010", datetime(2010, 3, 17, 12, 37, tzinfo=LONDON)),
        ("Thursday 18 June 2009 00:01 BST", datetime(2009, 6, 17, 23, 1, tzinfo=UTC)),
        ("Wednesday, 17 March 2010", datetime(2010, 3, 17, tzinfo=LONDON)),
        ("March 17, 2010", datetime(2010, 3, 17, tzinfo=LONDON)),
        ("Sept 3, 2009", datetime(2009, 9, 3, tzinfo=LONDON)),
        ("2010-03-17T16:37:00+01:00", datetime(2010, 3, 17, 15, 37, tzinfo=UTC)),
        ("Posted on 1st April 2008 at 9am", datetime(2008, 4, 1, 9, 0, tzinfo=LONDON)),
        ("Updated: 17.03.2010 16.37", datetime(2010, 3, 17, 16, 37, tzinfo=LONDON)),
        ("17/03/2010", datetime(2010, 3, 17, tzinfo=LONDON)),
        ("03/17/2010", datetime(2010, 3, 17, tzinfo=LONDON)),
        ("PUBLISHED: 16:37 GMT, 17 March 2010", datetime(2010, 3, 17, 16, 37, tzinfo=UTC)),
    ],
)
def test_a_date_line_in_a_common_newsroom_form_is_read(line, expected):
    stated = date_line(line)
    assert stated is not None, line
    assert stated.when == expected


@pytest.mark.parametrize(
    "line",
    [
        "31 February 2010",  # no such day
        "Sunday, 29 February 2009",  # 2009 was not a leap year
        "Monday, 17 March 2010",  # 17 March 2010 was a Wednesday
        "05/04/2010",  # April or May: not guessed
        "15 Oct 09",  # a two-digit year (how related stories are dated)
        "17 March 2010 25:61",  # no such time
        "13:37pm, 17 March 2010",  # no such time either
        "17 March 1850",  # too old to be a news article's date
        "The plan was agreed on 17 March 2010.",  # a date in the prose
        "Protest on 17 March 2010",  # a line with more than a date
        "17 March 2010 and 18 March 2010",  # which one?
        "Published: soon",
    ],
)
def test_a_line_that_is_not_a_real_date_is_ignored(line):
    assert date_line(line) is None


def test_a_date_still_to_come_is_ignored():
    tomorrow_but_one = date.today() + timedelta(days=3)
    assert date_line(tomorrow_but_one.strftime("%d %B %Y")) is None
    assert date_line(date.today().strftime("%d %B %Y")) is not None


def test_the_bbcs_2005_printable_page_gives_date_outlet_and_address_and_leaves_its_furniture_out():
    article = parsed(
        "Last Updated: Thursday, 17 February, 2005, 15:10 GMT 15:10 UK\n\n"
        "E-mail this to a friend\nPrintable version\n\n{headline}\n\n{body}\n\n"
        "Story from BBC NEWS:\nhttp://news.bbc.co.uk/go/pr/fr/-/1/hi/uk_politics/4000001.stm\n\n"
        "Published: 2005/02/17 14:56:03 GMT\n\n© BBC MMV\n"
    )
    assert article.title == HEADLINE
    assert article.body == BODY
    assert article.outlet == "BBC News"
    # "Published" dates the article better than "Last updated".
    assert article.published_at == datetime(2005, 2, 17, 14, 56, 3, tzinfo=UTC)
    assert article.source_url == "http://news.bbc.co.uk/go/pr/fr/-/1/hi/uk_politics/4000001.stm"


def test_dates_of_related_stories_below_the_article_are_not_taken_for_its_date():
    article = parsed(
        "{headline}\n\n{body}\n\nPrint Sponsor\n\nRelated stories\nPothole map published\n"
        "17 Mar 2010 |  England\n\nCouncil budget\n17 March 2010\n\n"
        "The BBC is not responsible for the content of external internet sites\n"
    )
    assert article.body == BODY
    assert article.published_at is None
    assert article.outlet == "BBC News"


def test_a_byline_with_a_role_gives_the_name_and_any_outlet_it_names():
    article = parsed(
        "{headline}\n\nBy Jo Reporter, Political Correspondent\nPublished: 2:56PM GMT 17 Feb 2005\n\n{body}"
    )
    assert (article.byline, article.outlet) == ("Jo Reporter", "")
    assert article.published_at == datetime(2005, 2, 17, 14, 56, tzinfo=UTC)
    article = parsed("{headline}\n\nBy Jo Reporter | Political correspondent, BBC News | 17 March 2010\n\n{body}")
    assert (article.byline, article.outlet) == ("Jo Reporter", "BBC News")
    assert article.published_at == datetime(2010, 3, 17, tzinfo=LONDON)


def test_an_outlet_and_date_line_gives_both():
    article = parsed("{headline}\n\nguardian.co.uk, Wednesday 17 March 2010 16.37 GMT\n\n{body}")
    assert article.outlet == "The Guardian"
    assert article.published_at == datetime(2010, 3, 17, 16, 37, tzinfo=UTC)
    assert article.body == BODY


def test_an_outlet_named_in_the_page_title_is_taken_off_the_headline():
    article = parsed(f"{HEADLINE} | Politics | The Guardian\n\n{{body}}")
    assert (article.title, article.outlet) == (HEADLINE, "The Guardian")
    article = parsed(f"{HEADLINE} - BBC News\n\n{{body}}")
    assert (article.title, article.outlet) == (HEADLINE, "BBC News")
    article = parsed("Pothole plan is a stunt - Smith\n\n{body}")
    assert (article.title, article.outlet) == ("Pothole plan is a stunt - Smith", "")


def test_an_address_at_the_top_gives_the_outlet_and_the_date_in_it():
    article = parsed("{headline}\n\nhttps://www.theguardian.com/politics/2010/mar/17/council-potholes\n\n{body}")
    assert article.source_url == "https://www.theguardian.com/politics/2010/mar/17/council-potholes"
    assert article.outlet == "The Guardian"
    assert article.published_at == datetime(2010, 3, 17, tzinfo=LONDON)
    article = parsed("{headline}\n\nhttps://news.example.org/2010/02/30/potholes\n\n{body}")
    assert (article.outlet, article.published_at) == ("", None)  # 30 February: not a date


def test_a_wire_storys_dateline_names_the_agency_and_stays_in_the_text():
    article = parsed("{headline}\n\nThu Feb 17, 2005 9:56am EST\n\nLONDON (Reuters) - {body}")
    assert article.outlet == "Reuters"
    assert article.body == "LONDON (Reuters) - " + BODY
    assert article.published_at == datetime(2005, 2, 17, 14, 56, tzinfo=UTC)


def test_copyright_lines_at_the_end_are_furniture_and_name_the_outlet_when_known():
    article = parsed("{headline}\n\n{body}\n\n© Copyright of Telegraph Media Group Limited 2010")
    assert (article.body, article.outlet) == (BODY, "The Daily Telegraph")
    article = parsed("{headline}\n\n{body}\n\n© 2010 The Borough Bugle")
    assert (article.body, article.outlet) == (BODY, "")


def test_prose_that_mentions_outlets_and_dates_is_not_metadata():
    body = "The Guardian\nreported on 17 March 2010 that the plan had failed.\n\nBBC News was told the same."
    article = parsed(f"{{headline}}\n\n{body}")
    assert article.body == body
    assert (article.outlet, article.published_at) == ("", None)


def test_a_short_name_alone_on_a_line_is_not_an_outlet():
    article = parsed("{headline}\n\nMirror\n\n{body}")
    assert article.outlet == ""


@pytest.mark.django_db
def test_an_import_keeps_the_found_address_and_outlet_unless_the_editor_gives_others():
    text = f"{HEADLINE} - BBC News\n\nhttps://www.bbc.co.uk/news/uk-politics-10000001\n\n{BODY}"
    article = import_article(data=text.encode(), filename="potholes.txt").article
    assert article.title == HEADLINE
    assert article.outlet.name == "BBC News"
    assert article.source_url == "https://www.bbc.co.uk/news/uk-politics-10000001"
    assert article.published_at is None

    other = text.replace("spring", "summer")
    overrides = Overrides(
        outlet="Borough Bugle",
        published_at=datetime(2010, 3, 18, tzinfo=UTC),
        source_url="https://bugle.example/potholes",
    )
    article = import_article(data=other.encode(), filename="potholes-2.txt", overrides=overrides).article
    assert article.outlet.name == "Borough Bugle"
    assert article.source_url == "https://bugle.example/potholes"
    assert article.published_at == datetime(2010, 3, 18, tzinfo=UTC)


@pytest.mark.django_db
def test_a_saved_web_pages_site_name_is_the_desks_name_for_the_outlet():
    page = (
        "<html><head><title>Council pledges to fix potholes</title>"
        '<meta property="og:site_name" content="BBC"></head><body><article>'
        f"<h1>{HEADLINE}</h1><p>{BODY.replace(chr(10), ' ')}</p><p>More words in a second paragraph here.</p>"
        "</article></body></html>"
    )
    article = import_article(data=page.encode(), filename="potholes.html").article
    assert article.outlet.name == "BBC News"


def test_a_long_line_is_prose_however_it_starts():
    line = "Published: 17 March 2010, and then" + " the article goes on and on" * 8 + "."
    article = parsed(f"{{headline}}\n\n{line}\n\n{{body}}")
    assert article.published_at is None
    assert article.body.startswith(line)


def test_a_long_last_paragraph_of_metadata_lines_stays_in_the_text():
    listing = "\n".join(["Published: 17 March 2010"] * 150)
    article = parsed(f"{{headline}}\n\n{{body}}\n\n{listing}")
    assert article.body.endswith(listing)
