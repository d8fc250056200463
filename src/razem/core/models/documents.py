from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from razem.core.files import private_storage


class DocumentSnapshot(models.Model):
    """A PDF as it was issued (a certificate, a protocol, later offers and contracts), never changed afterwards.

    ``content_sha256`` is the checksum of what the document says (printed in its footer, so a paper copy can be
    matched to the record); ``file_sha256`` is the checksum of the PDF file stored."""

    kind = models.CharField(_("kind"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/", storage=private_storage)
    content_sha256 = models.CharField(_("checksum of the content"), max_length=64, db_index=True)
    file_sha256 = models.CharField(_("checksum of the file"), max_length=64)
    size = models.PositiveIntegerField(_("size"), default=0)
    created_at = models.DateTimeField(_("issued"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "kind"], name="core_document_object")]

    def __str__(self) -> str:
        return self.title

    @property
    def short_checksum(self) -> str:
        """The checksum as printed: the first 16 hexadecimal digits, in groups of four."""
        head = self.content_sha256[:16].upper()
        return "-".join(head[i : i + 4] for i in range(0, 16, 4))
