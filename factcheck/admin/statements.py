"""Statements tagged in articles, and the importer's suggestions."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from ..models import Article, Speaker, Statement, Suggestion
from ..scales import Rating
from ..tagging import (
    dismiss_suggestion,
    locate_quote,
    occurrences_in_context,
    quote_matches,
    tag_statement,
    trim_selection,
    update_statement,
)
from .dashboard import dashboard_urls
from .evidence import evidence_panel, evidence_urls
from .follow_up import (
    add_tag_fields,
    clean_tag_fields,
    criteria_field,
    deadline_field,
    follow_up_panel,
    follow_up_urls,
    tagged_message,
)
from .safeguards import DeskHistoryAdmin, ProtectedDeletionMixin, VersionCheckedForm


class StatementTagForm(forms.ModelForm):
    """Tag a passage: from a mouse selection (exact offsets) or a pasted quote the server finds."""

    quote = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Paste the words from the article. Line breaks, spacing and straight or curly quotes may differ.",
    )
    occurrence = forms.TypedChoiceField(
        coerce=int,
        empty_value=None,
        required=False,
        help_text="Only needed when the quote occurs more than once in the article.",
    )
    start = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    end = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    suggestion = forms.ModelChoiceField(
        queryset=Suggestion.objects.filter(status=Suggestion.Status.PENDING),
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid_choice": "This suggestion was already accepted or dismissed."},
    )
    return_to_article = forms.BooleanField(widget=forms.HiddenInput, required=False)
    deadline = deadline_field()  # issue 17
    success_criteria = criteria_field()  # issue 17

    class Meta:
        model = Statement
        fields = ["article", "kind", "speaker", "title", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        article = self._article()
        occurrences = occurrences_in_context(article.body, self._value("quote")) if article else []
        self.fields["occurrence"].choices = [("", "—"), *occurrences]
        if len(occurrences) < 2:
            self.fields["occurrence"].widget = forms.HiddenInput()
        add_tag_fields(self, article=article, quote=self._value("quote"))  # issue 17: deadline and criteria

    def _value(self, name: str) -> str:
        return (self.data.get(name) if self.is_bound else self.initial.get(name)) or ""

    def _article(self) -> Article | None:
        try:
            return Article.objects.only("body", "published_at").get(pk=self._value("article"))
        except (Article.DoesNotExist, ValueError, TypeError):
            return None

    def clean(self):
        cleaned = super().clean()
        article = cleaned.get("article")
        if article is None:
            return cleaned
        quote, start, end = cleaned.get("quote", ""), cleaned.get("start"), cleaned.get("end")
        try:
            if start is not None and end is not None and (not quote or quote_matches(article.body[start:end], quote)):
                start, end = trim_selection(article.body, start, end)
            elif quote.strip():
                start, end = locate_quote(article.body, quote, occurrence=cleaned.get("occurrence"))
            else:
                raise ValidationError({"quote": "Paste the statement's words, or select them in the article."})
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                error = ValidationError({"quote": error.messages})
            raise error from None
        suggestion = cleaned.get("suggestion")
        if suggestion is not None and suggestion.article_id != article.pk:
            raise ValidationError("This suggestion belongs to another article.")
        # Model validation (quote matches the body, same passage not tagged twice) runs on these.
        cleaned.update(start=start, end=end, quote=article.body[start:end])
        # Issue 17: the deadline and criteria the editor confirmed, checked by factcheck.followup.
        cleaned["follow_up"] = clean_tag_fields(self, cleaned, article=article, quote=cleaned["quote"])
        return cleaned


class StatementChangeForm(VersionCheckedForm):
    class Meta:
        model = Statement
        fields = ["speaker", "title", "topics"]


class CurrentRatingFilter(admin.SimpleListFilter):
    title = "current rating"
    parameter_name = "current_rating"

    def lookups(self, request, model_admin):
        return [("none", "No published verdict"), *Rating.choices]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(current_verdict__isnull=True)
        if self.value() in Rating.values:
            return queryset.filter(current_rating=self.value())
        return queryset


class PublishedVerdictFilter(admin.SimpleListFilter):
    title = "published verdict"
    parameter_name = "published"

    def lookups(self, request, model_admin):
        return [("yes", "Has a published verdict"), ("no", "No published verdict")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.public()
        if self.value() == "no":
            return queryset.filter(current_verdict__isnull=True)
        return queryset


@admin.register(Statement)
class StatementAdmin(ProtectedDeletionMixin, DeskHistoryAdmin):
    list_display = ["title", "kind", "speaker", "article", "current_rating_display", "last_checked"]
    list_filter = ["kind", "speaker", "article__outlet", CurrentRatingFilter, PublishedVerdictFilter]
    list_select_related = ["speaker", "article", "current_verdict"]
    search_fields = ["title", "quote"]
    autocomplete_fields = ["article", "speaker", "topics"]

    class Media:
        css = {"all": ["factcheck/desk.css"]}

    def get_urls(self):
        return [
            *dashboard_urls(self.admin_site),
            *follow_up_urls(self.admin_site),  # issue 17
            *evidence_urls(self.admin_site),  # issue 17
            *super().get_urls(),
        ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = StatementChangeForm if obj else StatementTagForm
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (None, {"fields": ["article", "quote", "occurrence", "kind", "speaker", "title", "topics"]}),
                ("Pledges: deadline and what would count as kept", {"fields": ["deadline", "success_criteria"]}),
                (None, {"fields": ["start", "end", "suggestion", "return_to_article"], "classes": ["hidden"]}),
            ]
        return [
            (None, {"fields": ["article_link", "quote", "kind", "speaker", "title", "topics", "opened_version"]}),
            ("Verdicts", {"fields": ["verdict_timeline"]}),
            ("Deadline and what would count as kept", {"fields": ["follow_up"]}),  # issue 17
            ("Evidence candidates", {"fields": ["evidence"], "classes": ["desk-evidence-section"]}),  # issue 17
            ("Record", {"fields": ["slug", "start", "end", "created_at", "updated_at"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The passage and its kind are fixed once tagged: verdicts and readers rely on them.
        return [
            *["article_link", "quote", "kind", "slug", "start", "end", "created_at", "updated_at", "verdict_timeline"],
            *["follow_up", "evidence"],  # issue 17
        ]

    @admin.display(description="deadline and criteria")
    def follow_up(self, obj):
        return follow_up_panel(obj)

    @admin.display(description="candidates, best first")
    def evidence(self, obj):
        return evidence_panel(obj)

    @admin.display(description="current rating", ordering="current_rating")
    def current_rating_display(self, obj):
        return Rating(obj.current_rating).label if obj.current_rating else "—"

    @admin.display(description="last verdict", ordering="current_verdict__checked_on")
    def last_checked(self, obj):
        return obj.current_checked_on or "—"

    @admin.display(description="article")
    def article_link(self, obj):
        url = reverse("admin:factcheck_article_change", args=[obj.article_id])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description="timeline, newest first")
    def verdict_timeline(self, obj):
        verdicts = obj.verdicts.select_related("author", "publisher").order_by("-checked_on", "-published_at", "-pk")
        rows = format_html_join(
            "",
            '<li><a href="{}">{} · {} · {}</a> <span class="desk-status desk-status-{}">{}</span></li>',
            (
                (
                    reverse("admin:factcheck_verdict_change", args=[v.pk]),
                    v.checked_on.strftime("%d %b %Y"),
                    v.get_rating_display(),
                    v.headline,
                    v.status,
                    v.get_status_display(),
                )
                for v in verdicts
            ),
        )
        add_url = reverse("admin:factcheck_verdict_add") + f"?statement={obj.pk}"
        empty = format_html("<li>{}</li>", "No verdict yet.") if not rows else ""
        return format_html(
            '<ol class="desk-timeline">{}{}</ol><p><a class="button" href="{}">Add a verdict update</a></p>',
            rows,
            empty,
            add_url,
        )

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        suggestion = Suggestion.objects.filter(pk=request.GET.get("suggestion") or None).first()
        if suggestion is not None:
            initial.update(
                article=suggestion.article_id,
                kind=suggestion.kind,
                quote=suggestion.quote,
                start=suggestion.start,
                end=suggestion.end,
                return_to_article=True,
            )
            speaker = Speaker.objects.filter(name__iexact=suggestion.speaker_name.strip()).first()
            if speaker is not None:
                initial["speaker"] = speaker.pk
        return initial

    def save_form(self, request, form, change):
        if change:
            return super().save_form(request, form, change)
        data = form.cleaned_data
        statement = tag_statement(
            article=data["article"],
            speaker=data["speaker"],
            kind=data["kind"],
            title=data["title"],
            start=data["start"],
            end=data["end"],
            topics=data["topics"],
            suggestion=data.get("suggestion"),
            follow_up=data.get("follow_up"),  # issue 17
        )
        form.instance = statement
        form.save_m2m = form._save_m2m
        return statement

    def save_model(self, request, obj, form, change):
        # A new statement was saved by tagging.tag_statement in save_form.
        if change:
            self.bump_version(obj, form, change)
            update_statement(statement=obj, topics=form.cleaned_data["topics"])
            form.save_m2m = lambda: None  # the service set the topics

    def response_add(self, request, obj, post_url_continue=None):
        tagged_message(request, obj)  # issue 17: the deadline the quote suggests, to confirm
        if request.POST.get("return_to_article") == "True" and "_popup" not in request.POST:
            self.message_user(request, f"Tagged “{obj}” as a {obj.get_kind_display().lower()}.", messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:factcheck_article_change", args=[obj.article_id]) + "#desk-tagging"
            )
        return super().response_add(request, obj, post_url_continue)

    def deletion_refusal(self, obj) -> str:
        if obj.verdicts.published().exists():
            return f"“{obj}” has a published verdict, so it cannot be deleted."
        return ""


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["quote", "kind", "speaker_name", "article", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["article"]
    readonly_fields = ["article", "kind", "quote", "start", "end", "speaker_name", "reason", "status"]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="factcheck_suggestion_dismiss",
            ),
            *super().get_urls(),
        ]

    def dismiss_view(self, request, pk):
        suggestion = get_object_or_404(Suggestion, pk=pk)
        back = reverse("admin:factcheck_article_change", args=[suggestion.article_id]) + "#desk-suggestions"
        if request.method != "POST":
            return HttpResponseRedirect(back)
        if not self.has_change_permission(request, suggestion):
            self.message_user(request, "You do not have permission to dismiss suggestions.", messages.ERROR)
        elif suggestion.status != Suggestion.Status.PENDING:
            self.message_user(request, "This suggestion was already accepted or dismissed.", messages.WARNING)
        else:
            dismiss_suggestion(suggestion=suggestion)
            self.message_user(request, "Suggestion dismissed.", messages.SUCCESS)
        return HttpResponseRedirect(back)
