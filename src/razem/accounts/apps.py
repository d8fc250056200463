from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "razem.accounts"
    label = "accounts"
    verbose_name = _("People and accounts")

    def ready(self) -> None:
        from razem.accounts import demo, export, signals  # noqa: F401 - export registers its sections
        from razem.accounts.services import delete_kernel_data
        from razem.core import registry

        signals.connect()
        registry.demo_accounts[:] = demo.DEMO_ACCOUNTS
        registry.demo_loaders.register(registry.DemoLoader("accounts", demo.load, after=("reference",)))
        from razem.accounts import roles

        registry.person_roles.register(registry.PersonRoles("accounts", roles.staff_roles, order=10))
        registry.deletion_cleanups.register(
            registry.DeletionHook("accounts", delete_kernel_data, covers=("core.Notification.recipient",))
        )
