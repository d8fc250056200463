"""Civic dialogue bodies (KRDPP, the KDOs, the Premises Forum): terms, members, applications, acts, opinion
requests and the members' workspace."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from razem.core.files import private_storage
from razem.core.models import PublicBenefitArea
from razem.core.slugs import keeps_old_slugs


@keeps_old_slugs
class Body(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council")
        COMMISSION = "commission", _("Civic dialogue commission")
        FORUM = "forum", _("Forum")
        TEAM = "team", _("Team")

    class Visibility(models.TextChoices):
        PUBLIC = "public", pgettext_lazy("body visibility", "Public")
        TRANSPARENT = "transparent", _("Transparent: the public reads the members' workspace")
        PRIVATE = "private", _("Private: members and the office only")

    class Joining(models.TextChoices):
        APPOINTED = "appointed", _("Appointed or elected: no applications")
        OPEN = "open", _("Open: any organization working in the theme may join")
        APPLICATION = "application", _("By application: one representative and one deputy per organization")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    slug = models.SlugField(_("address fragment"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    areas = models.ManyToManyField(
        PublicBenefitArea, verbose_name=_("public-benefit areas"), blank=True, related_name="bodies"
    )
    department = models.CharField(
        _("city department"),
        max_length=200,
        blank=True,
        help_text=_("The department of the city office it works with."),
    )
    legal_basis = models.TextField(_("legal basis"), blank=True)
    regulations = models.FileField(
        _("regulations (document)"),
        upload_to="bodies/regulations/%Y/",
        storage=private_storage,
        blank=True,
        help_text=_("The body's rules of procedure (regulamin), e.g. as PDF. Anyone who sees the body may read them."),
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("part of"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=64, blank=True)
    visibility = models.CharField(_("visibility"), max_length=16, choices=Visibility.choices, default=Visibility.PUBLIC)
    joining = models.CharField(_("joining"), max_length=16, choices=Joining.choices, default=Joining.APPOINTED)
    seats = models.PositiveSmallIntegerField(
        _("seats"), null=True, blank=True, help_text=_("The number of members the rules provide for, if fixed.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("dialogue body")
        verbose_name_plural = _("dialogue bodies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def get_absolute_url(self) -> str:
        return reverse("bodies:detail", kwargs={"slug": self.slug})


class Term(models.Model):
    """A term of office (kadencja): members and acts belong to one."""

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100, help_text=_('E.g. "VI kadencja 2025–2028".'))
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["body", "-starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["body", "number"], name="bodies_term_number"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")), name="bodies_term_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def covers(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class BodyMembershipQuerySet(models.QuerySet["BodyMembership"]):
    def current(self, day: datetime.date | None = None) -> "BodyMembershipQuerySet":
        day = day or timezone.localdate()
        return self.filter(Q(start_date__lte=day), Q(end_date__isnull=True) | Q(end_date__gte=day))

    def principals(self) -> "BodyMembershipQuerySet":
        """Full members: deputies are not counted for the quorum unless they stand in (see selectors)."""
        return self.exclude(position=BodyMembership.Position.DEPUTY)


class BodyMembership(models.Model):
    class Position(models.TextChoices):
        CHAIR = "chair", _("Chair")
        VICE_CHAIR = "vice_chair", _("Vice-chair")
        SECRETARY = "secretary", _("Secretary")
        MEMBER = "member", _("Member")
        DEPUTY = "deputy", _("Deputy")

    class Appointment(models.TextChoices):
        ELECTED = "elected", _("Elected by organizations")
        MAYOR = "mayor", _("Appointed by the Mayor")
        COUNCIL = "council", _("Delegated by the City Council")
        APPLICATION = "application", _("Accepted on application")
        OTHER = "other", _("Other")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships")
    term = models.ForeignKey(
        Term, verbose_name=_("term"), null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="body_memberships"
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("represents"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="body_memberships",
    )
    institution = models.CharField(
        _("institution represented"),
        max_length=200,
        blank=True,
        help_text=_("For members who do not represent an organization, e.g. the City Council or the city office."),
    )
    position = models.CharField(_("position"), max_length=16, choices=Position.choices, default=Position.MEMBER)
    appointment = models.CharField(
        _("how they came"), max_length=16, choices=Appointment.choices, default=Appointment.OTHER
    )
    deputy_of = models.ForeignKey(
        "self",
        verbose_name=_("deputy of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="deputies",
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=300, blank=True)

    objects = BodyMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("member of a body")
        verbose_name_plural = _("members of bodies")
        ordering = ["body", "start_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="bodies_membership_dates",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.body})"

    def is_current(self, day: datetime.date | None = None) -> bool:
        day = day or timezone.localdate()
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    @property
    def represents(self) -> str:
        return self.organization.name if self.organization_id else self.institution  # type: ignore[union-attr]

    @property
    def position_label(self) -> str:
        """The position in the person's grammatical gender ("Przewodnicząca"), neutral when they did not choose."""
        from razem.bodies.roles import membership_position_label

        return membership_position_label(self)


