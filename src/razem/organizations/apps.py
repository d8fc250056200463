from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    name = "razem.organizations"
    label = "organizations"
    verbose_name = _("Organizations")

    def ready(self) -> None:
        from razem.accounts import export as personal_data_export
        from razem.organizations import export

        personal_data_export.register("organizations", export.personal_data)

        from razem.accounts.services import register_deletion_check, register_deletion_cleanup
        from razem.organizations.services import deletion_cleanup, deletion_problems

        register_deletion_check(deletion_problems)
        register_deletion_cleanup(deletion_cleanup)
