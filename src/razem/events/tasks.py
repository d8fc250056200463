"""Background work of the meetings module, run by ``razem worker`` (immediately in the demo and the tests)."""

from django.tasks import task

from razem.events.models import Registration


@task()
def tell_registration(registration_id: int, promoted: bool = False) -> str:
    """Send the confirmation (with the .ics and the QR code) or the waiting-list notice of one registration.

    The registration service only decides the seat under the meeting's lock and enqueues this task after the
    commit, so building the attachments never holds other people back in a registration rush."""
    from razem.events.services.registrations import tell

    registration = Registration.objects.select_related("meeting", "person").filter(pk=registration_id).first()
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return "skipped"
    tell(registration, promoted=promoted)
    return registration.status
