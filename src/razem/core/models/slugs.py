from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SlugRedirect(models.Model):
    """An address fragment an object had before: a link with it answers 301 to the object's current address
    (``core.slugs``). The object is found by ``object_id``, so a chain of renames leads to its latest slug."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.CASCADE, related_name="+"
    )
    old_slug = models.CharField(_("old address fragment"), max_length=200)
    object_id = models.PositiveBigIntegerField(_("object id"))
    created_at = models.DateTimeField(_("changed"), default=timezone.now)

    class Meta:
        verbose_name = _("old address")
        verbose_name_plural = _("old addresses")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["content_type", "old_slug"], name="core_slugredirect_unique_old_slug")
        ]

    def __str__(self) -> str:
        return self.old_slug
