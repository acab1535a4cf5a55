"""The front page: where every pledge and criticism stands, and what changed lately."""

from django.db.models import Count, Q
from django.shortcuts import render
from django.utils import timezone

from ..caching import cache_public_page
from ..charts import rating_history
from ..models import Statement
from ..public import public_speakers, public_topics, published_verdicts, scoreboard

LATEST_UPDATES = 8


@cache_public_page
def home(request):
    public = Q(statements__in=Statement.objects.public())
    latest = published_verdicts().select_related("statement__speaker").order_by("-published_at", "-pk")
    context = {
        "scores": scoreboard(Statement.objects.public()),
        "latest": latest[:LATEST_UPDATES],
        "chart": rating_history(today=timezone.localdate()),
        "topics": public_topics().annotate(n=Count("statements", filter=public)).order_by("-n", "name"),
        "speakers": public_speakers().annotate(n=Count("statements", filter=public)).order_by("-n", "name")[:8],
    }
    return render(request, "factcheck/home.html", context)
