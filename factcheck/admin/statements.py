"""Statements tagged in articles, and the importer's suggestions."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from ..models import Statement, Suggestion


@admin.register(Statement)
class StatementAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "speaker", "article"]
    list_filter = ["kind", "speaker", "article__outlet"]
    search_fields = ["title", "quote"]
    autocomplete_fields = ["article", "speaker", "topics"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["quote", "kind", "speaker_name", "article", "status"]
    list_filter = ["status", "kind"]
