"""An article as imported, with its public statements marked in the text."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from ..caching import cache_public_page
from ..claimreview import absolute
from ..models import Article
from ..public import public_statements
from ..rendering import marked_body


@cache_public_page
def article_detail(request, slug: str):
    article = get_object_or_404(Article.objects.public().select_related("outlet"), slug=slug)
    statements = list(public_statements().filter(article=article).order_by("start", "end"))
    context = {
        "article": article,
        "statements": statements,
        "body": marked_body(article.body, statements),
        "corrections": list(article.corrections.order_by("created_at", "pk")),
        "canonical_url": absolute(article.get_absolute_url()),
    }
    return TemplateResponse(request, "factcheck/article_detail.html", context)
