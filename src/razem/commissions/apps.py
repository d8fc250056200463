from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissionsConfig(AppConfig):
    name = "razem.commissions"
    label = "commissions"
    verbose_name = _("Competition commissions")

    def ready(self) -> None:
        from razem.commissions import home, registrations, roles
        from razem.core import registry

        registrations.register()
        home.register(registry)
        registry.person_roles.register(registry.PersonRoles("commissions", roles.person_roles, order=40))
