"""The editors' admin: plain, declarative ModelAdmins."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Article, Correction, Outlet, Source, Speaker, Statement, Suggestion, Topic, Verdict


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ["name", "homepage"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "party"]
    list_filter = ["party"]
    search_fields = ["name", "role", "party"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
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


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    autocomplete_fields = ["article"]


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "speaker", "article"]
    list_filter = ["kind", "speaker", "article__outlet"]
    search_fields = ["title", "quote"]
    autocomplete_fields = ["article", "speaker", "topics"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ["headline", "statement", "rating", "checked_on", "status", "published_at"]
    list_filter = ["status", "rating"]
    search_fields = ["headline", "explanation", "statement__title"]
    autocomplete_fields = ["statement"]
    readonly_fields = ["status", "author", "publisher", "published_at"]
    inlines = [SourceInline]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["verdict", "editor", "created_at"]
    readonly_fields = ["verdict", "note", "changes", "editor", "created_at"]


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["quote", "kind", "speaker_name", "article", "status"]
    list_filter = ["status", "kind"]
