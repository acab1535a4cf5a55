"""Articles and the outlets they come from."""

from django.contrib import admin

from ..models import Article, Outlet
from .article_import import ArticleImportMixin
from .tagging_panel import ArticleTaggingMixin


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "homepage"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(ArticleImportMixin, ArticleTaggingMixin, admin.ModelAdmin):
    """The list imports articles; the change page is the tagging desk."""

    list_display = ["title", "outlet", "byline", "published_at", "imported_at"]
    list_filter = ["outlet"]
    search_fields = ["title", "byline", "body"]
    date_hierarchy = "imported_at"
    readonly_fields = ["content_hash", "imported_by", "imported_at", "original_text"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "byline", "published_at", "source_url"]}),
        ("Text", {"fields": ["body", "original_text"]}),
        ("Import", {"fields": ["content_hash", "imported_by", "imported_at"], "classes": ["collapse"]}),
    ]
