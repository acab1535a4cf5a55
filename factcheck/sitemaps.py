"""What crawlers read: /sitemap.xml, an index of every public statement, article and speaker in
sections of pages, and /robots.txt, which points to it.

Search engines read the index and then each section's pages (`/sitemap-statements.xml?p=2`), so a
newsroom of a million statements is listed whole, a few thousand URLs a page. Every address is
absolute, from PLEDGEBOOK_SITE_URL, not from the request's Host header.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Max
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from .models import Article, Statement
from .public import public_speakers


def _address(path: str) -> str:
    """Scheme and host from settings, then the path: how Django writes the sections' addresses."""
    site = urlsplit(settings.PLEDGEBOOK_SITE_URL)
    return f"{site.scheme}://{site.netloc}{path}"


class _SiteFromSettings:
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
        # Only what a URL and its date need: a page of 5,000 rows, not their speakers and articles.
        return Statement.objects.public().only("slug", "last_update_at").order_by("pk")

    def lastmod(self, statement):
        return statement.last_update_at

    def get_latest_lastmod(self):
        """One indexed MAX, not Django's default of reading every statement to find the latest."""
        return Statement.objects.public().aggregate(latest=Max("last_update_at"))["latest"]


class ArticleSitemap(PublicSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Article.objects.public().only("slug").order_by("pk")


class SpeakerSitemap(PublicSitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return public_speakers().only("slug").order_by("pk")


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


@x_robots_tag
def index(request):
    """The sitemap index: every page of every section. Django's own index view takes the address
    from the request (or the sites framework); this one takes it from settings, as the sections do."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        url = _address(reverse("factcheck:sitemap_section", kwargs={"section": section}))
        lastmod = sitemap.get_latest_lastmod()
        entries.append(SitemapIndexItem(url, lastmod))
        entries.extend(
            SitemapIndexItem(f"{url}?p={page}", lastmod) for page in range(2, sitemap.paginator.num_pages + 1)
        )
    return TemplateResponse(request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml")


@require_safe
def robots_txt(request):
    """Crawlers: where the sitemap index is, and that the editors' desk and staff previews are not for them."""
    lines = [
        "User-agent: *",
        f"Disallow: {reverse('admin:index')}",
        "Disallow: /preview/",
        f"Sitemap: {_address(reverse('factcheck:sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
