"""A speaker: who they are, how their statements stand, and the latest of them."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from ..caching import cache_public_page
from ..claimreview import absolute
from ..models import Statement
from ..public import listed_statements, public_speakers, scoreboard

LATEST = 20


@cache_public_page
def speaker_detail(request, slug: str):
    speaker = get_object_or_404(public_speakers(), slug=slug)
    scores = scoreboard(Statement.objects.public().filter(speaker=speaker), speaker=speaker.slug)
    statements = listed_statements().filter(speaker=speaker).order_by("-last_update_at", "-pk")[:LATEST]
    context = {
        "speaker": speaker,
        "scores": [score for score in scores if score.total],
        "total": sum(score.total for score in scores),
        "statements": statements,
        "all_url": f"{reverse('factcheck:statement_list')}?{urlencode({'speaker': speaker.slug})}",
        "canonical_url": absolute(speaker.get_absolute_url()),
    }
    return TemplateResponse(request, "factcheck/speaker_detail.html", context)
