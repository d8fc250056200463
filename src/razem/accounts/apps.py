from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "razem.accounts"
    label = "accounts"
    verbose_name = _("People and accounts")

    def ready(self) -> None:
        from razem.accounts import signals

        signals.connect()
