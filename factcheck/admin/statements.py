"""Statements tagged in articles, and the importer's suggestions."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from ..models import Article, Speaker, Statement, Suggestion, Verdict
from ..scales import Rating
from ..tagging import (
    accept_suggestions,
    delete_statement,
    deletion_refusal,
    dismiss_suggestions,
    occurrences_in_context,
    quote_matches,
    tag_statement,
    title_from_quote,
    update_statement,
)
from .evidence import evidence_panel, evidence_urls
from .follow_up import add_tag_fields, criteria_field, deadline_field, follow_up_panel, follow_up_urls, tagged_message
from .keys import key, keys
from .previews import preview_url
from .safeguards import DeskHistoryAdmin, ProtectedDeletionMixin, SeenByReadersMixin, ServiceForm, ServiceFormAdmin


class PassageFields(forms.Form):
    """Where the statement stands: a mouse selection (exact offsets) or a pasted quote the service finds."""

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

    def offer_occurrences(self, article: Article | None) -> None:
        """List the places the typed quote stands, when there are several to choose from."""
        occurrences = occurrences_in_context(article.body, self._value("quote")) if article else []
        self.fields["occurrence"].choices = [("", "—"), *occurrences]
        if len(occurrences) < 2:
            self.fields["occurrence"].widget = forms.HiddenInput()

    def _value(self, name: str) -> str:
        return (self.data.get(name) if self.is_bound else self.initial.get(name)) or ""

    def passage(self) -> dict:
        """The passage as the tagging service takes it."""
        return {name: self.cleaned_data.get(name) for name in ("start", "end", "occurrence")} | {
            "quote": self.cleaned_data.get("quote") or ""
        }


class StatementTagForm(PassageFields, ServiceForm):
    """Tag a passage: collected here, placed and checked by tagging.tag_statement."""

    suggestion = forms.ModelChoiceField(
        queryset=Suggestion.objects.filter(status=Suggestion.Status.PENDING),
        widget=forms.HiddenInput,
        required=False,
        error_messages={"invalid_choice": "This suggestion was already accepted or dismissed."},
    )
    return_to_article = forms.BooleanField(widget=forms.HiddenInput, required=False)
    deadline = deadline_field()
    success_criteria = criteria_field()
    new_speaker = forms.CharField(
        required=False,
        max_length=200,
        label="Or a new speaker",
        help_text="Someone the desk has not quoted before: type their name as the article gives it.",
    )

    class Meta:
        model = Statement
        fields = ["article", "kind", "speaker", "title", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The tagging service asks for a speaker or a new name, and says so on the speaker field.
        self.fields["speaker"].required = False
        try:
            article = Article.objects.only("body", "published_at").get(pk=self._value("article"))
        except (Article.DoesNotExist, ValueError, TypeError):
            article = None
        self.offer_occurrences(article)
        add_tag_fields(self, article=article, quote=self._value("quote"))


class StatementChangeForm(PassageFields, ServiceForm):
    """Change a statement: collected here, checked and saved by tagging.update_statement."""

    correction_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Required to change the quote, kind or speaker of a statement readers have seen. "
        "Shown to readers on the statement's page and on the corrections page.",
    )

    class Meta:
        model = Statement
        fields = ["kind", "speaker", "title", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "quote" in self.fields:
            self.fields["quote"].initial = self.instance.quote
            self.fields[
                "quote"
            ].help_text = "To tag other words of the article, paste them here; the statement moves to where they stand."
        moved = self.is_bound and not quote_matches(self.instance.quote, self._value("quote"))
        self.offer_occurrences(self.instance.article if moved else None)


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
class StatementAdmin(ServiceFormAdmin, SeenByReadersMixin, ProtectedDeletionMixin, DeskHistoryAdmin):
    list_display = ["title", "kind", "speaker", "article", "current_rating_display", "last_checked"]
    list_filter = ["kind", "speaker", "article__outlet", CurrentRatingFilter, PublishedVerdictFilter]
    list_select_related = ["speaker", "article", "current_verdict"]
    search_fields = ["title", "quote"]
    autocomplete_fields = ["article", "speaker", "topics"]
    change_form_template = "admin/factcheck/statement/change_form.html"

    class Media:
        css = {"all": ["factcheck/desk.css"]}

    def view_on_site(self, obj):
        """Its public page once readers can see it; until then the staff preview, drafts and all."""
        return obj.get_absolute_url() if obj.current_verdict_id else preview_url(obj)

    def get_urls(self):
        return [*follow_up_urls(self.admin_site), *evidence_urls(self.admin_site), *super().get_urls()]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = StatementChangeForm if obj else StatementTagForm
        # Only these are copied onto the model; the passage (quote, offsets) goes to the tagging service as typed.
        kwargs["fields"] = kwargs["form"].Meta.fields
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return [
                (
                    None,
                    {"fields": ["article", "quote", "occurrence", "kind", "speaker", "new_speaker", "title", "topics"]},
                ),
                ("Pledges: deadline and what would count as kept", {"fields": ["deadline", "success_criteria"]}),
                (None, {"fields": ["start", "end", "suggestion", "return_to_article"], "classes": ["hidden"]}),
            ]
        if not self.has_change_permission(request, obj):
            fieldsets = [(None, {"fields": ["article_link", "quote", "kind", "speaker", "title", "topics"]})]
        else:
            main = ["article_link", "quote", "occurrence", "kind", "speaker", "title", "topics", "opened_version"]
            fieldsets = [(None, {"fields": main})]
            if self.has_been_public(obj):
                fieldsets.append(("Correction", {"fields": ["correction_note"]}))
        return [
            *fieldsets,
            ("Verdicts", {"fields": ["verdict_timeline"]}),
            ("Deadline and what would count as kept", {"fields": ["follow_up"]}),
            ("Evidence candidates", {"fields": ["evidence"], "classes": ["desk-evidence-section"]}),
            ("Record", {"fields": ["slug", "start", "end", "created_at", "updated_at"], "classes": ["collapse"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [
            *["article_link", "slug", "start", "end", "created_at", "updated_at", "verdict_timeline"],
            *["follow_up", "evidence"],
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
        suggestion = Suggestion.objects.filter(pk=key(request.GET.get("suggestion"))).first()
        if suggestion is not None:
            initial.update(
                article=suggestion.article_id,
                kind=suggestion.kind,
                quote=suggestion.quote,
                start=suggestion.start,
                end=suggestion.end,
                return_to_article=True,
            )
            initial["title"] = suggestion.title or title_from_quote(suggestion.quote)
            speaker = Speaker.objects.filter(name__iexact=suggestion.speaker_name.strip()).first()
            if speaker is not None:
                initial["speaker"] = speaker.pk
            else:
                initial["new_speaker"] = suggestion.speaker_name
        return initial

    # Saving through factcheck.tagging ------------------------------------------

    def save_form(self, request, form, change):
        if change:
            return form.instance
        data = form.cleaned_data
        statement = tag_statement(
            article=data["article"],
            speaker=data["speaker"],
            new_speaker_name=data.get("new_speaker", ""),
            kind=data["kind"],
            title=data["title"],
            topics=data["topics"],
            suggestion=data.get("suggestion"),
            deadline=data.get("deadline", ""),
            success_criteria=data.get("success_criteria", ""),
            user=request.user,
            **form.passage(),
        )
        form.instance = statement
        return statement

    def save_model(self, request, obj, form, change):
        if not change:
            return  # tagged by tagging.tag_statement in save_form
        data = form.cleaned_data
        saved = update_statement(
            statement=obj,
            user=request.user,
            title=data["title"],
            speaker=data["speaker"],
            kind=data["kind"],
            topics=data["topics"],
            note=data.get("correction_note", ""),
            expected_version=data.get("opened_version"),
            **form.passage(),
        )
        obj.refresh_from_db()
        form.instance = saved

    def delete_model(self, request, obj):
        delete_statement(statement=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for statement in queryset:
            delete_statement(statement=statement, user=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        tagged_message(request, obj)  # the deadline the quote suggests, to confirm
        if request.POST.get("return_to_article") == "True" and "_popup" not in request.POST:
            self.message_user(request, f"Tagged “{obj}” as a {obj.get_kind_display().lower()}.", messages.SUCCESS)
            return HttpResponseRedirect(
                reverse("admin:factcheck_article_change", args=[obj.article_id]) + "#desk-tagging"
            )
        return super().response_add(request, obj, post_url_continue)

    def deletion_refusal(self, obj) -> str:
        return deletion_refusal(obj)

    def get_deleted_objects(self, objs, request):
        """A mis-tag goes with its drafts (tagging.delete_statement): list them as deleted, not as protecting it."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        drafts = [verdict for statement in objs for verdict in statement.verdicts.all() if not verdict.is_published]
        if drafts and not any(map(self.deletion_refusal, objs)):
            protected = [item for item in protected if not str(item).startswith("Verdict:")]
            perms_needed = perms_needed - {Verdict._meta.verbose_name}  # the service deletes a mis-tag's drafts
            deleted = [*deleted, [f"Draft verdict: {draft}" for draft in drafts]]
            model_count["draft verdicts"] = len(drafts)
        return deleted, model_count, perms_needed, protected


