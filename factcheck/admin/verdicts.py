"""Verdicts, their sources and corrections: drafting, publishing, correcting, unpublishing."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ..models import Correction, Source, Statement, Verdict
from ..public_record import EDITOR_PERMISSION
from ..publishing import (
    CORRECTABLE_FIELDS,
    SourceData,
    correct_verdict,
    delete_draft,
    deletion_refusal,
    draft_verdict,
    publish_blockers,
    publish_verdict,
    unpublish_verdict,
    update_draft,
    writers_of,
)
from ..scales import SCALES
from ..templating import public_verdict
from .evidence import record_use, source_initial
from .keys import key
from .previews import preview_url
from .safeguards import DeskHistoryAdmin, ProtectedDeletionMixin, ServiceForm, ServiceFormAdmin


def can_publish(user) -> bool:
    return user.has_perm(EDITOR_PERMISSION)


def refusal_text(error: ValidationError | PermissionDenied) -> str:
    """A service's refusal as one message for the desk."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or "You do not have permission to do this."


class VerdictForm(ServiceForm):
    """Rating limited to the statement kind's scale; saved by factcheck.publishing, which owns every rule."""

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
            # Every rating is a valid choice here, so a rating from the other scale reaches the model's
            # own check and its message in words; the menu offers only the statement's scale.
            statement = self._statement()
            widget = self.fields["rating"].widget
            widget.attrs["data-scale-url"] = reverse("admin:factcheck_verdict_scale", args=[0])
            if statement is not None:
                widget.choices = [("", "---------"), *statement.scale.choices]
                self.fields["rating"].help_text = f"The {statement.get_kind_display().lower()} scale."
            else:
                widget.choices = [
                    ("", "---------"),
                    *((f"{scale.kind.label} scale", scale.choices) for scale in SCALES.values()),
                ]
                self.fields["rating"].help_text = "Choose the statement first: the menu then offers its scale."

    def _statement(self) -> Statement | None:
        if self.instance.statement_id:
            return self.instance.statement
        key = self.data.get("statement") if self.is_bound else self.initial.get("statement")
        try:
            return Statement.objects.get(pk=key)
        except (Statement.DoesNotExist, ValueError, TypeError):
            return None


class SourceForm(forms.ModelForm):
    url = forms.URLField(
        label="URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"class": "vURLField"}),
        help_text="A web address, or choose an imported article below (not both).",
    )
    order = forms.IntegerField(
        required=False,
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "desk-source-order"}),
        help_text="Optional: a number to put the sources in another order.",
    )

    class Meta:
        model = Source
        fields = ["title", "url", "article", "quote", "order"]
        widgets = {
            "title": forms.TextInput(attrs={"class": "vTextField"}),
            "url": forms.URLInput(attrs={"class": "vURLField"}),
            "quote": forms.Textarea(attrs={"rows": 2, "class": "vLargeTextField"}),
        }
        help_texts = {
            "url": "A web address, or choose an imported article below (not both).",
            "quote": "Optional: the words in the source that support the verdict.",
        }


