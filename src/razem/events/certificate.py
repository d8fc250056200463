"""The attendance certificate (zaświadczenie o udziale): a PDF issued through ``razem.core.documents``, kept as a
snapshot with its checksum (printed in the footer) and issued again only when what it says changes."""

from django.conf import settings
from django.core.files.storage import Storage
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from razem.accounts.models import User
from razem.core.documents import issue_pdf
from razem.core.models import DocumentSnapshot
from razem.events.models import Registration

KIND = "events.certificate"
TEMPLATE = "events/certificate.html"


def certificate_issue(*, actor: User, registration: Registration) -> DocumentSnapshot:
    """The certificate of one attended registration, as issued (reused while its content is unchanged)."""
    return issue_pdf(
        template=TEMPLATE,
        context={
            "registration": registration,
            "meeting": registration.meeting,
            "verify_url": settings.RAZEM_BASE_URL,
        },
        kind=KIND,
        obj=registration,
        title=_("Certificate of attendance: %(title)s") % {"title": registration.meeting.title},
        actor=actor,
    )


def filename(registration: Registration) -> str:
    return f"zaswiadczenie-{registration.code}.pdf"


def forget_certificates(registrations: QuerySet[Registration]) -> int:
    """Delete the certificates issued for these registrations (they name the person), files included."""
    ids = [str(pk) for pk in registrations.values_list("pk", flat=True)]
    snapshots = DocumentSnapshot.objects.filter(
        kind=KIND, object_type=Registration._meta.label_lower, object_id__in=ids
    )
    files: list[tuple[Storage, str]] = [(s.file.storage, s.file.name) for s in snapshots if s.file.name]
    count, _deleted = snapshots.delete()
    for storage, name in files:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))  # type: ignore[misc]
    return count
