"""Small helpers shared by the core and accounts tests."""

import html
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.http import HttpResponse
from django.utils import translation

POLISH_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "pl" / "LC_MESSAGES" / "django.mo"


def in_polish(message: str, context: str = "") -> str:
    """What a Polish visitor sees for one of our source strings (the source itself until it is translated)."""
    with translation.override("pl"):
        return translation.pgettext(context, message) if context else translation.gettext(message)


def in_polish_plural(singular: str, plural: str, count: int) -> str:
    """The Polish form of a plural message for ``count`` (1 dzień, 2 dni, 5 dni)."""
    with translation.override("pl"):
        return translation.ngettext(singular, plural, count)


def in_english(message: str) -> str:
    with translation.override("en"):
        return translation.gettext(message)


def assert_translated_to_polish(message: str) -> None:
    """A Polish visitor does not see this English source string: the Polish catalogue translates it."""
    assert POLISH_CATALOGUE.exists(), "the Polish catalogue is not compiled: run `razem compilemessages`"
    assert in_polish(message) != message, f"{message!r} has no Polish translation"


def text_of(response: HttpResponse) -> str:
    """The page as a reader sees it: HTML entities decoded (an apostrophe is &#x27; in the source)."""
    return html.unescape(response.content.decode())


# Running the `razem` command as an operator would, in a separate process.

# Variables the test run itself sets (pytest-django, settings_test) or that a developer's shell may carry.
_INHERITED = (
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
    "STATIC_ROOT",
    "MEDIA_ROOT",
    "PRIVATE_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by the browser tests in this process
)


def razem_command() -> list[str]:
    """The installed `razem` script next to this Python, or the module when it is not installed."""
    script = Path(sys.executable).with_name("razem")
    return [str(script)] if script.exists() else [sys.executable, "-m", "razem.cli"]


def run_razem(*args: str, cwd: Path, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("RAZEM_") and k not in _INHERITED}
    return subprocess.run(  # noqa: S603 - a fixed command line built by the test
        [*razem_command(), *args],
        cwd=cwd,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
