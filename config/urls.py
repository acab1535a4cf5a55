"""Top-level URLs: the editors' admin and the public site."""

from django.contrib import admin
from django.urls import include, path

from factcheck.health import healthz

admin.site.site_header = "Pledgebook editors' desk"
admin.site.site_title = "Pledgebook"
admin.site.index_title = "Fact-check desk"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("factcheck.urls")),
]
