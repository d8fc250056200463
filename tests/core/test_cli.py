"""The `razem` command: the demo in one command, and everything manage.py does."""

import re
import sqlite3
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from razem.core.demo import DEMO_ACCOUNTS, VENUES
from tests.core.helpers import run_razem

OFFICER_SECRET = "KRSMZQ2TMNWGK3TLMFZG65DFMRUW4ZZA"


TABLES = [
    "accounts_user",
    "account_emailaddress",
    "mfa_authenticator",
    "core_venue",
    "core_room",
    "core_district",
    "core_publicbenefitarea",
    "core_notification",
]


def counts(database) -> dict[str, int]:
    with sqlite3.connect(database) as connection:
        return {
            table: connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - fixed names
            for table in TABLES
        }


def demo_emails(database) -> list[str]:
    with sqlite3.connect(database) as connection:
        return [row[0] for row in connection.execute("SELECT email FROM accounts_user WHERE email LIKE '%@razem.demo'")]


@pytest.fixture
def demo_env(tmp_path) -> dict[str, str]:
    return {"RAZEM_VAR_DIR": str(tmp_path / "var")}


def test_the_demo_can_be_prepared_twice_without_duplicating_anything(tmp_path, demo_env):
    database = tmp_path / "var" / "razem.sqlite3"

    # The timeout guards against a hang, not a speed: a loaded CI machine running the other tests beside this one
    # may take minutes to load the whole demo.
    first = run_razem("demo", "--no-serve", cwd=tmp_path, env=demo_env, timeout=600)
    after_first = counts(database)
    second = run_razem("demo", "--no-serve", cwd=tmp_path, env=demo_env, timeout=600)
    after_second = counts(database)

    for result in (first, second):
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Razem demo is ready at http://127.0.0.1:8000/" in result.stdout
        assert f"Database: {database}" in result.stdout
        for account in DEMO_ACCOUNTS:
            assert re.search(rf"{re.escape(account.email)}\s+{re.escape(account.password)}", result.stdout)
    assert after_second == after_first
    assert sorted(demo_emails(database)) == sorted(account.email for account in DEMO_ACCOUNTS)
    assert after_second["accounts_user"] >= 3
    assert after_second["core_venue"] == len(VENUES) == 5
    assert after_second["core_district"] == 18
    assert after_second["mfa_authenticator"] == len([a for a in DEMO_ACCOUNTS if a.totp_secret])


def test_the_demo_prints_the_current_second_factor_code_of_a_demo_officer(tmp_path, demo_env):
    result = run_razem("demo", "--code", "urzednik@razem.demo", cwd=tmp_path, env=demo_env)

    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()
    assert re.fullmatch(r"\d{6}", code)
    now = int(time.time()) // 30
    assert code in {format_hotp_value(hotp_value(OFFICER_SECRET, now + shift)) for shift in (-1, 0, 1)}


def test_the_demo_refuses_a_code_for_an_account_without_a_second_factor(tmp_path, demo_env):
    result = run_razem("demo", "--code", "mieszkanka@razem.demo", cwd=tmp_path, env=demo_env)

    assert result.returncode != 0
    assert "mieszkanka@razem.demo is not a demo account with a second factor" in result.stderr


def test_razem_runs_ordinary_management_commands(tmp_path, demo_env):
    result = run_razem("check", cwd=tmp_path, env={**demo_env, "RAZEM_ENV": "dev"})

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_razem_help_lists_its_own_commands(tmp_path, demo_env):
    result = run_razem("help", cwd=tmp_path, env={**demo_env, "RAZEM_ENV": "dev"})

    assert result.returncode == 0, result.stderr
    for command in ("demo", "serve", "worker", "outbox", "load_reference", "migrate"):
        assert re.search(rf"^\s+{command}$", result.stdout, re.MULTILINE), command
