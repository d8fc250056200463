from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SmallGrantsConfig(AppConfig):
    name = "razem.small_grants"
    label = "small_grants"
    verbose_name = _("Small grants")

    def ready(self) -> None:
        from razem.core import registry
        from razem.small_grants import home, registrations

        registrations.register()
        home.register(registry)