class SourceInline(admin.StackedInline):
    """One source under another: the form fits a laptop's window whatever the addresses' length."""

    model = Source
    form = SourceForm
    fields = ["title", "url", "article", "quote", "order"]
    autocomplete_fields = ["article"]
    verbose_name = "source"
    verbose_name_plural = "sources (a web address with a title, or an article already imported)"

    def get_extra(self, request, obj=None, **kwargs):
        # One empty row to fill on a verdict with no source yet; otherwise "Add another source".
        return 0 if obj is not None and obj.sources.exists() else 1

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
class VerdictAdmin(ServiceFormAdmin, ProtectedDeletionMixin, DeskHistoryAdmin):
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
        js = ["admin/js/jquery.init.js", "factcheck/verdict_form.js"]

    def get_changeform_initial_data(self, request):
        # The desk usually checks the evidence the day it writes the update.
        initial = {"checked_on": timezone.localdate(), **super().get_changeform_initial_data(request)}
        if "statement" in initial and key(initial["statement"]) is None:
            del initial["statement"]  # a hand-typed ?statement= that names no statement
        return initial

    def scale_view(self, request, pk):
        """The rating menu for a statement's kind, for the add form's script once a statement is chosen."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        statement = get_object_or_404(Statement.objects.only("kind"), pk=pk)
        return JsonResponse(
            {"kind": statement.kind, "label": statement.get_kind_display(), "choices": statement.scale.choices}
        )

    def view_on_site(self, obj):
        """The verdict where readers will see it: on its statement's page once published, else in the preview."""
        if obj.is_published and obj.statement.current_verdict_id:
            return f"{obj.statement.get_absolute_url()}#verdict-{obj.pk}"
        return f"{preview_url(obj.statement_id)}#verdict-{obj.pk}"

    def get_fieldsets(self, request, obj=None):
        main = ["statement", "rating", "headline", "explanation", "checked_on"]
        if obj is None:
            return [(None, {"fields": main})]
        fieldsets = [
            (None, {"fields": ["statement_link", *main[1:], "opened_version"]}),
            (
                "Workflow",
                {"fields": ["status", "author", "publisher", "published_at", "version"], "classes": ["collapse"]},
            ),
        ]
        if obj.published_at is not None and self.has_change_permission(request, obj):
            # Published, or withdrawn after readers saw it: a change is a public correction.
            fieldsets.insert(1, ("Correction", {"fields": ["correction_note"]}))
        fieldsets.append(("Corrections", {"fields": ["corrections_list"], "classes": ["collapse"]}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return ["statement_link", "status", "author", "publisher", "published_at", "version", "corrections_list"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.published_at is not None and not can_publish(request.user):
            return False  # readers have seen it: only an editor changes it (publishing.update_draft)
        return super().has_change_permission(request, obj)

    def deletion_refusal(self, obj) -> str:
        return deletion_refusal(obj)

    def delete_model(self, request, obj):
        delete_draft(verdict=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for verdict in queryset:
            delete_draft(verdict=verdict, user=request.user)

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
            kwargs["initial"] = source_initial(request)  # "Use as source" cites the passage
        return kwargs

    # Saving through factcheck.publishing -------------------------------------

    def save_model(self, request, obj, form, change):
        if not change or not obj.is_published:
            return  # drafts are saved with their sources in save_related
        changes = {field: form.cleaned_data[field] for field in CORRECTABLE_FIELDS if field in form.changed_data}
        if changes or form.cleaned_data.get("correction_note", "").strip():
            correct_verdict(
                verdict=obj,
                editor=request.user,
                note=form.cleaned_data.get("correction_note", ""),
                expected_version=form.cleaned_data["opened_version"],
                **changes,
            )
            obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        if change and form.instance.is_published:
            for formset in formsets:
                formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
            return
        content = {field: data[field] for field in ("rating", "headline", "explanation", "checked_on")}
        sources = self._sources(formsets)
        if change:
            verdict = update_draft(
                verdict=form.instance,
                editor=request.user,
                sources=sources,
                note=data.get("correction_note", ""),
                expected_version=data.get("opened_version"),
                **content,
            )
        else:
            verdict = draft_verdict(statement=data["statement"], sources=sources, author=request.user, **content)
            form.instance.pk = verdict.pk
        form.instance.refresh_from_db()
        record_use(request, verdict)  # the evidence candidate it started from is used
        for formset in formsets:
            # What the admin's change message reads after formset.save().
            formset.new_objects = [f.instance for f in formset.forms if f.has_changed() and not f.instance.pk]
            formset.changed_objects = [
                (f.instance, f.changed_data)
                for f in formset.initial_forms
                if f.has_changed() and f not in formset.deleted_forms
            ]
            formset.deleted_objects = [f.instance for f in formset.deleted_forms]

    @staticmethod
    def _sources(formsets) -> list[SourceData]:
        """The sources the editor left in the form, in the order they gave (then top to bottom)."""
        rows = []
        for formset in formsets:
            for index, form in enumerate(formset.forms, start=1):
                data = getattr(form, "cleaned_data", None)
                if not data or data.get("DELETE") or not (form.has_changed() or form.instance.pk):
                    continue
                source = SourceData(
                    title=data.get("title", ""),
                    url=data.get("url", ""),
                    article=data.get("article"),
                    quote=data.get("quote", ""),
                    accessed_on=form.instance.accessed_on if form.instance.pk else None,
                )
                rows.append((data.get("order") or index, index, source))
        return [source for _, _, source in sorted(rows, key=lambda row: row[:2])]

    # Publishing ---------------------------------------------------------------

    def get_urls(self):
        return [
            path("scale/<int:pk>/", self.admin_site.admin_view(self.scale_view), name="factcheck_verdict_scale"),
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
        if not can_publish(request.user):
            return self._refuse(request, verdict, "Only editors can publish verdicts.")
        if verdict.is_published:
            return self._refuse(request, verdict, "This verdict is already published.")
        writers = writers_of([verdict])[verdict.pk]
        if request.method == "POST":
            try:
                opened = int(request.POST.get("opened_version", ""))
            except ValueError:
                return self._refuse(request, verdict, "The publish form was incomplete: open it again.")
            try:
                publish_verdict(verdict=verdict, publisher=request.user, expected_version=opened)
            except (ValidationError, PermissionDenied) as error:
                return self._refuse(request, verdict, refusal_text(error))
            self.message_user(
                request,
                format_html(
                    'Published. Readers can see it on <a href="{}">the statement\'s page</a>.',
                    verdict.statement.get_absolute_url(),
                ),
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self.change_url(verdict))
        blockers = publish_blockers(verdict=verdict, publisher=request.user, writers=writers)
        return self._page(
            request,
            "admin/factcheck/verdict/publish_confirmation.html",
            verdict,
            "Publish this verdict?" if not blockers else "This verdict cannot be published by you yet",
            writers=writers,
            blockers=blockers,
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
            except (ValidationError, PermissionDenied) as error:
                return self._refuse(request, verdict, refusal_text(error))
            self.message_user(request, "Unpublished: the verdict is a draft again and the note is on record.")
            return HttpResponseRedirect(self.change_url(verdict))
        return self._page(
            request, "admin/factcheck/verdict/unpublish_form.html", verdict, "Unpublish this verdict?", form=form
        )

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        draft = obj is not None and not obj.is_published
        # For a fact-checker, what any editor would meet (a missing source); for an editor, what they would.
        publisher = request.user if can_publish(request.user) else None
        context["publish_blockers"] = publish_blockers(verdict=obj, publisher=publisher) if draft else []
        context["can_publish"] = draft and can_publish(request.user) and not context["publish_blockers"]
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
