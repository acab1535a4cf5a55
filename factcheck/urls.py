from django.contrib.sitemaps.views import sitemap
from django.urls import path

from . import views
from .caching import cache_public_page
from .feeds import VerdictFeed
from .sitemaps import SITEMAPS, index, robots_txt

app_name = "factcheck"

urlpatterns = [
    path("", views.home, name="home"),
    path("statements/", views.statement_list, name="statement_list"),
    path("statements.csv", views.statements_csv, name="statements_csv"),
    path("statements.json", views.statements_json, name="statements_json"),
    path("claimreview.json", views.claimreview_feed, name="claimreview_feed"),
    path("statements/<slug:slug>/", views.statement_detail, name="statement_detail"),
    path("articles/<slug:slug>/", views.article_detail, name="article_detail"),
    path("speakers/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("methodology/", views.methodology, name="methodology"),
    path("corrections/", views.corrections, name="corrections"),
    path("feeds/verdicts/", cache_public_page(VerdictFeed()), name="feed"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", cache_public_page(index), name="sitemap"),
    path(
        "sitemap-<slug:section>.xml",
        cache_public_page(sitemap, reads=("p",)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("preview/statements/<int:pk>/", views.statement_preview, name="statement_preview"),
]
