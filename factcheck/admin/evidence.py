"""The desk's side of the evidence finder (the matching is factcheck.evidence).

A statement's page lists its candidates, best first, each passage in its context with why it
matched, and three actions: "Use as source" opens a new draft verdict update with the article
cited and the passage quoted; "Not relevant" dismisses it for good; "Find evidence" looks through
every imported article. Who may: those who may change statements dismiss and search, those who may
add verdicts use a passage as a source. Candidates never leave the desk.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from ..evidence import (
    EvidenceError,
    candidates_for,
    describe_reasons,
    dismiss_candidate,
    find_evidence_for_statement,
    mark_used,
)
from ..models import EvidenceCandidate, Statement, Verdict
from ..rendering import quote_in_context
from .keys import key

SHOWN = 20


def evidence_panel(statement: Statement) -> str:
    """The candidates on a statement's admin page, undecided first and best first. The actions'
    views check who may take them."""
    candidates = list(candidates_for(statement)[: SHOWN + 1])
    find_url = reverse("admin:factcheck_statement_find_evidence", args=[statement.pk])
    find = format_html(
        '<p><button type="submit" class="button" formmethod="post" formaction="{}" formnovalidate>{}</button> '
        '<span class="desk-help">{}</span></p>',
        find_url,
        "Find evidence",
        "Looks through every imported article for passages that speak to this statement.",
    )
    if not candidates:
        return format_html('<p id="evidence">{}</p>{}', "No evidence candidates yet.", find)
    rows = format_html_join("", "{}", ((_candidate(c),) for c in candidates[:SHOWN]))
    more = format_html("<p>{}</p>", f"Showing the best {SHOWN}.") if len(candidates) > SHOWN else ""
    return format_html('<ol class="desk-evidence" id="evidence">{}</ol>{}{}', rows, more, find)


def _candidate(candidate: EvidenceCandidate) -> str:
    article = candidate.article
    excerpt = quote_in_context(article.body, candidate.start, candidate.end)
    source = article.outlet.name if article.outlet else "outlet unknown"
    when = article.published_at.strftime("%d %b %Y") if article.published_at else "date unknown"
    actions = ""
    if candidate.status == EvidenceCandidate.Status.NEW:
        use = format_html(
            '<a class="button" href="{}?statement={}&amp;evidence={}">Use as source</a> ',
            reverse("admin:factcheck_verdict_add"),
            candidate.statement_id,
            candidate.pk,
        )
        dismiss = format_html(
            '<button type="submit" class="button" formmethod="post" formaction="{}" formnovalidate>'
            "Not relevant</button>",
            reverse("admin:factcheck_statement_dismiss_evidence", args=[candidate.pk]),
        )
        actions = format_html('<p class="desk-evidence-actions">{}{}</p>', use, dismiss)
    elif candidate.status == EvidenceCandidate.Status.USED and candidate.verdict_id:
        actions = format_html(
            '<p>Used as a source of <a href="{}">{}</a>.</p>',
            reverse("admin:factcheck_verdict_change", args=[candidate.verdict_id]),
            candidate.verdict,
        )
    return format_html(
        '<li class="desk-evidence-item desk-evidence-{}">'
        '<p><a href="{}">{}</a> <span class="desk-help">({}, {})</span> '
        '<span class="desk-status">{}</span> <span class="desk-help">score {}</span></p>'
        '<blockquote class="desk-tag-quote">{}<mark>{}</mark>{}</blockquote>'
        '<p class="desk-reason">Why: {}</p>{}</li>',
        candidate.status,
        reverse("admin:factcheck_article_change", args=[article.pk]),
        article.title,
        source,
        when,
        candidate.get_status_display(),
        f"{candidate.score:.1f}",
        excerpt.before,
        excerpt.quote,
        excerpt.after,
        describe_reasons(candidate.reasons),
        actions,
    )


def _back(pk: int) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:factcheck_statement_change", args=[pk]) + "#evidence")


@require_POST
def dismiss_view(request, pk: int):
    candidate = EvidenceCandidate.objects.filter(pk=pk).first()
    if candidate is None:
        messages.error(request, "This evidence candidate no longer exists: its statement or article was deleted.")
        return HttpResponseRedirect(reverse("admin:factcheck_statement_changelist"))
    if not request.user.has_perm("factcheck.change_statement"):
        messages.error(request, "You do not have permission to dismiss evidence.")
        return _back(candidate.statement_id)
    try:
        dismiss_candidate(candidate=candidate, user=request.user)
    except EvidenceError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, "Marked not relevant: this passage will not be suggested again for this statement.")
    return _back(candidate.statement_id)


@require_POST
def find_view(request, pk: int):
    statement = get_object_or_404(Statement, pk=pk)
    if not request.user.has_perm("factcheck.change_statement"):
        messages.error(request, "You do not have permission to look for evidence.")
        return _back(pk)
    offered = find_evidence_for_statement(statement=statement)
    total = statement.evidence_candidates.filter(status=EvidenceCandidate.Status.NEW).count()
    if offered:
        messages.success(request, f"Found {offered} passage(s) that may speak to this statement; {total} undecided.")
    else:
        messages.info(request, "No imported article has a passage that speaks to this statement.")
    return _back(pk)


def evidence_urls(admin_site) -> list:
    return [
        path(
            "evidence/<int:pk>/dismiss/",
            admin_site.admin_view(dismiss_view),
            name="factcheck_statement_dismiss_evidence",
        ),
        path("<int:pk>/find-evidence/", admin_site.admin_view(find_view), name="factcheck_statement_find_evidence"),
    ]


# -- "Use as source": the verdict add form ------------------------------------------------------------


def _chosen(request) -> EvidenceCandidate | None:
    """The candidate named in the verdict add page's address (?evidence=), if it is still undecided."""
    chosen = key(request.GET.get("evidence"))
    if chosen is None:
        return None
    return (
        EvidenceCandidate.objects.select_related("article__outlet")
        .filter(pk=chosen, status=EvidenceCandidate.Status.NEW)
        .first()
    )


def source_initial(request) -> list[dict]:
    """The first source row of a draft started with "Use as source": the article, the passage quoted."""
    candidate = _chosen(request)
    if candidate is None:
        return []
    article = candidate.article
    title = f"{article.outlet.name}: {article.title}" if article.outlet else article.title
    return [{"title": title[:300], "article": article.pk, "quote": candidate.passage}]


def record_use(request, verdict: Verdict) -> None:
    """After the draft is saved: the candidate it came from is marked used (if it was for this statement)."""
    candidate = _chosen(request)
    if candidate is None:
        return
    try:
        mark_used(candidate=candidate, verdict=verdict, user=request.user)
    except EvidenceError as error:
        messages.warning(request, str(error))
