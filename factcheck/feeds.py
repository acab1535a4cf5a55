"""The Atom feed of verdict updates and corrections, newest first."""

import heapq
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .claimreview import absolute
from .public import public_corrections, published_verdicts

ITEMS = 50


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    description: str
    link: str
    published: datetime
    author: str


class VerdictFeed(Feed):
    feed_type = Atom1Feed

    def title(self) -> str:
        return f"{settings.PLEDGEBOOK_NEWSROOM_NAME}: verdict updates and corrections"

    def subtitle(self) -> str:
        return "Every verdict we publish on a politician's pledge or criticism, and every correction we make."

    def link(self) -> str:
        return absolute(reverse("factcheck:home"))

    def feed_url(self) -> str:
        return absolute(reverse("factcheck:feed"))

    def author_name(self) -> str:
        return settings.PLEDGEBOOK_NEWSROOM_NAME

    def items(self) -> list[FeedItem]:
        verdicts = published_verdicts().select_related("statement__speaker").order_by("-published_at", "-pk")[:ITEMS]
        corrections = public_corrections()[:ITEMS]
        updates = (
            FeedItem(
                guid=absolute(f"{verdict.statement.get_absolute_url()}#verdict-{verdict.pk}"),
                title=f"{verdict.statement.title}: {verdict.get_rating_display()}",
                description=f"{verdict.headline}. {verdict.statement.get_kind_display()} by "
                f"{verdict.statement.speaker.name}.",
                link=absolute(f"{verdict.statement.get_absolute_url()}#verdict-{verdict.pk}"),
                published=verdict.published_at,
                author=settings.PLEDGEBOOK_NEWSROOM_NAME,
            )
            for verdict in verdicts
        )
        fixes = (
            FeedItem(
                guid=absolute(correction.get_absolute_url()),
                title=f"Correction: {correction.page_subject.title}",
                description=correction.note,
                link=absolute(correction.get_absolute_url()),
                published=correction.created_at,
                author=settings.PLEDGEBOOK_NEWSROOM_NAME,
            )
            for correction in corrections
        )
        return list(heapq.merge(updates, fixes, key=lambda item: item.published, reverse=True))[:ITEMS]

    def item_title(self, item: FeedItem) -> str:
        return item.title

    def item_description(self, item: FeedItem) -> str:
        """Escaped: Atom1Feed sends the summary as type="html", so readers parse it as HTML after the XML."""
        return escape(item.description)

    def item_link(self, item: FeedItem) -> str:
        return item.link

    def item_guid(self, item: FeedItem) -> str:
        return item.guid

    def item_guid_is_permalink(self, item: FeedItem) -> bool:
        return True

    def item_pubdate(self, item: FeedItem) -> datetime:
        return item.published

    def item_updateddate(self, item: FeedItem) -> datetime:
        return item.published

    def item_author_name(self, item: FeedItem) -> str:
        return item.author
