"""Production settings: `razem check --deploy` is clean, and a missing SECRET_KEY stops the start clearly.

These run `razem` in a separate process, as an operator would, with only the environment variables
docs/deploy.md asks for.
"""

import secrets

import pytest

from tests.core.helpers import run_razem


@pytest.fixture
def production_env(tmp_path) -> dict[str, str]:
    return {
        "RAZEM_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50)[:50],
        "ALLOWED_HOSTS": "razem.example.org",
        "RAZEM_BASE_URL": "https://razem.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'razem.sqlite3'}",
        "RAZEM_VAR_DIR": str(tmp_path / "var"),
    }


def test_the_production_settings_pass_the_deployment_checklist(production_env, tmp_path):
    result = run_razem("check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path, env=production_env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(production_env, tmp_path):
    del production_env["SECRET_KEY"]

    result = run_razem("check", cwd=tmp_path, env=production_env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_is_the_default_when_razem_env_is_not_set(production_env, tmp_path):
    del production_env["RAZEM_ENV"]
    del production_env["SECRET_KEY"]

    result = run_razem("check", cwd=tmp_path, env=production_env)

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_an_unknown_razem_env_is_refused_by_name(production_env, tmp_path):
    production_env["RAZEM_ENV"] = "prod"

    result = run_razem("check", cwd=tmp_path, env=production_env)

    assert result.returncode != 0
    assert "RAZEM_ENV must be production, demo, dev or test, not 'prod'" in result.stderr


def test_a_debug_production_site_fails_the_deployment_checklist(production_env, tmp_path):
    """The check above can fail: switching DEBUG on in production is reported."""
    production_env["RAZEM_DEBUG"] = "1"

    result = run_razem("check", "--deploy", "--fail-level", "WARNING", cwd=tmp_path, env=production_env)

    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout
