"""The NGO registry: organizations, the people who act for them, invitations and imports."""

import hashlib
import secrets

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.models import District, PublicBenefitArea
from razem.core.text import fold as fold  # moved to the kernel; still importable from here
from razem.core.text import slugify_pl


class TargetGroup(models.Model):
    """Reference list of the people an organization works for (seniors, children, migrants...)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    class LegalForm(models.TextChoices):
        ASSOCIATION = "stowarzyszenie", _("Association (stowarzyszenie)")
        FOUNDATION = "fundacja", _("Foundation (fundacja)")
        ORDINARY_ASSOCIATION = "stowarzyszenie_zwykle", _("Ordinary association (stowarzyszenie zwykłe)")
        SOCIAL_COOPERATIVE = "spoldzielnia_socjalna", _("Social cooperative (spółdzielnia socjalna)")
        SCHOOL_SPORTS_CLUB = "uks", _("School sports club (uczniowski klub sportowy)")
        RURAL_WOMENS_CIRCLE = "kgw", _("Rural women's circle (koło gospodyń wiejskich)")
        CHURCH_ENTITY = "koscielna_osoba_prawna", _("Church legal person or organizational unit")
        NONPROFIT_COMPANY = "spolka_non_profit", _("Non-profit company (spółka non-profit)")
        SPORTS_CLUB = "klub_sportowy", _("Sports club (klub sportowy)")
        LOCAL_GOVERNMENT_ASSOCIATION = "stowarzyszenie_jst", _("Association of local governments")
        OTHER = "inna", _("Other entity of art. 3 ust. 3")

    class RegisterType(models.TextChoices):
        KRS = "krs", _("National Court Register (KRS)")
        LOCAL = "ewidencja", _("Local register kept by the starost / city mayor")
        KGW = "kgw", _("Register of rural women's circles (ARiMR)")
        OTHER = "inny", _("Other register")
        NONE = "brak", _("Not registered")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting verification")
        VERIFIED = "verified", _("Verified")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")
        DISSOLVED = "dissolved", _("Dissolved")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("address fragment"), max_length=120, allow_unicode=False)
    legal_form = models.CharField(_("legal form"), max_length=32, choices=LegalForm.choices)
    register_type = models.CharField(
        _("register"), max_length=16, choices=RegisterType.choices, default=RegisterType.KRS
    )
    krs = models.CharField(_("KRS number"), max_length=10, blank=True)
    register_number = models.CharField(_("number in another register"), max_length=50, blank=True)
    nip = models.CharField(_("NIP"), max_length=10, blank=True)
    regon = models.CharField(_("REGON"), max_length=14, blank=True)
    is_opp = models.BooleanField(_("public benefit organization (OPP)"), default=False)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Kraków")
    district = models.ForeignKey(
        District, verbose_name=_("district"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    areas = models.ManyToManyField(
        PublicBenefitArea, verbose_name=_("public-benefit areas"), blank=True, related_name="organizations"
    )
    target_groups = models.ManyToManyField(
        TargetGroup, verbose_name=_("target groups"), blank=True, related_name="organizations"
    )
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organizations/logos/%Y/", blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    facebook = models.URLField(_("Facebook"), blank=True)
    instagram = models.URLField(_("Instagram"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True)
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered in Razem"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # How the organization is represented (KRS "sposób reprezentacji", or as its statute says) and how many of its
    # representatives must sign together when none who may sign alone signs (see ``Representative``).
    representation_rule = models.TextField(_("representation rule"), blank=True)
    signatures_required = models.PositiveSmallIntegerField(
        _("signatures required together"), default=1, validators=[MinValueValidator(1)]
    )
    # The last KRS extract fetched for this organization (parsed, see krs.py) and when.
    krs_extract = models.JSONField(_("KRS extract"), null=True, blank=True, editable=False)
    krs_checked_at = models.DateTimeField(_("KRS checked"), null=True, blank=True, editable=False)
    # Name, short name, KRS and description folded to lower case without diacritics, for search.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(fields=["krs"], condition=~Q(krs=""), name="organizations_unique_krs"),
            models.CheckConstraint(condition=Q(krs="") | Q(krs__regex=r"^[0-9]{10}$"), name="organizations_krs_format"),
        ]
        indexes = [
            models.Index(fields=["status", "name"], name="organizations_status_name"),
            models.Index(fields=["status", "district"], name="organizations_status_district"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organizations:detail", kwargs={"pk": self.pk, "slug": self.slug or "o"})

    def refresh_derived(self) -> None:
        """Recompute the slug and the folded search text from the fields they come from."""
        self.slug = slugify_pl(self.short_name or self.name, max_length=120, default="organizacja")
        self.search_text = " ".join(fold(p) for p in [self.name, self.short_name, self.krs, self.description] if p)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.VERIFIED

    @property
    def nip_display(self) -> str:
        n = self.nip
        return f"{n[0:3]}-{n[3:6]}-{n[6:8]}-{n[8:10]}" if len(n) == 10 else n

    @property
    def address(self) -> str:
        return ", ".join(p for p in [self.street, f"{self.postal_code} {self.city}".strip()] if p)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> "MembershipQuerySet":
        return self.filter(status=Membership.Status.ACTIVE)

    def acting(self) -> "MembershipQuerySet":
        """Active memberships whose people may act for the organization (``Membership.ACTING_ROLES``)."""
        return self.active().filter(role__in=Membership.ACTING_ROLES)


class Membership(models.Model):
    """A person's role in an organization."""

    class Role(models.TextChoices):
        ADMIN = "admin", _("Organization administrator")
        REPRESENTATIVE = "representative", _("Representative")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Asked to join")
        ACTIVE = "active", _("Active")
        DECLINED = "declined", _("Declined")

    # Who may act for the organization (sign on its behalf in Razem): its administrators and representatives.
    ACTING_ROLES = (Role.ADMIN, Role.REPRESENTATIVE)

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["organization", "user"], name="organizations_one_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organization} ({self.get_role_display()})"

    @property
    def may_act(self) -> bool:
        return self.status == self.Status.ACTIVE and self.role in self.ACTING_ROLES

    @property
    def role_label(self) -> str:
        """The role in the person's grammatical gender ("Przedstawicielka"), neutral when they did not choose."""
        from razem.organizations.roles import membership_role_label

        return membership_role_label(self)


