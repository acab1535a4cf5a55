"""Verdicts, their sources and corrections: drafting, publishing, correcting, unpublishing."""

import re

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from ..models import Correction, Source, Statement, Verdict
from ..publishing import (
    CORRECTABLE_FIELDS,
    PublishingError,
    SourceData,
    check_can_publish,
    correct_verdict,
    draft_verdict,
    publish_verdict,
    unpublish_verdict,
)
from ..scales import SCALES
from ..templating import public_verdict
from .evidence import record_use, source_initial
from .safeguards import DeskHistoryAdmin, ProtectedDeletionMixin, VersionCheckedForm

PUBLISH_PERMISSION = "factcheck.publish_verdict"
_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?>")


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


class VerdictForm(VersionCheckedForm):
    """Rating limited to the statement kind's scale; a published verdict changes only with a correction note."""

    correction_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required to change a published verdict's rating, headline, explanation or date. "
        "Shown to readers under the verdict.",
    )

    class Meta:
        model = Verdict
        fields = ["statement", "rating", "headline", "explanation", "checked_on"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "rating" in self.fields:
            statement = self._statement()
            if statement is not None:
                self.fields["rating"].choices = [("", "---------"), *statement.scale.choices]
                self.fields["rating"].help_text = f"The {statement.get_kind_display().lower()} scale."
            else:
                self.fields["rating"].choices = [
                    ("", "---------"),
                    *((f"{scale.kind.label} scale", scale.choices) for scale in SCALES.values()),
                ]

    def _statement(self) -> Statement | None:
        if self.instance.statement_id:
            return self.instance.statement
        key = self.data.get("statement") if self.is_bound else self.initial.get("statement")
        try:
            return Statement.objects.get(pk=key)
        except (Statement.DoesNotExist, ValueError, TypeError):
            return None

    def clean_explanation(self):
        explanation = self.cleaned_data["explanation"]
        if _HTML_TAG.search(explanation):
            raise ValidationError(
                "Write plain text, not HTML: readers would see the tags as typed. "
                "Separate paragraphs with a blank line; web addresses become links by themselves."
            )
        return explanation

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.is_published:
            changed = [field for field in CORRECTABLE_FIELDS if field in self.changed_data]
            note = cleaned.get("correction_note", "").strip()
            if changed and not note:
                self.add_error(
                    "correction_note",
                    "This verdict is published: write a correction note telling readers what changed and why.",
                )
            elif note and not changed:
                self.add_error("correction_note", "Nothing was changed, so there is nothing to correct.")
        return cleaned


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = ["order", "title", "url", "article", "quote"]
        widgets = {
            "order": forms.NumberInput(attrs={"style": "width: 4em"}),
            "title": forms.TextInput(attrs={"size": 30}),
            "url": forms.URLInput(attrs={"size": 30}),
            "quote": forms.Textarea(attrs={"rows": 2, "cols": 30}),
        }
        help_texts = {"order": "Leave 0 to add at the end."}


class SourceInline(admin.TabularInline):
    model = Source
    form = SourceForm
    extra = 1
    fields = ["order", "title", "url", "article", "quote"]
    autocomplete_fields = ["article"]
    verbose_name = "source"
    verbose_name_plural = "sources (a web address with a title, or an article already imported)"

    def _editable(self, request, obj) -> bool:
        # A published verdict's evidence is what readers saw: change it through a new verdict update.
        return obj is None or not obj.is_published

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj) and super().has_delete_permission(request, obj)


class PublicationNoteForm(forms.Form):
    note = forms.CharField(
        label="Public note",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Shown to readers: why the verdict was withdrawn.",
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput)


