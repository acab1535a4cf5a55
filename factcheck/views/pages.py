"""The pages fact-checkers' codes of principles ask for: how we rate, and what we corrected."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse

from ..caching import cache_public_page
from ..claimreview import absolute
from ..public import public_corrections
from ..scales import SCALES
from .exports import EXPORT_LIMIT

CORRECTIONS_PER_PAGE = 30


def methodology(request):
    """Generated from scales.py, the definitions the code itself uses. No database query."""
    context = {
        "scales": SCALES.values(),
        "export_limit": EXPORT_LIMIT,
        "canonical_url": absolute(reverse("factcheck:methodology")),
    }
    return TemplateResponse(request, "factcheck/methodology.html", context)


@cache_public_page(reads=("page",))
def corrections(request):
    page = Paginator(public_corrections(), CORRECTIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "canonical_url": absolute(reverse("factcheck:corrections"))}
    return TemplateResponse(request, "factcheck/corrections.html", context)
