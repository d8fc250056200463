from typing import Any, ClassVar

import rules
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core import gender


class UserQuerySet(models.QuerySet["User"]):
    def city_staff(self) -> "UserQuerySet":
        """Active city officers and administrators: the office (``User.STAFF_ROLES``)."""
        return self.filter(role__in=User.STAFF_ROLES, is_active=True)


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def city_staff(self) -> UserQuerySet:
        return self.get_queryset().city_staff()

    def _create_user(self, email: str, password: str | None, **extra: Any) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("role", User.Role.RESIDENT)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra["role"] = User.Role.ADMINISTRATOR
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Roles inside organizations and bodies live in their own apps."""

    class Role(models.TextChoices):
        RESIDENT = "resident", _("Resident")
        OFFICER = "officer", _("City officer")
        ADMINISTRATOR = "administrator", _("Administrator")

    class GrammaticalGender(models.TextChoices):
        """How the person is addressed and named in positions ("Przewodnicząca" / "Przewodniczący"); neutral forms
        unless they chose (``razem.core.gender``)."""

        FEMININE = gender.FEMININE, _("Ms (feminine forms)")
        MASCULINE = gender.MASCULINE, _("Mr (masculine forms)")
        UNSPECIFIED = gender.UNSPECIFIED, _("Not given (neutral forms)")

    # The city staff, defined once: the people who work in the office panel and must use a second factor.
    STAFF_ROLES = (Role.OFFICER, Role.ADMINISTRATOR)

    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    grammatical_gender = models.CharField(
        _("how we address you"),
        max_length=12,
        choices=GrammaticalGender.choices,
        default=GrammaticalGender.UNSPECIFIED,
        help_text=_(
            "We name your positions and roles with it, also where others see them (e.g. chair of a dialogue body)."
        ),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.RESIDENT)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def is_staff(self) -> bool:  # type: ignore[override]
        """Only administrators reach the Django admin; officers work in /panel/."""
        return self.role == self.Role.ADMINISTRATOR and self.is_active

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Permissions come from ``rules``; nobody bypasses an object rule, administrators included.

        Administrators keep Django's model permissions that no rule defines, so the Django admin works for them.
        """
        if not self.is_active:
            return False
        if self.role == self.Role.ADMINISTRATOR and obj is None and not rules.perm_exists(perm):
            return True
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_staff or super().has_module_perms(app_label)

    @property
    def is_city_staff(self) -> bool:
        """City officers and administrators: the people who must use a second factor."""
        return self.role in self.STAFF_ROLES

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email
