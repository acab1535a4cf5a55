"""Top-level URLs: the editors' admin and the public site."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Pledgebook editors' desk"
admin.site.site_title = "Pledgebook"
admin.site.index_title = "Fact-check desk"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("factcheck.urls")),
]
