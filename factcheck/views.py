"""The public, read-only pages. Every query starts from the `public()` gate."""

from django.db.models import Prefetch
from django.views.generic import DetailView, ListView

from .models import Article, Source, Speaker, Statement, Verdict


def public_statements():
    """Public statements with what a list needs to show them, in a constant number of queries."""
    return Statement.objects.public().with_current_verdict().select_related("speaker", "article__outlet")


class HomeView(ListView):
    template_name = "factcheck/home.html"
    context_object_name = "statements"

    def get_queryset(self):
        return public_statements().order_by("-last_published_at", "pk")


class StatementDetailView(DetailView):
    template_name = "factcheck/statement_detail.html"
    context_object_name = "statement"

    def get_queryset(self):
        published = Verdict.objects.published().latest_first()
        return public_statements().prefetch_related(
            Prefetch(
                "verdicts",
                queryset=published.prefetch_related(
                    Prefetch("sources", queryset=Source.objects.select_related("article")), "corrections"
                ),
                to_attr="published_verdicts",
            ),
            "topics",
        )


class ArticleDetailView(DetailView):
    template_name = "factcheck/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.public()
            .select_related("outlet")
            .prefetch_related(Prefetch("statements", queryset=public_statements(), to_attr="public_statements"))
        )


class SpeakerDetailView(DetailView):
    template_name = "factcheck/speaker_detail.html"
    context_object_name = "speaker"

    def get_queryset(self):
        return (
            Speaker.objects.filter(statements__in=Statement.objects.public())
            .distinct()
            .prefetch_related(Prefetch("statements", queryset=public_statements(), to_attr="public_statements"))
        )
