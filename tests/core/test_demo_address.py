"""The demo's links lead to the address it is served on, and its console e-mails can be read."""

from django.core.mail import EmailMultiAlternatives

from razem.cli import demo_base_url
from razem.core.mail import readable


def test_the_demo_address_follows_host_and_port():
    assert demo_base_url([]) == "http://127.0.0.1:8000"
    assert demo_base_url(["--port", "8077"]) == "http://127.0.0.1:8077"
    assert demo_base_url(["--host=localhost", "--port=9000", "--reset"]) == "http://localhost:9000"
    assert demo_base_url(["--host", "::1"]) == "http://[::1]:8000"


def test_a_wildcard_host_becomes_an_address_other_machines_can_open():
    url = demo_base_url(["--host", "0.0.0.0", "--port", "8001"])  # noqa: S104 - the argument, not a bind
    assert url.startswith("http://") and url.endswith(":8001")
    assert "0.0.0.0" not in url  # noqa: S104


def test_a_console_email_shows_the_decoded_text_and_names_the_attachments():
    message = EmailMultiAlternatives(
        "Zaświadczenie: Forum „Razem”", "Dzień dobry,\nłącze: http://127.0.0.1:8077/spotkania/", "a@b.pl", ["c@d.pl"]
    )
    message.attach_alternative("<p>Dzień dobry</p>", "text/html")
    message.attach("zaświadczenie.pdf", b"%PDF-1.4 test", "application/pdf")

    text = readable(message.message())

    assert "Subject: Zaświadczenie: Forum „Razem”" in text
    assert "łącze: http://127.0.0.1:8077/spotkania/" in text
    assert "zaświadczenie.pdf (application/pdf, 13 B)" in text
    assert "base64" not in text and "Content-Transfer-Encoding" not in text
    assert "<p>" not in text
