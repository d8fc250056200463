from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "razem.reports"
    label = "reports"
    verbose_name = _("Grant reports")

    def ready(self) -> None:
        from razem.core import registry
        from razem.reports import home, registrations

        registrations.register()
        home.register(registry)
