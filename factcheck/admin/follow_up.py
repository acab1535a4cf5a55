"""The desk's side of a pledge's deadline and success criteria (the rules are in factcheck.followup).

- On the statement's page, a panel shows them and the deadline the quote suggests, with a link
  to a form of their own (`follow_up_view`): the editor confirms or changes; nothing is set silently.
- The tagging form gets the same two fields (`add_tag_fields`), with the suggested deadline
  filled in when a suggestion is accepted, visible to confirm or clear; tagging.tag_statement
  reads and checks what the editor left there.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from ..deadlines import EXAMPLES, suggest_deadline
from ..followup import set_follow_up, suggest_for
from ..models import Article, Statement
from ..scales import Kind

DEADLINE_HELP = f"In words, at the precision the pledge gave: e.g. {EXAMPLES}. Leave blank for none."
CRITERIA_HELP = "What would count as kept, e.g. “200 conversion places funded and filled by September 2010”."


def deadline_field() -> forms.CharField:
    return forms.CharField(label="Deadline", required=False, max_length=200, help_text=DEADLINE_HELP)


def criteria_field() -> forms.CharField:
    return forms.CharField(
        label="What would count as kept",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=CRITERIA_HELP,
    )


class FollowUpForm(forms.Form):
    deadline = deadline_field()
    success_criteria = criteria_field()
    note = forms.CharField(
        label="Correction note",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required once the statement is public: shown to readers as a correction.",
    )
    opened_version = forms.IntegerField(widget=forms.HiddenInput)


def follow_up_view(request, pk: int, admin_site):
    """Set or change a pledge's deadline and success criteria, through followup.set_follow_up."""
    statement = get_object_or_404(Statement.objects.select_related("article", "speaker"), pk=pk)
    back = reverse("admin:factcheck_statement_change", args=[pk])
    if not request.user.has_perm("factcheck.change_statement"):
        messages.error(request, "You do not have permission to change statements.")
        return HttpResponseRedirect(back)
    suggestion = suggest_for(statement)
    current = statement.deadline
    initial_deadline = current.label if current else (suggestion.deadline.label if suggestion.deadline else "")
    form = FollowUpForm(
        request.POST or None,
        initial={
            "deadline": initial_deadline,
            "success_criteria": statement.success_criteria,
            "opened_version": statement.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            set_follow_up(
                statement=statement,
                deadline_text=data["deadline"],
                success_criteria=data["success_criteria"],
                user=request.user,
                note=data["note"],
                expected_version=data["opened_version"],
            )
        except ValidationError as error:
            by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
            for field, errors in by_field.items():
                form.add_error(field if field in form.fields else None, errors)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Deadline and success criteria saved.")
            return HttpResponseRedirect(back)
    context = {
        **admin_site.each_context(request),
        "opts": Statement._meta,
        "title": "Deadline and what would count as kept",
        "statement": statement,
        "form": form,
        "suggestion": suggestion,
        # As set_follow_up decides: readers have seen it (a verdict was published, even if withdrawn).
        "is_public": statement.has_been_public(),
        "is_pledge": statement.kind == Kind.PLEDGE,
    }
    return TemplateResponse(request, "admin/factcheck/statement/follow_up.html", context)


def follow_up_urls(admin_site) -> list:
    return [
        path(
            "<int:pk>/follow-up/",
            admin_site.admin_view(lambda request, pk: follow_up_view(request, pk, admin_site)),
            name="factcheck_statement_follow_up",
        )
    ]


def follow_up_panel(statement: Statement) -> str:
    """The statement page's summary: the deadline, the criteria, the suggestion, a link to change them."""
    if statement.kind != Kind.PLEDGE:
        return format_html("{}", "Only pledges have a deadline and success criteria.")
    url = reverse("admin:factcheck_statement_follow_up", args=[statement.pk])
    deadline = statement.deadline
    suggestion = suggest_for(statement)
    if deadline is not None:
        own_words = deadline.phrase and deadline.phrase != deadline.label
        said = f" (the pledge said “{deadline.phrase}”)" if own_words else ""
        due = format_html("<strong>{}</strong>{}", deadline.reader_text, said)
    elif suggestion.deadline is not None:
        due = format_html(
            "No deadline set. The quote suggests <strong>{}</strong> (from “{}”): confirm it or change it.",
            suggestion.deadline.label,
            suggestion.deadline.phrase,
        )
    else:
        due = format_html("No deadline set. {}", suggestion.note)
    criteria = statement.success_criteria or "Not written yet."
    return format_html(
        '<p>{}</p><p>What would count as kept: {}</p><p><a class="button" href="{}">{}</a></p>',
        due,
        criteria,
        url,
        "Set the deadline and criteria…" if deadline is None and not statement.success_criteria else "Change…",
    )


# -- The tagging form --------------------------------------------------------------------------------


def add_tag_fields(form: forms.Form, *, article: Article | None, quote: str) -> None:
    """Prefill the tagging form's deadline with the one the quote suggests when the form opens on a
    quote (an accepted suggestion), for the editor to confirm, clear or change."""
    if form.is_bound or article is None or not quote:
        return
    said = timezone.localdate(article.published_at) if article.published_at else None
    suggestion = suggest_deadline(quote, said_on=said)
    if suggestion.deadline is not None:
        form.initial.setdefault("deadline", suggestion.deadline.label)
        form.fields["deadline"].help_text = (
            f"Suggested from the quote (“{suggestion.deadline.phrase}”): check it, change it or clear it. "
            + DEADLINE_HELP
        )
    elif suggestion.note:
        form.fields["deadline"].help_text = f"{suggestion.note} {DEADLINE_HELP}"


def tagged_message(request, statement: Statement) -> None:
    """After tagging a pledge without a deadline, say what the quote suggests and where to confirm it."""
    if statement.kind != Kind.PLEDGE or statement.due_precision:
        return
    suggestion = suggest_for(statement)
    url = reverse("admin:factcheck_statement_follow_up", args=[statement.pk])
    if suggestion.deadline is not None:
        messages.info(
            request,
            format_html(
                'The quote suggests a deadline: {} (from “{}”). <a href="{}">Confirm or change it</a>.',
                suggestion.deadline.label,
                suggestion.deadline.phrase,
                url,
            ),
        )
    elif suggestion.note:
        messages.info(request, format_html('{} <a href="{}">Set a deadline</a>.', suggestion.note, url))