@admin.register(Verdict)
class VerdictAdmin(ProtectedDeletionMixin, DeskHistoryAdmin):
    form = VerdictForm
    list_display = ["headline", "statement", "rating", "checked_on", "status", "author", "published_at"]
    list_filter = ["status", "rating"]
    list_select_related = ["statement", "author"]
    search_fields = ["headline", "explanation", "statement__title"]
    autocomplete_fields = ["statement"]
    inlines = [SourceInline]
    actions = ["publish_selected"]
    change_form_template = "admin/factcheck/verdict/change_form.html"

    class Media:
        css = {"all": ["factcheck/desk.css"]}

    def get_fieldsets(self, request, obj=None):
        main = ["statement", "rating", "headline", "explanation", "checked_on"]
        if obj is None:
            return [(None, {"fields": main})]
        fieldsets = [
            (None, {"fields": ["statement_link", *main[1:], "opened_version"]}),
            ("Workflow", {"fields": ["status", "author", "publisher", "published_at", "version"]}),
        ]
        if obj.is_published and self.has_change_permission(request, obj):
            fieldsets.insert(1, ("Correction", {"fields": ["correction_note"]}))
        fieldsets.append(("Corrections", {"fields": ["corrections_list"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["statement_link", "status", "author", "publisher", "published_at", "version", "corrections_list"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_published and not can_publish(request.user):
            return False
        return super().has_change_permission(request, obj)

    def deletion_refusal(self, obj) -> str:
        if obj.is_published:
            return f"“{obj}” is published, so it cannot be deleted. An editor can unpublish it with a public note."
        if obj.corrections.exists():
            return f"“{obj}” has public corrections, so it cannot be deleted."
        return ""

    @admin.display(description="statement")
    def statement_link(self, obj):
        url = reverse("admin:factcheck_statement_change", args=[obj.statement_id])
        return format_html('<a href="{}">{}</a> ({})', url, obj.statement, obj.statement.get_kind_display())

    @admin.display(description="corrections")
    def corrections_list(self, obj):
        corrections = obj.corrections.select_related("editor")
        if not corrections:
            return "None."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li>{} by {}: {}</li>",
                ((c.created_at.strftime("%d %b %Y %H:%M"), c.editor or "—", c.note) for c in corrections),
            ),
        )

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if (obj is None or obj.pk is None) and request.method == "GET" and isinstance(inline, SourceInline):
            kwargs["initial"] = source_initial(request)  # issue 17: "Use as source" cites the passage
        return kwargs

    # Saving -----------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            return  # A new verdict is saved with its sources by publishing.draft_verdict in save_related.
        if obj.is_published:
            changes = {field: form.cleaned_data[field] for field in CORRECTABLE_FIELDS if field in form.changed_data}
            if changes:
                correct_verdict(
                    verdict=obj,
                    editor=request.user,
                    note=form.cleaned_data["correction_note"],
                    expected_version=form.cleaned_data["opened_version"],
                    **changes,
                )
                obj.refresh_from_db()
            return
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change:
            return super().save_related(request, form, formsets, change)
        data = form.cleaned_data
        sources = [
            SourceData(
                title=source["title"],
                url=source.get("url", ""),
                article=source.get("article"),
                quote=source.get("quote", ""),
            )
            for source in self._source_rows(formsets)
        ]
        verdict = draft_verdict(
            statement=data["statement"],
            rating=data["rating"],
            headline=data["headline"],
            explanation=data["explanation"],
            checked_on=data["checked_on"],
            sources=sources,
            author=request.user,
        )
        form.instance.pk = verdict.pk
        form.instance.refresh_from_db()
        record_use(request, verdict)  # issue 17: the evidence candidate it started from is used
        for formset in formsets:
            # What the admin's change message reads after formset.save().
            formset.new_objects, formset.changed_objects, formset.deleted_objects = list(verdict.sources.all()), [], []

    @staticmethod
    def _source_rows(formsets) -> list[dict]:
        """The source rows an editor filled in, in the order they gave (then top to bottom)."""
        rows = [
            (f.cleaned_data.get("order") or index, index, f.cleaned_data)
            for formset in formsets
            for index, f in enumerate(formset.forms, start=1)
            if f.has_changed() and not f.cleaned_data.get("DELETE")
        ]
        return [data for _, _, data in sorted(rows, key=lambda row: row[:2])]

    def save_formset(self, request, form, formset, change):
        sources = formset.save(commit=False)
        next_order = max((s.order for s in form.instance.sources.all()), default=0) + 1
        for source in sources:
            if not source.order:
                source.order, next_order = next_order, next_order + 1
            source.save()
        for source in formset.deleted_objects:
            source.delete()

    # Publishing ---------------------------------------------------------------

    def get_urls(self):
        return [
            path("<int:pk>/publish/", self.admin_site.admin_view(self.publish_view), name="factcheck_verdict_publish"),
            path(
                "<int:pk>/unpublish/",
                self.admin_site.admin_view(self.unpublish_view),
                name="factcheck_verdict_unpublish",
            ),
            *super().get_urls(),
        ]

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.action(permissions=["publish"], description="Publish the selected verdict…")
    def publish_selected(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(
                request, "Publish one verdict at a time, so you see exactly what goes public.", messages.WARNING
            )
            return None
        return HttpResponseRedirect(reverse("admin:factcheck_verdict_publish", args=[queryset.get().pk]))

    def _verdict_for_preview(self, pk) -> Verdict:
        return get_object_or_404(
            Verdict.objects.select_related("statement__speaker", "statement__article__outlet").prefetch_related(
                "sources__article", "corrections"
            ),
            pk=pk,
        )

    def _refuse(self, request, verdict, message) -> HttpResponseRedirect:
        self.message_user(request, message, messages.ERROR)
        return HttpResponseRedirect(self.change_url(verdict))

    def _page(self, request, template, verdict, title, **context):
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "verdict": verdict,
                "statement": verdict.statement,
                "public_verdict": public_verdict(verdict),
                "change_url": self.change_url(verdict),
                **context,
            },
        )

    def publish_view(self, request, pk):
        verdict = self._verdict_for_preview(pk)
        try:
            check_can_publish(verdict=verdict, publisher=request.user)
        except (PublishingError, PermissionDenied) as error:
            return self._refuse(request, verdict, str(error) or "Only editors can publish verdicts.")
        if request.method == "POST":
            try:
                opened = int(request.POST.get("opened_version", ""))
            except ValueError:
                return self._refuse(request, verdict, "The publish form was incomplete: open it again.")
            try:
                publish_verdict(verdict=verdict, publisher=request.user, expected_version=opened)
            except (PublishingError, PermissionDenied) as error:
                return self._refuse(request, verdict, str(error))
            self.message_user(
                request,
                format_html(
                    'Published. Readers can see it on <a href="{}">the statement\'s page</a>.',
                    verdict.statement.get_absolute_url(),
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.change_url(verdict))
        return self._page(
            request,
            "admin/factcheck/verdict/publish_confirmation.html",
            verdict,
            "Publish this verdict?",
        )

    def unpublish_view(self, request, pk):
        verdict = self._verdict_for_preview(pk)
        if not can_publish(request.user):
            return self._refuse(request, verdict, "Only editors can unpublish verdicts.")
        if not verdict.is_published:
            return self._refuse(request, verdict, "This verdict is not published.")
        form = PublicationNoteForm(request.POST or None, initial={"opened_version": verdict.version})
        if request.method == "POST" and form.is_valid():
            try:
                unpublish_verdict(
                    verdict=verdict,
                    editor=request.user,
                    note=form.cleaned_data["note"],
                    expected_version=form.cleaned_data["opened_version"],
                )
            except (PublishingError, PermissionDenied) as error:
                return self._refuse(request, verdict, str(error))
            self.message_user(request, "Unpublished: the verdict is a draft again and the note is on record.")
            return HttpResponseRedirect(self.change_url(verdict))
        return self._page(
            request, "admin/factcheck/verdict/unpublish_form.html", verdict, "Unpublish this verdict?", form=form
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_publish"] = obj is not None and not obj.is_published and can_publish(request.user)
        context["can_unpublish"] = obj is not None and obj.is_published and can_publish(request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["verdict", "editor", "created_at"]
    list_select_related = ["verdict", "editor"]
    readonly_fields = ["verdict", "note", "changes", "editor", "created_at"]

    def has_add_permission(self, request):
        return False  # Corrections are recorded by correcting or unpublishing a verdict.

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
