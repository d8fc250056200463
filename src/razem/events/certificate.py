"""The attendance certificate (zaświadczenie o udziale) as a PDF, from one HTML template (WeasyPrint)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from razem.events.models import Registration


def certificate_pdf(registration: Registration) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "events/certificate.html",
        {
            "registration": registration,
            "meeting": registration.meeting,
            "office": settings.RAZEM_OFFICE,
            "site_name": settings.RAZEM_SITE_NAME,
            "issued_on": timezone.localdate(),
            "verify_url": settings.RAZEM_BASE_URL,
        },
    )
    return HTML(string=html, base_url=settings.RAZEM_BASE_URL).write_pdf()
