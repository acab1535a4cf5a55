"""Django's admin, with the desk's own site (factcheck/desk_site.py): its dashboard address and names.

In a module of its own: INSTALLED_APPS imports it before the models are ready.
"""

from django.contrib.admin.apps import AdminConfig


class DeskAdminConfig(AdminConfig):
    default_site = "factcheck.desk_site.DeskAdminSite"
