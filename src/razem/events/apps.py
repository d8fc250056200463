from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "razem.events"
    label = "events"
    verbose_name = _("Meetings and calendar")

    def ready(self) -> None:
        from razem.accounts import export as personal_data_export
        from razem.events import export

        personal_data_export.register("events", export.personal_data)

        from razem.accounts.services import register_deletion_cleanup
        from razem.events.services.registrations import deletion_cleanup

        register_deletion_cleanup(deletion_cleanup)
