"""Verdicts, their sources and corrections."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import Correction, Source, Verdict


class SourceInline(admin.TabularInline):
    model = Source
    extra = 0
    autocomplete_fields = ["article"]


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
