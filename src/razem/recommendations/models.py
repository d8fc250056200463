"""Recommendations to city policies (polityka lokalowa, ekonomia społeczna, ...) and their path until done."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Recommendation(models.Model):
    class Source(models.TextChoices):
        BODY = "body", _("A dialogue body or forum")
        MEETING = "meeting", _("A meeting")
        CONSULTATION = "consultation", _("A consultation")
        OTHER = "other", _("Other")

    class PolicyArea(models.TextChoices):
        PREMISES = "premises", _("Premises policy")
        SOCIAL_ECONOMY = "social_economy", _("Social economy")
        COOPERATION = "cooperation", _("Cooperation with NGOs")
        SOCIAL = "social", _("Social policy")
        CULTURE = "culture", _("Culture")
        YOUTH = "youth", _("Youth")
        HEALTH = "health", _("Health")
        DISABILITY = "disability", _("Persons with disabilities")
        ENVIRONMENT = "environment", _("Environment")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", pgettext_lazy("recommendation status", "Submitted")
        ANALYSIS = "analysis", pgettext_lazy("recommendation status", "Under analysis")
        ACCEPTED = "accepted", pgettext_lazy("recommendation status", "Accepted")
        PARTLY_ACCEPTED = "partly_accepted", pgettext_lazy("recommendation status", "Partly accepted")
        REJECTED = "rejected", pgettext_lazy("recommendation status", "Rejected")
        IMPLEMENTING = "implementing", pgettext_lazy("recommendation status", "Being implemented")
        IMPLEMENTED = "implemented", pgettext_lazy("recommendation status", "Implemented")

    number = models.CharField(_("number"), max_length=40, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("recommendation"))
    justification = models.TextField(_("justification"), blank=True)
    source_kind = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.BODY)
    body = models.ForeignKey(
        "bodies.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    meeting = models.ForeignKey(
        "events.Meeting",
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
    )
    source_note = models.CharField(
        _("source (described)"), max_length=300, blank=True, help_text=_("E.g. the consultation it came from.")
    )
    policy_area = models.CharField(_("policy area"), max_length=32, choices=PolicyArea.choices)
    department = models.CharField(_("addressed to (department)"), max_length=200)
    department_email = models.EmailField(
        _("department's e-mail"), blank=True, help_text=_("Reminders of due dates go to this address.")
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    response = models.TextField(_("the department's answer"), blank=True)
    responded_on = models.DateField(_("answered on"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True, help_text=_("When the next step is due."))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0, validators=[MaxValueValidator(100)])
    submitted_on = models.DateField(_("submitted on"), default=timezone.localdate)
    reminded_on = models.DateField(_("last reminder"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-submitted_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="recommendations_progress_range"),
            models.CheckConstraint(
                condition=~Q(source_kind="body") | Q(body__isnull=False), name="recommendations_body_source"
            ),
        ]
        indexes = [models.Index(fields=["status", "policy_area"], name="recommendations_filter")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("recommendations:detail", kwargs={"number": self.number})

    @property
    def source_label(self) -> str:
        if self.source_kind == self.Source.BODY and self.body_id:
            return str(self.body)
        if self.source_kind == self.Source.MEETING and self.meeting_id:
            return str(self.meeting)
        return self.source_note or str(self.get_source_kind_display())

    @property
    def is_answered(self) -> bool:
        return self.status not in {self.Status.SUBMITTED, self.Status.ANALYSIS}

    @property
    def is_closed(self) -> bool:
        return self.status in {self.Status.REJECTED, self.Status.IMPLEMENTED}


class TimelineEntry(models.Model):
    """The public, dated timeline of a recommendation: its steps, progress reports and notes.

    It stays beside the audit log (which the workflow ``services.PATH`` writes for every step) because it holds
    what the log of writes does not: the content published with each step (the department's written answer, what
    has been done, the office's notes) and the date the office states it happened, which may be earlier than the
    day it was recorded (an answer received by post last week). The audit log says who wrote what and when; the
    timeline says what the public reads and on which day it happened.
    """

    class Kind(models.TextChoices):
        STATUS = "status", _("Status changed")
        PROGRESS = "progress", _("Progress")
        NOTE = "note", _("Note")

    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="timeline"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"), default=timezone.localdate)
    status = models.CharField(_("status"), max_length=16, choices=Recommendation.Status.choices, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["recommendation", "date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class Follower(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="followers"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="followed_recommendations",
    )
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [models.UniqueConstraint(fields=["recommendation", "person"], name="recommendations_follow_once")]

    def __str__(self) -> str:
        return f"{self.person} → {self.recommendation}"
