"""Articles and the outlets they come from."""

from django import forms
from django.contrib import admin
from django.db import models
from django.http import HttpResponseRedirect
from django.urls import reverse

from ..importing import update_article
from ..models import Article, Outlet
from .article_import import ArticleImportMixin
from .people import PublicAddressMixin
from .safeguards import DeskHistoryAdmin, SeenByReadersMixin, ServiceForm, ServiceFormAdmin
from .tagging_panel import ArticleTaggingMixin


@admin.register(Outlet)
class OutletAdmin(PublicAddressMixin, DeskHistoryAdmin):
    """Editors only (the change_outlet permission); readers filter by its address, which then stays."""

    list_display = ["name", "homepage"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


class ArticleForm(ServiceForm):
    """An article's details, collected here and saved by importing.update_article."""

    source_url = forms.URLField(label="Source URL", required=False, max_length=2000, assume_scheme="https")

    correction_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required to change the outlet, date or link to the original of an article readers have seen. "
        "Shown to readers on each of its statements' pages and on the corrections page.",
    )

    class Meta:
        model = Article
        fields = ["title", "slug", "outlet", "byline", "published_at", "source_url", "body"]


@admin.register(Article)
class ArticleAdmin(ServiceFormAdmin, SeenByReadersMixin, ArticleImportMixin, ArticleTaggingMixin, DeskHistoryAdmin):
    """The list imports articles; the change page is the tagging desk."""

    form = ArticleForm
    list_display = ["title", "outlet", "byline", "published_at", "imported_at"]
    list_filter = ["outlet"]
    search_fields = ["title", "byline", "body"]
    date_hierarchy = "imported_at"
    readonly_fields = ["content_hash", "imported_by", "imported_at", "original_text"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "byline", "published_at", "source_url", "opened_version"]}),
        ("Text", {"fields": ["body", "original_text"]}),
        ("Import", {"fields": ["content_hash", "imported_by", "imported_at"], "classes": ["collapse"]}),
    ]

    def add_view(self, request, form_url="", extra_context=None):
        """Articles arrive through the importer (fingerprint, original text, suggestions), never a blank form."""
        return HttpResponseRedirect(reverse("admin:factcheck_article_import"))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and self.has_been_public(obj) and self.has_change_permission(request, obj):
            fieldsets = [*fieldsets[:1], ("Correction", {"fields": ["correction_note"]}), *fieldsets[1:]]
        if obj is not None and not self.has_change_permission(request, obj):
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f != "opened_version"]})
                for name, options in fieldsets
            ]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.has_been_public(obj):
            fields.append("slug")  # readers know the article by its address
        return fields

    def get_prepopulated_fields(self, request, obj=None):
        return {}

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        update_article(
            article=obj,
            user=request.user,
            title=data["title"],
            slug=data.get("slug", obj.slug),
            outlet=data["outlet"],
            byline=data["byline"],
            published_at=data["published_at"],
            source_url=data["source_url"],
            body=data.get("body"),
            note=data.get("correction_note", ""),
            expected_version=data.get("opened_version"),
        )
        obj.refresh_from_db()
