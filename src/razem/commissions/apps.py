from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissionsConfig(AppConfig):
    name = "razem.commissions"
    label = "commissions"
    verbose_name = _("Competition commissions")

    def ready(self) -> None:
        from razem.commissions import registrations

        registrations.register()
