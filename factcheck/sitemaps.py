"""/sitemap.xml: every public statement, article and speaker, with absolute URLs from settings."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article
from .public import public_speakers, public_statements


class _SiteFromSettings:
    """The public address comes from PLEDGEBOOK_SITE_URL, not from the request's Host header."""

    def __init__(self) -> None:
        self.domain = urlsplit(settings.PLEDGEBOOK_SITE_URL).netloc
        self.name = settings.PLEDGEBOOK_NEWSROOM_NAME


class PublicSitemap(Sitemap):
    limit = 5000

    def get_urls(self, page=1, site=None, protocol=None):
        return super().get_urls(
            page=page, site=_SiteFromSettings(), protocol=urlsplit(settings.PLEDGEBOOK_SITE_URL).scheme
        )


class StatementSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return public_statements().order_by("pk")

    def lastmod(self, statement):
        return statement.last_update_at


class ArticleSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Article.objects.public().order_by("pk")


class SpeakerSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return public_speakers().order_by("pk")


class PageSitemap(PublicSitemap):
    changefreq = "daily"
    priority = 0.7

    def items(self):
        return ["factcheck:home", "factcheck:statement_list", "factcheck:methodology", "factcheck:corrections"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": PageSitemap,
    "statements": StatementSitemap,
    "articles": ArticleSitemap,
    "speakers": SpeakerSitemap,
}
