from razem.core.models.audit import LogEntry
from razem.core.models.documents import DocumentSnapshot
from razem.core.models.notifications import Notification, OutboxEmail
from razem.core.models.reference import District, PublicBenefitArea, Room, StatutoryValue, Venue
from razem.core.models.slugs import SlugRedirect

__all__ = [
    "District",
    "DocumentSnapshot",
    "LogEntry",
    "Notification",
    "OutboxEmail",
    "PublicBenefitArea",
    "Room",
    "SlugRedirect",
    "StatutoryValue",
    "Venue",
]
