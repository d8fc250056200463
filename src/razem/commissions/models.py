"""The competition commission of a call (art. 15 ust. 2a–2f u.d.p.p.w.): its members, their declarations of
impartiality and conflicts (art. 24 KPA), their scores per offer and criterion, and the commission's opinion."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Member(models.Model):
    """A member appointed by the office: a representative of the Mayor, a person nominated by an NGO in the call's
    recruitment (excluded, with the reason kept, when the nominating organization filed an offer in the call), or
    an expert with an advisory voice only. A member acts in Razem through ``user``."""

    class Role(models.TextChoices):
        MAYOR = "mayor", _("Representative of the Mayor")
        NGO = "ngo", _("Person nominated by an organization")
        EXPERT = "expert", _("Expert with an advisory voice")

    class Ground(models.TextChoices):
        TAKES_PART = "takes_part", _("The nominating organization takes part in the competition (art. 15 ust. 2d)")

    call = models.ForeignKey("grants.Call", on_delete=models.CASCADE, related_name="commission_members")
    role = models.CharField(_("role"), max_length=8, choices=Role.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.PROTECT, related_name="commission_seats"
    )
    full_name = models.CharField(_("full name"), max_length=200)
    nomination = models.OneToOneField(
        "grants.CommissionNomination", null=True, blank=True, on_delete=models.PROTECT, related_name="member"
    )
    chair = models.BooleanField(_("chairs the commission"), default=False)
    excluded = models.BooleanField(_("excluded"), default=False)
    exclusion_reason = models.TextField(_("reason for the exclusion"), blank=True)
    # The category of the exclusion, shown publicly (the reason names the offer).
    exclusion_ground = models.CharField(_("ground of the exclusion"), max_length=16, choices=Ground.choices, blank=True)
    appointed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    appointed_at = models.DateTimeField(_("appointed"), default=timezone.now)

    class Meta:
        verbose_name = _("member of the commission")
        verbose_name_plural = _("members of the commission")
        ordering = ["call", "role", "full_name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="commissions_member_unique_user"),
            models.UniqueConstraint(
                fields=["call"], condition=models.Q(chair=True), name="commissions_member_one_chair"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def votes(self) -> bool:
        """Counts in the average: not an advisory expert, not excluded."""
        return self.role != self.Role.EXPERT and not self.excluded


class Declaration(models.Model):
    """A member's declaration of impartiality for the call, signed in Razem before seeing any offer; the offers the
    member declares a conflict with are in ``Conflict``. ``offers`` are the offers the declaration covers (those
    admitted when it was signed or completed): an offer admitted later is opened only after the member completes
    the declaration for it (``amended_at``)."""

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="declaration")
    text = models.TextField(_("text declared"))
    signed_at = models.DateTimeField(_("signed"), default=timezone.now)
    amended_at = models.DateTimeField(_("completed for later offers"), null=True, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    offers = models.ManyToManyField("grants.Offer", verbose_name=_("offers declared on"), related_name="+")

    class Meta:
        verbose_name = _("declaration of impartiality")
        verbose_name_plural = _("declarations of impartiality")

    def __str__(self) -> str:
        return str(self.member)


class Conflict(models.Model):
    """A member's conflict of interest with one offer (art. 24 KPA): the member cannot open it, score it or see its
    scores."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="conflicts")
    offer = models.ForeignKey("grants.Offer", on_delete=models.CASCADE, related_name="commission_conflicts")
    reason = models.TextField(_("nature of the conflict"))
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [models.UniqueConstraint(fields=["member", "offer"], name="commissions_conflict_unique")]

    def __str__(self) -> str:
        return f"{self.member} / {self.offer}"


class Score(models.Model):
    """A member's points for one offer on one criterion, with the justification."""

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="scores")
    offer = models.ForeignKey("grants.Offer", on_delete=models.CASCADE, related_name="commission_scores")
    criterion = models.ForeignKey("grants.Criterion", on_delete=models.PROTECT, related_name="scores")
    points = models.DecimalField(_("points"), max_digits=5, decimal_places=1)
    justification = models.TextField(_("justification"))
    updated_at = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["member", "offer", "criterion"], name="commissions_score_unique"),
            models.CheckConstraint(condition=models.Q(points__gte=0), name="commissions_score_non_negative"),
        ]
        indexes = [models.Index(fields=["offer", "criterion"], name="commissions_score_offer")]

    def __str__(self) -> str:
        return f"{self.member} / {self.offer} / {self.criterion}: {self.points}"


class Proposal(models.Model):
    """The commission's proposal for one offer: the amount it recommends (the points are the average of the
    voting members' scores, computed)."""

    offer = models.OneToOneField("grants.Offer", on_delete=models.CASCADE, related_name="commission_proposal")
    amount = models.DecimalField(_("proposed grant"), max_digits=14, decimal_places=2)
    remarks = models.TextField(_("remarks"), blank=True)

    class Meta:
        verbose_name = _("proposal of the commission")
        verbose_name_plural = _("proposals of the commission")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="commissions_proposal_non_negative")
        ]

    def __str__(self) -> str:
        return f"{self.offer}: {self.amount}"


class Opinion(models.Model):
    """The commission's opinion on a call, adopted at its sitting; adopting it writes the points and the proposed
    amounts onto the offers (``grants.Offer.points``, ``proposed_grant``) and issues the protocol PDF."""

    call = models.OneToOneField("grants.Call", on_delete=models.CASCADE, related_name="commission_opinion")
    sat_on = models.DateField(_("date of the sitting"))
    place = models.CharField(_("place of the sitting"), max_length=300, blank=True)
    present = models.ManyToManyField(Member, verbose_name=_("members present"), related_name="+", blank=True)
    text = models.TextField(_("opinion of the commission"), blank=True)
    adopted_at = models.DateTimeField(_("adopted"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("opinion of the commission")
        verbose_name_plural = _("opinions of the commission")

    def __str__(self) -> str:
        return str(self.call)
