"""Browser tests: Playwright drives the system Chromium against pytest-django's live server.

The browser is the one the operating system provides (/usr/bin/chromium); Playwright never downloads one.
Without it every browser test is skipped, unless RAZEM_REQUIRE_BROWSER=1 (CI), which turns the skip into a failure.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an asyncio event loop in the test thread; Django would otherwise refuse ORM calls there.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

SYSTEM_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_BROWSER = (
    "System Chromium not found: install it with `apt-get install chromium` (Debian) — "
    "browser tests need /usr/bin/chromium"
)


def chromium_executable() -> str | None:
    if Path(SYSTEM_CHROMIUM).exists():
        return SYSTEM_CHROMIUM
    return shutil.which("chromium")


def _no_browser(reason: str) -> None:
    if os.environ.get("RAZEM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (RAZEM_REQUIRE_BROWSER=1, so this is a failure, not a skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = chromium_executable()
    if executable is None:
        _no_browser(MISSING_BROWSER)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _no_browser("Playwright for Python is not installed: run `uv sync` — browser tests need it")
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
    except Exception:
        playwright.stop()
        raise
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def context(browser, live_server) -> Iterator:
    """A fresh browser profile per test: no cookies, Polish, a desktop-sized window."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="pl-PL",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context) -> Iterator:
    page = context.new_page()
    # Remember what the console said: Content-Security-Policy violations show up there.
    page.console_errors = []  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))  # type: ignore[attr-defined]
    yield page
    page.close()
