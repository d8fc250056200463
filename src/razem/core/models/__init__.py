from razem.core.models.audit import LogEntry
from razem.core.models.documents import DocumentSnapshot
from razem.core.models.notifications import Notification, OutboxEmail
from razem.core.models.reference import District, PublicBenefitArea, Room, StatutoryValue, Venue

__all__ = [
    "District",
    "DocumentSnapshot",
    "LogEntry",
    "Notification",
    "OutboxEmail",
    "PublicBenefitArea",
    "Room",
    "StatutoryValue",
    "Venue",
]
