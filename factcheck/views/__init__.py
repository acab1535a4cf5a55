"""The public, read-only site. Every view starts from the publication gate in `factcheck.public`."""

from .articles import article_detail
from .exports import claimreview_feed, statements_csv, statements_json
from .pages import corrections, methodology
from .speakers import speaker_detail
from .statements import statement_detail, statement_list, statement_preview
from .tracker import home

__all__ = [
    "article_detail",
    "claimreview_feed",
    "corrections",
    "home",
    "methodology",
    "speaker_detail",
    "statement_detail",
    "statement_list",
    "statement_preview",
    "statements_csv",
    "statements_json",
]
