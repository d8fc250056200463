"""Meetings, forums and NGO events; registrations, waiting lists, attendance and documents."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.files import private_storage
from razem.core.models import District, PublicBenefitArea, Room, Venue
from razem.core.text import slugify_pl
from razem.events.windows import REGISTRATION

# Registration codes avoid letters and digits that are easy to confuse when read aloud or typed (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def new_registration_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalize_code(value: str) -> str:
    """What a person typed or a scanner read, as a stored code: upper case, no spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def on_calendar(self) -> "MeetingQuerySet":
        """What the public calendar shows: published, cancelled (marked) or finished public meetings and events."""
        return self.filter(
            visibility=Meeting.Visibility.PUBLIC,
            status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED, Meeting.Status.FINISHED],
        )

    def announced(self) -> "MeetingQuerySet":
        """Meetings in a state the public may know of: published, cancelled or finished (not a draft, nor an NGO
        event awaiting approval or rejected). ``bodies`` reads a body's sittings through it."""
        return self.filter(status__in=[Meeting.Status.PUBLISHED, Meeting.Status.CANCELLED, Meeting.Status.FINISHED])

    def organized_by_the_city(self) -> "MeetingQuerySet":
        return self.exclude(organizer_kind=Meeting.Organizer.ORGANIZATION)

    def choosable(
        self, *, upcoming: bool = False, now: datetime.datetime | None = None, keep: object = None
    ) -> "MeetingQuerySet":
        """The meetings a form may offer in a list (the one rule of every app's meeting field): announced and not
        cancelled, never a draft, an NGO event awaiting approval or a rejected one. ``upcoming``: only those not over
        yet and not marked finished (a debate to come); otherwise held ones too (the sitting an act was adopted at,
        the meeting a recommendation came from). ``keep``: the pk already chosen stays offered when a form is edited."""
        if upcoming:
            shown = Q(status=Meeting.Status.PUBLISHED, ends_at__gt=now or timezone.now())
        else:
            shown = Q(status__in=[Meeting.Status.PUBLISHED, Meeting.Status.FINISHED])
        if keep is not None:
            shown |= Q(pk=keep)
        return self.filter(shown)


