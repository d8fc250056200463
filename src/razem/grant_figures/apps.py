from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantFiguresConfig(AppConfig):
    name = "razem.grant_figures"
    label = "grant_figures"
    verbose_name = _("Grants in figures")

    def ready(self) -> None:
        from razem.core import registry
        from razem.grant_figures import home, registrations

        registrations.register()
        home.register(registry)
