"""Speakers and topics."""

from django.contrib import admin

from ..models import Speaker, Topic


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