@admin.register(Suggestion)
class SuggestionAdmin(admin.ModelAdmin):
    list_display = ["quote", "kind", "speaker_name", "title", "article", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["article"]
    readonly_fields = ["article", "kind", "quote", "start", "end", "speaker_name", "title", "reason", "status"]

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        return [
            path(
                "<int:pk>/dismiss/",
                self.admin_site.admin_view(self.dismiss_view),
                name="factcheck_suggestion_dismiss",
            ),
            path("bulk/", self.admin_site.admin_view(self.bulk_view), name="factcheck_suggestion_bulk"),
            *super().get_urls(),
        ]

    def _back(self, article_id) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:factcheck_article_change", args=[article_id]) + "#desk-suggestions")

    def dismiss_view(self, request, pk):
        suggestion = get_object_or_404(Suggestion, pk=pk)
        if request.method != "POST":
            return self._back(suggestion.article_id)
        if not self.has_change_permission(request, suggestion):
            self.message_user(request, "You do not have permission to dismiss suggestions.", messages.ERROR)
        elif dismiss_suggestions(suggestions=[suggestion]):
            self.message_user(request, "Suggestion dismissed.", messages.SUCCESS)
        else:
            self.message_user(request, "This suggestion was already accepted or dismissed.", messages.WARNING)
        return self._back(suggestion.article_id)

    def bulk_view(self, request):
        """Accept or dismiss the suggestions ticked on an article's desk page, in one go."""
        article = get_object_or_404(Article.objects.only("pk"), pk=key(request.POST.get("article")))
        if request.method != "POST":
            return self._back(article.pk)
        chosen = list(Suggestion.objects.filter(article=article, pk__in=keys(request.POST.getlist("suggestion"))))
        action = request.POST.get("action")
        if not chosen:
            self.message_user(request, "Tick the suggestions to accept or dismiss first.", messages.WARNING)
        elif action == "dismiss" and self.has_change_permission(request):
            count = dismiss_suggestions(suggestions=chosen)
            self.message_user(request, f"Dismissed {count} suggestion{pluralize(count)}.", messages.SUCCESS)
        elif action == "accept" and self.admin_site._registry[Statement].has_add_permission(request):
            self._report_accepted(request, accept_suggestions(suggestions=chosen, user=request.user))
        else:
            self.message_user(request, "You do not have permission to do that.", messages.ERROR)
        return self._back(article.pk)

    def _report_accepted(self, request, outcomes) -> None:
        tagged = [outcome.statement for outcome in outcomes if outcome.statement is not None]
        if tagged:
            self.message_user(
                request,
                f"Tagged {len(tagged)} statement{pluralize(len(tagged))}: "
                + "; ".join(f"“{statement.title}”" for statement in tagged)
                + ". Check each title and speaker on its page.",
                messages.SUCCESS,
            )
        for outcome in outcomes:
            if outcome.problem:
                self.message_user(
                    request, f"Not tagged: “{outcome.suggestion.quote[:80]}” ({outcome.problem}).", messages.WARNING
                )