class MembershipApplication(models.Model):
    """An organization asks to join a commission (open) or a forum (with its representative and a deputy)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        ACCEPTED = "accepted", pgettext_lazy("application status", "Accepted")
        DECLINED = "declined", pgettext_lazy("application status", "Declined")
        WITHDRAWN = "withdrawn", pgettext_lazy("application status", "Withdrawn")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="applications")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="body_applications",
    )
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("representative"), on_delete=models.CASCADE, related_name="+"
    )
    deputy = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deputy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    motivation = models.TextField(_("why the organization wants to join"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("application to a body")
        verbose_name_plural = _("applications to bodies")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organization"], condition=Q(status="pending"), name="bodies_application_pending_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} → {self.body}"


class Act(models.Model):
    """A resolution, opinion or position (uchwała, opinia, stanowisko), numbered per term and kind."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", _("Resolution")
        OPINION = "opinion", _("Opinion")
        POSITION = "position", _("Position")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="acts")
    term = models.ForeignKey(Term, verbose_name=_("term"), on_delete=models.PROTECT, related_name="acts")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.RESOLUTION)
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    adopted_on = models.DateField(_("adopted on"))
    concerns = models.CharField(_("the document it concerns"), max_length=300, blank=True)
    summary = models.TextField(_("content"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstaining = models.PositiveSmallIntegerField(_("abstaining"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to="bodies/acts/%Y/", storage=private_storage, blank=True)
    # A sitting is a meeting of the body (events builds on bodies: ``Meeting.body``, reverse ``body.meetings``);
    # named by its label only, so that bodies imports nothing from events.
    sitting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("sitting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acts",
    )
    request = models.ForeignKey(
        "OpinionRequest",
        verbose_name=_("answers the request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="acts",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("act of a body")
        verbose_name_plural = _("acts of bodies")
        ordering = ["-adopted_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["term", "kind", "number"], name="bodies_act_number_per_term"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.title}"

    @property
    def label(self) -> str:
        """ "Uchwała nr 12/2025": the kind, the number in the term and the year adopted."""
        return _("%(kind)s no. %(number)s/%(year)s") % {
            "kind": self.get_kind_display(),
            "number": self.number,
            "year": self.adopted_on.year,
        }


class OpinionRequest(models.Model):
    """The city asks the body for an opinion by a (statutory) deadline; silence after it means a waiver."""

    class Status(models.TextChoices):
        OPEN = "open", _("Awaiting the opinion")
        ANSWERED = "answered", _("Opinion given")
        WAIVED = "waived", _("No opinion by the deadline")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="opinion_requests")
    subject = models.CharField(_("what is to be opined"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    document = models.FileField(_("document"), upload_to="bodies/requests/%Y/", storage=private_storage, blank=True)
    received_on = models.DateField(_("received on"))
    due_on = models.DateField(_("opinion due"))
    legal_basis = models.CharField(_("legal basis of the deadline"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("request for an opinion")
        verbose_name_plural = _("requests for opinions")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(due_on__gte=models.F("received_on")), name="bodies_request_dates")
        ]

    def __str__(self) -> str:
        return self.subject

    def days_left(self, today: datetime.date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days


class Post(models.Model):
    """An announcement or a document in the members' workspace (public to read when the body is transparent)."""

    class Kind(models.TextChoices):
        ANNOUNCEMENT = "announcement", _("Announcement")
        DOCUMENT = "document", _("Document")

    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ANNOUNCEMENT)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"), blank=True)
    file = models.FileField(_("file"), upload_to="bodies/workspace/%Y/", storage=private_storage, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("published"), default=timezone.now)

    class Meta:
        verbose_name = _("workspace post")
        verbose_name_plural = _("workspace posts")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class SittingAttendance(models.Model):
    """Whether a member was at a sitting of their body, as the office recorded it after the sitting: present, or
    absent with the absence excused or unexcused (art. 41g ust. 2 pkt 5: three consecutive unexcused absences are a
    ground for dismissing a council member). A member checked in at the door is present without a record."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present at the sitting")
        EXCUSED = "excused", _("Absent, excused")
        UNEXCUSED = "unexcused", _("Absent, unexcused")

    # A sitting is a meeting of the body (see ``Act.sitting``): named by its label only.
    sitting = models.ForeignKey(
        "events.Meeting", verbose_name=_("sitting"), on_delete=models.CASCADE, related_name="member_attendance"
    )
    membership = models.ForeignKey(
        BodyMembership, verbose_name=_("member"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices)
    note = models.CharField(
        _("reason or note"),
        max_length=300,
        blank=True,
        help_text=_("E.g. why the absence is excused. Seen by the office only."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance at a sitting")
        verbose_name_plural = _("attendance at sittings")
        ordering = ["sitting", "membership"]
        constraints = [
            models.UniqueConstraint(fields=["sitting", "membership"], name="bodies_attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.membership} @ {self.sitting_id}: {self.status}"

    @property
    def is_unexcused(self) -> bool:
        return self.status == self.Status.UNEXCUSED