class Representative(models.Model):
    """A person entitled to represent the organization (to sign for it) as its register shows: the board from the
    KRS extract, or entered by the organization's administrator for other registers. Who signs an offer is chosen
    from these; ``Organization.signatures_required`` of them sign together unless one who ``signs_alone`` does."""

    class Source(models.TextChoices):
        KRS = "krs", _("KRS extract")
        MANUAL = "manual", _("Entered by the organization")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="representatives"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    full_name = models.CharField(_("full name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    signs_alone = models.BooleanField(_("may sign alone"), default=False)
    source = models.CharField(_("source"), max_length=8, choices=Source.choices, default=Source.MANUAL)

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["organization", "position", "id"]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.function})" if self.function else self.full_name


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class Invitation(models.Model):
    """An e-mail invitation to join an organization. The link works once and expires."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > timezone.now()


def private_storage() -> Storage:
    return storages["private"]


class ImportJob(models.Model):
    """A CSV/XLSX import of organizations run by the worker, with its progress and its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Running")
        DONE = "done", _("Finished")
        FAILED = "failed", _("Failed")

    file = models.FileField(_("file"), upload_to="imports/organizations/%Y/%m/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("processed"), default=0)
    created_count = models.PositiveIntegerField(_("added"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    error_count = models.PositiveIntegerField(_("rejected"), default=0)
    # [{"line": 7, "errors": ["NIP: ..."]}, ...]
    errors = models.JSONField(_("rejected rows"), default=list, blank=True)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        verbose_name = _("organization import")
        verbose_name_plural = _("organization imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0
