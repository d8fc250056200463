from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _login_button(obj: Any, user: Any) -> dict[str, Any] | None:
    from django.conf import settings

    return {} if settings.RAZEM_LOGINGOVPL_ENABLED else None


class IdentityConfig(AppConfig):
    name = "razem.identity"
    label = "identity"
    verbose_name = _("login.gov.pl")

    def ready(self) -> None:
        from razem.core import registry
        from razem.identity import personal_data

        registry.page_sections.register(
            registry.PageSection("accounts.login", "logingovpl", "identity/_login_button.html", _login_button, 10)
        )
        registry.page_sections.register(
            registry.PageSection("accounts.profile", "logingovpl-profile", "identity/_profile.html", _login_button, 10)
        )
        covers = ("identity.GovIdentity.user",)
        registry.personal_data.register(registry.PersonalDataSection("identity", personal_data.export, covers))
        registry.deletion_cleanups.register(registry.DeletionHook("identity", personal_data.deletion_cleanup, covers))
