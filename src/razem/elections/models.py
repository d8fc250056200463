"""Elections of NGO representatives to dialogue bodies: one secret, verifiable ballot per organization.

Secrecy is a property of the schema: ``Ballot`` has a random UUID key, no foreign key to an organization or a
person, no timestamp and no sequence; ``Elector`` records *that* an organization voted (and how: online or on
paper), never *how*. docs/elections.md states the threat model.
"""

import datetime
import hashlib
import uuid

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
from razem.elections.schedule import SCHEDULE


def tracker_hash(tracker: str) -> str:
    """SHA-256 (hex) of a ballot tracker as the voter received it, normalised: upper case, no spaces or dashes."""
    normalized = "".join(ch for ch in (tracker or "").upper() if ch.isalnum())
    return hashlib.sha256(normalized.encode("ascii", "ignore")).hexdigest()


@keeps_old_slugs
class Election(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("election status", "Draft")
        ANNOUNCED = "announced", pgettext_lazy("election status", "Announced")
        CANCELLED = "cancelled", pgettext_lazy("election status", "Cancelled")

    class Phase(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("election phase", "In preparation")
        UPCOMING = "upcoming", pgettext_lazy("election phase", "Announced")
        NOMINATIONS = "nominations", pgettext_lazy("election phase", "Nominations")
        SUPPORT = "support", pgettext_lazy("election phase", "Support for candidates")
        VERIFICATION = "verification", pgettext_lazy("election phase", "Verification of candidates")
        WAITING = "waiting", pgettext_lazy("election phase", "Before the vote")
        VOTING = "voting", pgettext_lazy("election phase", "Voting")
        COUNTING = "counting", pgettext_lazy("election phase", "Counting")
        RESULTS = "results", pgettext_lazy("election phase", "Results published")
        CANCELLED = "cancelled", pgettext_lazy("election phase", "Cancelled")

    body = models.ForeignKey("bodies.Body", verbose_name=_("body"), on_delete=models.PROTECT, related_name="elections")
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address fragment"), max_length=80, unique=True)
    term_name = models.CharField(_("term filled"), max_length=100, help_text=_('E.g. "VII kadencja 2028–2031".'))
    description = models.TextField(_("rules and information"), blank=True)
    seats = models.PositiveSmallIntegerField(_("seats to fill"))
    max_marks = models.PositiveSmallIntegerField(_("most candidates a ballot may mark"))
    support_needed = models.PositiveSmallIntegerField(_("supporting organizations a candidate needs"), default=0)
    max_supports_per_organization = models.PositiveSmallIntegerField(
        _("most candidates one organization may support"), null=True, blank=True
    )
    # The eligibility rule of the electorate.
    seat_city = models.CharField(_("organizations seated in"), max_length=100, default="Kraków")

    class RegistrationDate(models.TextChoices):
        RAZEM = "razem", _("Registration in Razem")
        KRS = "krs", _("Entry in the KRS (National Court Register)")

    registered_before = models.DateField(
        _("registered before"), null=True, blank=True, help_text=_("Leave empty for no cut-off date.")
    )
    registration_date = models.CharField(
        _("the registration date the cut-off applies to"),
        max_length=8,
        choices=RegistrationDate.choices,
        default=RegistrationDate.RAZEM,
        help_text=_(
            "KRS: the date of entry in the KRS from the extract Razem keeps for the organization; an organization "
            "without one is not eligible until the office fetches its KRS extract."
        ),
    )
    areas = models.ManyToManyField(
        PublicBenefitArea,
        verbose_name=_("active in these public-benefit areas"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty for every area."),
    )
    # The calendar; each step must follow the one before.
    nominations_open = models.DateTimeField(_("nominations open"))
    nominations_close = models.DateTimeField(_("nominations close"))
    support_close = models.DateTimeField(_("support closes"))
    verification_close = models.DateTimeField(_("verification ends"))
    voting_open = models.DateTimeField(_("voting opens"))
    voting_close = models.DateTimeField(_("voting closes"))
    results_due = models.DateField(_("results published by"))
    debate = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("candidates' debate"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    previous = models.ForeignKey(
        "self",
        verbose_name=_("previous election of the body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    electorate_frozen_at = models.DateTimeField(_("electorate frozen"), null=True, blank=True)
    electorate_size = models.PositiveIntegerField(_("electorate"), null=True, blank=True)
    closed_at = models.DateTimeField(_("counted"), null=True, blank=True)
    ballots_cast = models.PositiveIntegerField(_("ballots cast"), null=True, blank=True)
    invalid_ballots = models.PositiveIntegerField(_("invalid ballots"), null=True, blank=True)
    tie_note = models.TextField(_("decision by lot"), blank=True)
    results_published_at = models.DateTimeField(_("results published"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-voting_open", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_close__gt=models.F("nominations_open"))
                & Q(support_close__gte=models.F("nominations_close"))
                & Q(verification_close__gte=models.F("support_close"))
                & Q(voting_open__gte=models.F("verification_close"))
                & Q(voting_close__gt=models.F("voting_open")),
                name="elections_calendar_order",
            ),
            models.CheckConstraint(condition=Q(max_marks__gte=1), name="elections_max_marks_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("elections:detail", kwargs={"slug": self.slug})

    def phase(self, now: datetime.datetime | None = None) -> str:
        """The step the election is in at ``now``: the one declaration of ``razem.elections.schedule``."""
        return SCHEDULE.current(self, now)

    def get_phase_display(self) -> str:
        return str(self.Phase(self.phase()).label)

    @property
    def turnout(self) -> float | None:
        if not self.electorate_size or self.ballots_cast is None:
            return None
        return self.ballots_cast / self.electorate_size


class CandidateList(models.Model):
    """Optional lists per area, each with its own limit of marks."""

    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="lists")
    name = models.CharField(_("name"), max_length=200)
    max_marks = models.PositiveSmallIntegerField(_("most marks on this list"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("list of candidates")
        verbose_name_plural = _("lists of candidates")
        ordering = ["election", "position", "id"]

    def __str__(self) -> str:
        return self.name


class Candidacy(models.Model):
    class Status(models.TextChoices):
        AWAITING_CONSENT = "awaiting_consent", _("Awaiting the candidate's consent")
        SUBMITTED = "submitted", pgettext_lazy("candidacy status", "Submitted")
        ACCEPTED = "accepted", pgettext_lazy("candidacy status", "Accepted")
        REJECTED = "rejected", pgettext_lazy("candidacy status", "Rejected")
        WITHDRAWN = "withdrawn", pgettext_lazy("candidacy status", "Withdrawn")

    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="candidacies"
    )
    candidate_list = models.ForeignKey(
        CandidateList,
        verbose_name=_("list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name=_("nominated by"),
        on_delete=models.PROTECT,
        related_name="candidacies",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="candidacies"
    )
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("nominated by (person)"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    statement = models.TextField(_("statement"))
    biography = models.TextField(_("short biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="elections/photos/%Y/", storage=private_storage, blank=True)
    consent_at = models.DateTimeField(_("candidate's consent"), null=True, blank=True)
    declarations_at = models.DateTimeField(_("candidate's declarations"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AWAITING_CONSENT, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    ballot_number = models.PositiveSmallIntegerField(_("number on the ballot"), null=True, blank=True)
    votes = models.PositiveIntegerField(_("votes"), null=True, blank=True)
    elected = models.BooleanField(_("elected"), null=True, blank=True)
    tied = models.BooleanField(_("tied at the last seat"), default=False)
    created_at = models.DateTimeField(_("nominated"), default=timezone.now)

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        ordering = ["election", "ballot_number", "person__full_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["election", "organization"],
                condition=~Q(status="withdrawn"),
                name="elections_one_candidacy_per_organization",
            ),
            models.UniqueConstraint(
                fields=["election", "person"], condition=~Q(status="withdrawn"), name="elections_candidate_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.organization})"


class Support(models.Model):
    candidacy = models.ForeignKey(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="supports"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("given by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [models.UniqueConstraint(fields=["candidacy", "organization"], name="elections_support_once")]

    def __str__(self) -> str:
        return f"{self.organization} → {self.candidacy}"


class Elector(models.Model):
    """An organization of the frozen electorate, and whether (not how) it has voted."""

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        PAPER = "paper", _("Paper ballot")

    election = models.ForeignKey(
        Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="electors"
    )
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )
    voted_at = models.DateTimeField(_("voted"), null=True, blank=True)
    channel = models.CharField(_("how"), max_length=8, choices=Channel.choices, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electorate")
        constraints = [models.UniqueConstraint(fields=["election", "organization"], name="elections_elector_once")]
        indexes = [models.Index(fields=["election", "voted_at"], name="elections_turnout")]

    def __str__(self) -> str:
        return f"{self.organization} ({self.election})"


class Ballot(models.Model):
    """One anonymous ballot: which candidates it marks, and the hash of the tracker its voter received.

    No link to the organization or the person, no timestamp, no sequential key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, verbose_name=_("election"), on_delete=models.CASCADE, related_name="ballots")
    tracker_sha256 = models.CharField(_("SHA-256 of the tracker"), max_length=64, unique=True, null=True, blank=True)
    choices = models.JSONField(_("marked candidates"), default=list)
    is_valid = models.BooleanField(_("valid"), default=True)

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        ordering = ["election", "tracker_sha256", "id"]

    def __str__(self) -> str:
        return str(self.id)
