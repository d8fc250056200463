from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContractsConfig(AppConfig):
    name = "razem.contracts"
    label = "contracts"
    verbose_name = _("Grant contracts")

    def ready(self) -> None:
        from razem.contracts import registrations

        registrations.register()
