"""The editors' desk is the admin site itself: its own dashboard address, named for the newsroom.

Outside the factcheck.admin package: the admin's lazy default site imports this class, and that
package registers every ModelAdmin on the default site as it is imported.
"""

from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView


class DeskAdminSite(admin.AdminSite):
    site_header = "Pledgebook editors' desk"
    site_title = "Pledgebook"
    index_title = "Fact-check desk"
    index_template = "admin/factcheck/desk_index.html"

    def get_urls(self):
        from .admin.dashboard import dashboard_view

        return [
            path("desk/", self.admin_view(lambda request: dashboard_view(request, self)), name="desk"),
            # Where the dashboard used to live, for bookmarks.
            path("factcheck/statement/desk/", RedirectView.as_view(pattern_name="admin:desk", permanent=True)),
            *super().get_urls(),
        ]
