from django.apps import AppConfig


class FactcheckConfig(AppConfig):
    name = "factcheck"
    verbose_name = "Fact-checking"

    def ready(self) -> None:
        from .caching import connect_public_page_invalidation

        connect_public_page_invalidation()
