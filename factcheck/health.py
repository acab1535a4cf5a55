"""The load balancer's health check: is this app server able to reach its database?"""

import logging

from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def healthz(request):
    """200 {"status": "ok"} when a query on the database succeeds; 503 otherwise, so traffic moves away."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("health check failed: database unavailable", extra={"error": str(error)})
        # Drop the broken connection so the next check (or request) opens a fresh one.
        connection.close()
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
