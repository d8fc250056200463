"""`razem backup` and `razem restore`: a whole installation, every model filled, comes back without a difference.

The round trip runs as an operator would: separate `razem` processes on a real database (an SQLite file, or
fresh PostgreSQL databases when the suite runs with a postgres DATABASE_URL) and real file folders. Run as a module
(`python -m tests.core.test_backup fill|canon`), this file is also the helper those processes use to fill an
installation and to print a canonical dump of it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.core.helpers import run_razem

ROOT = Path(__file__).resolve().parents[2]

# Models the demo leaves empty are filled by `fill` below; a model that cannot be filled would be listed here with
# the reason. None is.
EXEMPT: dict[str, str] = {}

# A 1x1 transparent PNG: an organization's logo, the public upload in MEDIA_ROOT.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000001"
    "e221bc330000000049454e44ae426082"
)


# Run inside a `razem` environment (python -m tests.core.test_backup ...) ---------------------------------------


def _fill() -> None:
    """Migrate, load the demo, then give every model the demo leaves empty one row; print the empty models."""
    import datetime
    from decimal import Decimal

    from django.apps import apps
    from django.core.files.base import ContentFile
    from django.core.management import call_command
    from django.utils import timezone

    from razem.commissions.models import Opinion
    from razem.core.demo import load_demo
    from razem.core.models import DocumentSnapshot
    from razem.elections.models import CandidateList, Election
    from razem.grants.models import Call, Correction, DraftInput, Offer
    from razem.organizations.models import Organization
    from razem.reports.models import IncomeRow, Report

    call_command("migrate", interactive=False, verbosity=0)
    load_demo()
    if not DocumentSnapshot.objects.exists():
        snapshot = DocumentSnapshot(
            kind="backup-test", object_type="core.test", object_id="1", title="Zaświadczenie testowe"
        )
        content = b"%PDF-1.4 backup test\n"
        snapshot.content_sha256 = snapshot.file_sha256 = hashlib.sha256(content).hexdigest()
        snapshot.size = len(content)
        snapshot.file.save("zaswiadczenie.pdf", ContentFile(content), save=True)
    if not CandidateList.objects.exists():
        CandidateList.objects.create(election=Election.objects.first(), name="Lista sportowa", max_marks=2)
    if not Correction.objects.exists():
        Correction.objects.create(call=Call.objects.first(), number=1, notice="Sprostowanie terminu.", changes=[])
    if not DraftInput.objects.exists():
        DraftInput.objects.create(offer=Offer.objects.first(), section="backup-test", data={"title": "Szkic ż"})
    if not Opinion.objects.exists():
        call = Call.objects.filter(commission_opinion__isnull=True).first()
        Opinion.objects.create(call=call, sat_on=datetime.date(2026, 11, 20), text="Opinia komisji.")
    if not IncomeRow.objects.exists():
        IncomeRow.objects.create(
            report=Report.objects.first(), kind="other", year=2026, description="Wpłaty", amount=Decimal("120.50")
        )
    redirect = apps.get_model("core", "SlugRedirect")
    if not redirect.objects.exists():  # the demo renames nothing
        body = apps.get_model("bodies", "Body").objects.order_by("pk").first()
        content_type = apps.get_model("contenttypes", "ContentType").objects.get_for_model(body)
        redirect.objects.create(content_type=content_type, object_id=body.pk, old_slug="dawna-nazwa-ciala")
    if apps.is_installed("razem.identity"):  # sign-in through login.gov.pl: no demo data (no simulator in the demo)
        identity, consumed = apps.get_model("identity", "GovIdentity"), apps.get_model("identity", "ConsumedMessage")
        if not identity.objects.exists():
            user = apps.get_model("accounts", "User").objects.order_by("pk").first()
            identity.objects.create(user=user, identifier_hash="a" * 64, environment="symulator")
        if not consumed.objects.exists():
            consumed.objects.create(kind="artifact", digest="b" * 64)
    organization = Organization.objects.order_by("pk").first()
    assert organization is not None
    organization.logo.save("logo.png", ContentFile(PNG), save=True)
    organization.refresh_from_db()
    assert organization.logo.name
    # A timestamp with microseconds: the dump and restore must keep them.
    DraftInput.objects.filter(section="backup-test").update(saved_at=timezone.now())

    empty = [
        model._meta.label
        for model in apps.get_models()
        if model.__module__.startswith("razem.")
        and model._meta.managed
        and not model._meta.proxy
        and not model._base_manager.exists()
    ]
    print(json.dumps({"empty": empty}))


def _json_value(value: Any) -> Any:
    if isinstance(value, memoryview | bytes):
        return bytes(value).hex()
    return str(value)


def _canon() -> None:
    """Every table, its rows in a canonical order, as a count and a SHA-256 per table."""
    from django.apps import apps
    from django.db import connection

    # The rows of a plain many-to-many table are recreated by a portable restore: their own ids are not data.
    links = {
        field.remote_field.through._meta.db_table
        for model in apps.get_models()
        for field in model._meta.local_many_to_many
        if field.remote_field.through._meta.auto_created
    }
    quote = connection.ops.quote_name
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            if table in links:
                columns = [c for c in columns if c != "id"]
            listed = ", ".join(quote(c) for c in columns)
            cursor.execute(f"SELECT {listed} FROM {quote(table)}")  # noqa: S608 - names from the schema
            rows = sorted(json.dumps(list(row), default=_json_value, sort_keys=True) for row in cursor.fetchall())
            result[table] = [len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest()]
    print(json.dumps(result))


# The tests ------------------------------------------------------------------------------------------------------


def _postgres_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else ""


class Installation:
    """One installation: a var folder with its media and private folders, and a database."""

    def __init__(self, folder: Path, database_url: str = "") -> None:
        self.folder = folder
        self.database_url = database_url
        self.unchanged: dict[str, Any] = {}  # what ``canon()`` and ``files()`` found, for an installation kept as is
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def env(self) -> dict[str, str]:
        env = {
            "RAZEM_ENV": "demo",
            "RAZEM_VAR_DIR": str(self.folder),
            "MEDIA_ROOT": str(self.folder / "media"),
            "PRIVATE_ROOT": str(self.folder / "private"),
        }
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        return env

    def razem(self, *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
        return run_razem(*args, cwd=self.folder, env=self.env, timeout=timeout)

    def helper(self, action: str, timeout: int = 900) -> dict[str, Any]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("RAZEM_") and k != "DATABASE_URL"}
        result = subprocess.run(  # noqa: S603 - a fixed command line built by the test
            [sys.executable, "-c", f"import django; django.setup(); from tests.core.test_backup import _{action}; "
             f"_{action}()"],
            cwd=ROOT,
            env={**clean, **self.env, "DJANGO_SETTINGS_MODULE": "razem.settings", "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )  # fmt: skip
        assert result.returncode == 0, result.stdout + result.stderr
        return json.loads(result.stdout.strip().splitlines()[-1])

    def canon(self) -> dict[str, Any]:
        """The canonical dump (a process of its own); read once for an installation no test changes."""
        if "canon" in self.unchanged:
            return self.unchanged["canon"]
        return self.helper("canon")

    def files(self) -> dict[str, str]:
        if "files" in self.unchanged:
            return self.unchanged["files"]
        checksums = {}
        for root_name in ("media", "private"):
            root = self.folder / root_name
            for path in sorted(root.rglob("*")):
                if path.is_file():
                    checksums[f"{root_name}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
        return checksums


@pytest.fixture(scope="module")
def postgres_databases() -> Iterator[Any]:
    """Makes fresh PostgreSQL databases beside the test database, and drops them at the end."""
    url = _postgres_url()
    made: list[str] = []

    def make() -> str:
        import psycopg

        name = f"razem_backup_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(_server_url(url, "postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        made.append(name)
        return _server_url(url, name)

    yield make
    if made:
        import psycopg

        with psycopg.connect(_server_url(url, "postgres"), autocommit=True) as connection:
            for name in made:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _server_url(url: str, database: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{database}"


VENDORS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(not _postgres_url(), reason="PostgreSQL is tested when DATABASE_URL is postgres"),
    ),
]


@pytest.fixture(scope="module", params=VENDORS)
def source(request, tmp_path_factory, postgres_databases) -> Installation:
    """A filled installation (the demo, plus a row for every model the demo leaves empty, plus a logo)."""
    vendor = request.param
    url = postgres_databases() if vendor == "postgresql" else ""
    installation = Installation(tmp_path_factory.mktemp(f"source-{vendor}"), url)
    filled = installation.helper("fill")
    empty = {label for label in filled["empty"] if label not in EXEMPT}
    assert not empty, f"models without a row after filling: {sorted(empty)}"
    # The tests only back the source up, which reads it: its dump and files are read once, here.
    installation.unchanged = {"canon": installation.helper("canon"), "files": installation.files()}
    return installation


@pytest.fixture(scope="module")
def archive_of_source(source, tmp_path_factory) -> Path:
    """A backup of the source made with ``razem backup -o``, for the tests that only read or restore it."""
    archive = tmp_path_factory.mktemp("archive") / "razem.tar.gz"
    made = source.razem("backup", "-o", str(archive))
    assert made.returncode == 0, made.stdout + made.stderr
    return archive


@pytest.fixture
def fresh(tmp_path, source, postgres_databases) -> Installation:
    return Installation(tmp_path / "restored", postgres_databases() if source.database_url else "")


def test_a_backup_restored_into_a_fresh_installation_has_every_row_and_file(source, fresh, tmp_path):
    archive = tmp_path / "backups" / "razem.tar.gz"

    made = source.razem("backup", "--output", str(archive))
    assert made.returncode == 0, made.stdout + made.stderr
    assert f"Backup written to {archive}" in made.stdout
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    restored = fresh.razem("restore", str(archive))
    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Restored the backup of" in restored.stdout

    before, after = source.canon(), fresh.canon()
    differing = sorted(table for table in before.keys() | after.keys() if before.get(table) != after.get(table))
    assert not differing, f"tables that differ after the restore: {differing}"
    assert before["accounts_user"][0] > 0
    assert any(name.startswith("media/organizations/logos/") for name in source.files())
    assert source.files() == fresh.files()


def test_the_manifest_says_what_the_archive_holds(source, archive_of_source):
    with tarfile.open(archive_of_source) as opened:
        names = opened.getnames()
        manifest = json.load(opened.extractfile("manifest.json"))  # type: ignore[arg-type]

    assert names[0] == "manifest.json"
    assert manifest["format"] == 1
    assert manifest["database"]["vendor"] == ("postgresql" if source.database_url else "sqlite")
    assert manifest["database"]["mode"] == "native"
    assert "0001_initial" in manifest["migrations"]["core"]
    assert manifest["created_at"]
    assert set(manifest["checksums"]) == set(names[1:])
    assert {name for name in manifest["checksums"] if not name.startswith("database/")} == set(source.files())


def test_restore_refuses_a_database_that_is_not_empty_unless_forced(source, fresh, archive_of_source):
    archive = archive_of_source
    assert fresh.razem("restore", str(archive)).returncode == 0

    again = fresh.razem("restore", str(archive))
    assert again.returncode != 0
    assert "is not empty" in again.stderr
    assert "--force" in again.stderr

    forced = fresh.razem("restore", "--force", str(archive))
    assert forced.returncode == 0, forced.stdout + forced.stderr
    assert source.canon() == fresh.canon()
    assert source.files() == fresh.files()


@pytest.mark.parametrize("source", ["sqlite"], indirect=True)
def test_a_portable_backup_moves_the_data_through_dumpdata_and_loaddata(source, tmp_path):
    archive = tmp_path / "portable.tar.gz"
    made = source.razem("backup", "--portable", "-o", str(archive))
    assert made.returncode == 0, made.stdout + made.stderr
    fresh = Installation(tmp_path / "restored")

    restored = fresh.razem("restore", str(archive))

    assert restored.returncode == 0, restored.stdout + restored.stderr
    before, after = source.canon(), fresh.canon()
    # The content types and permissions are rebuilt by migrate (the dump refers to them by natural key), and
    # migrate records when it applied each migration.
    rebuilt = {"django_content_type", "auth_permission", "django_migrations"}
    differing = sorted(t for t in before.keys() | after.keys() if t not in rebuilt and before.get(t) != after.get(t))
    assert not differing, f"tables that differ after the portable restore: {differing}"
    assert source.files() == fresh.files()


# Checks on the archive itself, in this process: nothing in the installation is touched. ------------------------


def _rewrite(archive: Path, target: Path, *, manifest: dict | None = None, damage: str = "") -> None:
    with tarfile.open(archive) as old, tarfile.open(target, "w:gz") as new:
        for member in old:
            data = old.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "manifest.json" and manifest is not None:
                data = json.dumps(manifest).encode()
            if member.name == damage:
                data = data[:-1] + bytes([data[-1] ^ 1])
            member.size = len(data)
            new.addfile(member, io.BytesIO(data))


@pytest.fixture
def small_archive(tmp_path, settings, transactional_db) -> Path:
    from django.core.management import call_command

    settings.MEDIA_ROOT = str(tmp_path / "media")
    (tmp_path / "media").mkdir()
    (tmp_path / "media" / "logo.png").write_bytes(PNG)
    archive = tmp_path / "small.tar.gz"
    call_command("backup", "-o", str(archive), stdout=io.StringIO())
    return archive


def test_a_damaged_archive_is_refused_before_anything_is_restored(small_archive, tmp_path):
    from django.core.management import CommandError, call_command

    damaged = tmp_path / "damaged.tar.gz"
    _rewrite(small_archive, damaged, damage="media/logo.png")

    with pytest.raises(CommandError, match="media/logo.png is damaged"):
        call_command("restore", "--check", str(damaged), stdout=io.StringIO())
    output = io.StringIO()
    call_command("restore", "--check", str(small_archive), stdout=output)
    assert "every checksum right" in output.getvalue()


def test_a_backup_from_a_newer_release_is_refused(small_archive, tmp_path):
    from django.core.management import CommandError, call_command

    with tarfile.open(small_archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))  # type: ignore[arg-type]
    manifest["migrations"]["core"].append("9999_from_the_future")
    newer = tmp_path / "newer.tar.gz"
    _rewrite(small_archive, newer, manifest=manifest)

    with pytest.raises(CommandError, match=r"newer release of Razem"):
        call_command("restore", "--force", str(newer), stdout=io.StringIO())


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, db):
    from django.core.management import CommandError, call_command

    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as archive:
        archive.addfile(tarfile.TarInfo("notes.txt"), io.BytesIO(b""))

    with pytest.raises(CommandError, match="is not a Razem backup"):
        call_command("restore", str(other), stdout=io.StringIO())
