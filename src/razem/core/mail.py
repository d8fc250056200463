"""A console e-mail backend people can read: the demo prints each message as its headers, its decoded text part and
the names of its attachments, instead of raw MIME with base64 and quoted-printable bodies."""

from email.message import EmailMessage as MimeMessage
from typing import Any

from django.core.mail.backends.console import EmailBackend as DjangoConsoleBackend

RULE = "-" * 79


def readable(mime: MimeMessage) -> str:
    """The message as a person reads it: From, To, Subject (decoded), the plain-text body, the attachments."""
    lines = [f"{name}: {mime[name]}" for name in ("Date", "From", "To", "Cc", "Reply-To", "Subject") if mime[name]]
    text = ""
    attachments: list[str] = []
    for part in mime.walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if filename or part.get_content_disposition() == "attachment":
            size = len(part.get_payload(decode=True) or b"")
            attachments.append(f"  - {filename or '(no name)'} ({part.get_content_type()}, {size:,} B)")
        elif part.get_content_type() == "text/plain" and not text:
            text = str(part.get_content())
    if not text:
        text = "(no plain-text part; the HTML part is not printed)"
    lines += ["", text.rstrip()]
    if attachments:
        lines += ["", "Attachments:", *attachments]
    return "\n".join(lines)


class EmailBackend(DjangoConsoleBackend):
    """Django's console backend, printing :func:`readable` instead of the raw message."""

    def write_message(self, message: Any) -> None:
        self.stream.write(f"{readable(message.message())}\n{RULE}\n")