class Meeting(models.Model):
    """A meeting the office or a body organizes, or an NGO's event promoted in the calendar."""

    class Kind(models.TextChoices):
        FORUM = "forum", _("Civic dialogue forum")
        NETWORKING = "networking", _("Informal networking meeting")
        CIVIC = "civic", _("Civic meeting")
        CONSULTATION = "consultation", _("Consultation meeting")
        TRAINING = "training", _("Training")
        SITTING = "sitting", _("Sitting of a dialogue body")
        OTHER = "other", _("Other")

    class Organizer(models.TextChoices):
        CITY = "city", _("The city office")
        BODY = "body", _("A dialogue body")
        ORGANIZATION = "organization", _("An organization")

    class Place(models.TextChoices):
        VENUE = "venue", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        INVITED = "invited", _("Invited guests only")
        MEMBERS = "members", _("Members of the body only")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("meeting status", "Draft")
        SUBMITTED = "submitted", pgettext_lazy("meeting status", "Awaiting approval")
        PUBLISHED = "published", pgettext_lazy("meeting status", "Published")
        REJECTED = "rejected", pgettext_lazy("meeting status", "Rejected")
        CANCELLED = "cancelled", pgettext_lazy("meeting status", "Cancelled")
        FINISHED = "finished", pgettext_lazy("meeting status", "Finished")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address fragment"), max_length=80, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    organizer_kind = models.CharField(_("organizer"), max_length=16, choices=Organizer.choices, default=Organizer.CITY)
    body = models.ForeignKey(
        "bodies.Body", verbose_name=_("body"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    place_kind = models.CharField(_("where"), max_length=8, choices=Place.choices, default=Place.VENUE)
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    address = models.CharField(
        _("address"), max_length=300, blank=True, help_text=_("When the place is not one of the venues listed.")
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    online_url = models.URLField(
        _("link to the online meeting"), blank=True, help_text=_("Shown only to people who are registered.")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    summary = models.CharField(_("in one sentence"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("One item per line."))
    areas = models.ManyToManyField(
        PublicBenefitArea, verbose_name=_("public-benefit areas"), blank=True, related_name="meetings"
    )
    visibility = models.CharField(
        _("who can see it"), max_length=8, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True)
    status_reason = models.TextField(_("reason"), blank=True)
    external_url = models.URLField(_("more information"), blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    registration_enabled = models.BooleanField(_("registration in Razem"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Leave empty when there is no limit.")
    )
    reserved_seats = models.PositiveIntegerField(
        _("seats reserved for invited guests"), default=0, help_text=_("Part of the seats above.")
    )
    waiting_list_enabled = models.BooleanField(_("waiting list when full"), default=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Bumped whenever the time or place changes, so that calendar applications replace their copy (RFC 5545).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="events_meeting_ends_after"),
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(reserved_seats__lte=models.F("capacity")),
                name="events_meeting_reserved_within_capacity",
            ),
            models.CheckConstraint(
                condition=~Q(organizer_kind="organization") | Q(organization__isnull=False),
                name="events_meeting_organization_organizer",
            ),
            models.CheckConstraint(
                condition=~Q(organizer_kind="body") | Q(body__isnull=False), name="events_meeting_body_organizer"
            ),
        ]
        indexes = [models.Index(fields=["status", "visibility", "starts_at"], name="events_meeting_calendar")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.slug = slugify_pl(self.title, max_length=80, default="spotkanie")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"pk": self.pk, "slug": self.slug or "spotkanie"})

    @property
    def is_ngo_event(self) -> bool:
        return self.organizer_kind == self.Organizer.ORGANIZATION

    @property
    def is_online(self) -> bool:
        return self.place_kind in {self.Place.ONLINE, self.Place.HYBRID}

    @property
    def is_in_person(self) -> bool:
        return self.place_kind in {self.Place.VENUE, self.Place.HYBRID}

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def has_ended(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def organizer_name(self) -> str:
        if self.organizer_kind == self.Organizer.ORGANIZATION and self.organization_id:
            return self.organization.name  # type: ignore[union-attr]
        if self.organizer_kind == self.Organizer.BODY and self.body_id:
            return self.body.name  # type: ignore[union-attr]
        return settings.RAZEM_OFFICE.get("name", "") or str(_("The city office"))

    @property
    def place_label(self) -> str:
        """The place in one line: room and venue, or the free address; "online" is added by templates."""
        if self.room_id:
            return f"{self.room.name}, {self.venue.name}, {self.venue.full_address}"  # type: ignore[union-attr]
        if self.venue_id:
            return f"{self.venue.name}, {self.venue.full_address}"  # type: ignore[union-attr]
        return self.address

    @property
    def effective_district(self) -> District | None:
        if self.district_id:
            return self.district
        return self.venue.district if self.venue_id else None  # type: ignore[union-attr]

    @property
    def general_seats(self) -> int | None:
        """Seats open to everyone: the capacity less the seats reserved for invited guests."""
        return None if self.capacity is None else max(self.capacity - self.reserved_seats, 0)

    def registration_window_state(self, now: datetime.datetime | None = None) -> str:
        """ "none", "not_yet", "open" or "closed": where the registration window stands now (``events.windows``)."""
        return REGISTRATION.current(self, now)


class MeetingQuestion(models.Model):
    """A question the organizer asks everyone who registers (accessibility needs, diet, ...)."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Short answer")
        LONG_TEXT = "long_text", _("Longer answer")
        CHOICE = "choice", _("One of the options")
        MULTIPLE = "multiple", _("Any of the options")
        YES_NO = "yes_no", _("Yes or no")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    kind = models.CharField(_("kind of answer"), max_length=16, choices=Kind.choices, default=Kind.TEXT)
    options = models.TextField(_("options"), blank=True, help_text=_("One option per line."))
    required = models.BooleanField(_("answer required"), default=False)

    class Meta:
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["meeting", "position", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class MeetingInvitation(models.Model):
    """A person invited to a meeting: they may see an invited-only meeting and take a reserved seat."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="meeting_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("invited"), default=timezone.now)

    class Meta:
        verbose_name = _("invitation to a meeting")
        verbose_name_plural = _("invitations to meetings")
        ordering = ["meeting", "created_at", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="events_invitation_unique")]

    def __str__(self) -> str:
        return f"{self.person} → {self.meeting}"


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> "RegistrationQuerySet":
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.CONFIRMED)

    def waiting(self) -> "RegistrationQuerySet":
        return self.filter(status=Registration.Status.WAITING).order_by("created_at", "id")


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", pgettext_lazy("registration status", "Confirmed")
        WAITING = "waiting", pgettext_lazy("registration status", "On the waiting list")
        CANCELLED = "cancelled", pgettext_lazy("registration status", "Cancelled")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="registrations"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="registrations"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meeting_registrations",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, db_index=True)
    is_guest = models.BooleanField(_("invited guest"), default=False)
    code = models.CharField(_("registration code"), max_length=16, unique=True, default=new_registration_code)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    created_at = models.DateTimeField(_("registered"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["meeting", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"], condition=~Q(status="cancelled"), name="events_registration_once"
            )
        ]
        indexes = [models.Index(fields=["meeting", "status", "created_at"], name="events_registration_queue")]

    def __str__(self) -> str:
        return f"{self.code} {self.person} ({self.meeting})"

    @property
    def display_code(self) -> str:
        """The code in two groups of four, easier to read out: ``ABCD-EF23``."""
        return f"{self.code[:4]}-{self.code[4:]}" if len(self.code) == CODE_LENGTH else self.code


class MeetingDocument(models.Model):
    class Kind(models.TextChoices):
        ATTACHMENT = "attachment", _("Material")
        MINUTES = "minutes", _("Minutes")
        OTHER = "other", _("Document")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        PARTICIPANTS = "participants", _("Participants and members only")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ATTACHMENT)
    audience = models.CharField(_("who can read it"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="events/documents/%Y/", storage=private_storage)
    size = models.PositiveIntegerField(_("size"), default=0)
    content_type = models.CharField(_("file type"), max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")
        ordering = ["meeting", "kind", "created_at", "id"]

    def __str__(self) -> str:
        return self.title
