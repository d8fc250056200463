from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "razem.grants"
    label = "grants"
    verbose_name = _("Grants")

    def ready(self) -> None:
        from razem.core import registry
        from razem.grants import home, registrations

        registrations.register()
        home.register(registry)
