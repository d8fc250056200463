from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "razem.reports"
    label = "reports"
    verbose_name = _("Grant reports")

    def ready(self) -> None:
        from razem.reports import registrations

        registrations.register()
