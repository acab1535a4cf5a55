"""The front page: where every pledge and criticism stands, and what changed lately."""

from django.db.models import F
from django.template.response import TemplateResponse
from django.utils import timezone

from ..caching import cache_public_page
from ..charts import rating_history
from ..followup import overdue
from ..models import Speaker, Statement
from ..public import public_topics, published_verdicts, site_scoreboard

LATEST_UPDATES = 8


@cache_public_page
def home(request):
    latest = published_verdicts().select_related("statement__speaker").order_by("-published_at", "-pk")
    # The counts are running tallies of public statements (factcheck.tallies), not counted here.
    context = {
        "scores": site_scoreboard(),
        "latest": latest[:LATEST_UPDATES],
        "chart": rating_history(today=timezone.localdate()),
        "topics": public_topics().annotate(n=F("public_statements")).order_by("-n", "name"),
        "speakers": Speaker.objects.filter(public_statements__gt=0)
        .annotate(n=F("public_statements"))
        .order_by("-n", "name")[:8],
        # Issue 17: one count, read from the partial index of public statements with a deadline.
        "overdue": Statement.objects.public().filter(overdue(today=timezone.localdate())).count(),
    }
    return TemplateResponse(request, "factcheck/home.html", context)
