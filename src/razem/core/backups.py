"""Backups of a whole installation in one file, and their restore (`razem backup`, `razem restore`).

An archive is a tar.gz holding ``manifest.json`` first, then the database and the files:

- ``database/razem.dump``: PostgreSQL, ``pg_dump --format=custom`` (restored with ``pg_restore``);
- ``database/razem.sqlite3``: SQLite, a copy made with SQLite's online backup API (consistent while Razem runs);
- ``database/razem.json``: the portable mode (``--portable``), Django's ``dumpdata`` with natural keys for
  content types and permissions, to move an installation from one database vendor to another;
- ``media/...``: the public uploads (``MEDIA_ROOT``); ``private/...``: the private files (``STORAGES["private"]``).

The manifest records the format, Razem's and Django's versions, when the backup was made, the database vendor and
mode, the applied migrations, and the SHA-256 and size of every other member. A restore checks all of them before
it touches anything.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import Any

import django
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.files.storage import storages
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

FORMAT = 1
MANIFEST = "manifest.json"
NATIVE = "native"
PORTABLE = "portable"
# Rebuilt by `migrate` on the target; portable dumps refer to them by natural key.
FILE_ROOTS = ("media", "private")
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something an operator must fix; the message says what."""


# Where things are -----------------------------------------------------------------------------------------------


def file_roots() -> dict[str, Path]:
    """The folders a backup holds, by their name in the archive."""
    private = storages["private"]
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(private.location)}  # type: ignore[attr-defined]


def razem_version() -> str:
    try:
        return metadata.version("razem")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree without installing
        return "unknown"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def files_under(root: Path) -> Iterator[Path]:
    """Regular files under ``root`` in a stable order (symbolic links are not followed nor kept)."""
    if not root.is_dir():
        return
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                yield path


# Migrations -----------------------------------------------------------------------------------------------------


def applied_migrations(alias: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def known_migrations() -> set[tuple[str, str]]:
    """Every migration this release of the code has on disk."""
    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


@dataclass
class MigrationComparison:
    unknown: list[str]  # in the backup, not in this code: the backup comes from a newer release
    missing: list[str]  # in this code, not in the backup: `razem migrate` applies them after the restore


def compare_migrations(recorded: dict[str, list[str]]) -> MigrationComparison:
    in_backup = {(app, name) for app, names in recorded.items() for name in names}
    on_disk = known_migrations()
    return MigrationComparison(
        unknown=[f"{app}.{name}" for app, name in sorted(in_backup - on_disk)],
        missing=[f"{app}.{name}" for app, name in sorted(on_disk - in_backup)],
    )


# PostgreSQL tools -----------------------------------------------------------------------------------------------


def _pg_tool(name: str, server_major: int) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed. Install the PostgreSQL client of the server's version "
            f"(Debian: apt-get install postgresql-client-{server_major}), or use --portable."
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True).stdout  # noqa: S603
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    major = int(match.group(1)) if match else 0
    if major < server_major:
        raise BackupError(
            f"{name} is version {major} but the server is PostgreSQL {server_major}: "
            f"install postgresql-client-{server_major} (an older {name} cannot read a newer server)."
        )
    return path


def _pg_arguments(alias: str) -> tuple[list[str], dict[str, str]]:
    """Connection options for pg_dump/pg_restore from Django's settings; the password goes in the environment."""
    config = connections[alias].settings_dict
    arguments = []
    if config.get("HOST"):
        arguments += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", str(config["USER"])]
    arguments += ["--dbname", str(config["NAME"])]
    environment = {**os.environ}
    if config.get("PASSWORD"):
        environment["PGPASSWORD"] = str(config["PASSWORD"])
    sslmode = (config.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        environment["PGSSLMODE"] = str(sslmode)
    return arguments, environment


def _server_major(alias: str) -> int:
    connection = connections[alias]
    connection.ensure_connection()
    return int(connection.pg_version) // 10000  # type: ignore[attr-defined]


# Making a backup ------------------------------------------------------------------------------------------------


def _dump_database(directory: Path, *, portable: bool, alias: str) -> tuple[str, Path]:
    connection = connections[alias]
    connection.ensure_connection()
    if portable:
        target = directory / "razem.json"
        _dump_portable(target, alias)
        return "razem.json", target
    if connection.vendor == "sqlite":
        if connection.in_atomic_block:
            # SQLite's backup would wait for this connection's own transaction to end, that is forever.
            raise BackupError("An SQLite backup cannot run inside a transaction.")
        target = directory / "razem.sqlite3"
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # type: ignore[union-attr]
        finally:
            copy.close()
        return "razem.sqlite3", target
    if connection.vendor == "postgresql":
        tool = _pg_tool("pg_dump", _server_major(alias))
        target = directory / "razem.dump"
        arguments, environment = _pg_arguments(alias)
        result = subprocess.run(  # noqa: S603 - the command line is built from settings, no shell
            [tool, "--format=custom", "--no-owner", "--no-privileges", "--file", str(target), *arguments],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode:
            raise BackupError(f"pg_dump failed: {result.stderr.strip()}")
        return "razem.dump", target
    raise BackupError(f"No native backup for the {connection.vendor} database: use --portable.")


class _PreciseEncoder(DjangoJSONEncoder):
    """Django's encoder keeps only the milliseconds of a time; a backup keeps all of it."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dump_portable(target: Path, alias: str) -> None:
    """What ``dumpdata --natural-foreign`` writes (every model but content types and permissions, by their base
    manager, in dependency order), with times to the microsecond."""
    excluded = {"contenttypes", "auth.permission"}
    configs = [config for config in apps.get_app_configs() if config.models_module is not None]
    ordered = serializers.sort_dependencies([(config, None) for config in configs], allow_cycles=True)
    connection = connections[alias]

    def objects() -> Iterator[Any]:
        for model in ordered:
            meta = model._meta
            if meta.proxy or not meta.can_migrate(connection) or {meta.app_label, meta.label_lower} & excluded:
                continue
            yield from model._base_manager.using(alias).order_by(meta.pk.name).iterator()

    with target.open("w", encoding="utf-8") as stream:
        serializers.serialize("json", objects(), stream=stream, use_natural_foreign_keys=True, cls=_PreciseEncoder)


def _add_file(archive: tarfile.TarFile, path: Path, name: str) -> None:
    info = archive.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    info.mode = 0o600
    with path.open("rb") as stream:
        archive.addfile(info, stream)


def create_backup(output: Path, *, portable: bool = False, with_files: bool = True, alias: str = "default") -> dict:
    """Write one archive to ``output`` (through a temporary name, so a partial archive never has the final name)."""
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    created_at = datetime.datetime.now(datetime.UTC)
    with tempfile.TemporaryDirectory(prefix=".razem-backup-", dir=output.parent) as staging:
        database_name, database_file = _dump_database(Path(staging), portable=portable, alias=alias)
        members: list[tuple[str, Path]] = [(f"database/{database_name}", database_file)]
        if with_files:
            for root_name, root in file_roots().items():
                for path in files_under(root):
                    members.append((f"{root_name}/{path.relative_to(root).as_posix()}", path))
        checksums = {name: {"sha256": sha256_of(path), "size": path.stat().st_size} for name, path in members}
        manifest = {
            "format": FORMAT,
            "razem_version": razem_version(),
            "django_version": django.get_version(),
            "created_at": created_at.isoformat(timespec="seconds"),
            "database": {
                "vendor": connection.vendor,
                "mode": PORTABLE if portable else NATIVE,
                "file": f"database/{database_name}",
                "server_version": _server_version(alias),
            },
            "migrations": applied_migrations(alias),
            "files_included": with_files,
            "checksums": checksums,
        }
        partial = output.with_name(f".{output.name}.partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the archive holds personal data
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            encoded = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(encoded)
            info.mode = 0o600
            info.mtime = int(created_at.timestamp())
            archive.addfile(info, io.BytesIO(encoded))
            for name, path in members:
                _add_file(archive, path, name)
        os.replace(partial, output)
    return manifest


def _server_version(alias: str) -> str:
    connection = connections[alias]
    if connection.vendor == "sqlite":
        return sqlite3.sqlite_version
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return str(cursor.fetchone()[0])
    return ""


# Reading and checking an archive --------------------------------------------------------------------------------


def read_manifest(archive_path: Path) -> dict[str, Any]:
    with tarfile.open(archive_path, mode="r:gz") as archive:
        first = archive.next()
        if first is None or first.name != MANIFEST or not first.isfile():
            raise BackupError(f"{archive_path} is not a Razem backup: it does not start with {MANIFEST}.")
        stream = archive.extractfile(first)
        assert stream is not None  # noqa: S101 - a regular file always has a stream
        try:
            manifest: dict[str, Any] = json.load(stream)
        except ValueError as error:
            raise BackupError(f"The manifest of {archive_path} cannot be read: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"{archive_path} has backup format {manifest.get('format')!r}; this release reads format {FORMAT}."
        )
    for key in ("created_at", "database", "migrations", "checksums"):
        if key not in manifest:
            raise BackupError(f"The manifest of {archive_path} has no {key!r}.")
    return manifest


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    top = path.parts[0] if path.parts else ""
    return not path.is_absolute() and ".." not in path.parts and top in {"database", *FILE_ROOTS}


def extract_verified(archive_path: Path, manifest: dict[str, Any], staging: Path) -> None:
    """Extract every member into ``staging`` and check it against the manifest: nothing missing, nothing extra,
    every checksum right. Raises BackupError before anything in the installation is touched."""
    expected: dict[str, dict[str, Any]] = manifest["checksums"]
    seen: set[str] = set()
    with tarfile.open(archive_path, mode="r:gz") as archive:
        for member in archive:
            if member.name == MANIFEST:
                continue
            if not member.isfile() or not _safe_name(member.name):
                raise BackupError(f"The archive holds an unexpected entry: {member.name!r}.")
            if member.name not in expected:
                raise BackupError(f"The archive holds {member.name!r}, which its manifest does not list.")
            archive.extract(member, staging, filter="data")
            path = staging / member.name
            if sha256_of(path) != expected[member.name]["sha256"]:
                raise BackupError(f"{member.name} is damaged: its checksum differs from the manifest's.")
            seen.add(member.name)
    missing = sorted(set(expected) - seen)
    if missing:
        raise BackupError(f"The archive lacks {len(missing)} file(s) its manifest lists, for example {missing[0]}.")


# Restoring ------------------------------------------------------------------------------------------------------


def database_tables(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _drop_everything(alias: str) -> None:
    """Empty the database for a forced restore: every table (and with them their sequences and indexes)."""
    connection = connections[alias]
    tables = database_tables(alias)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_keys = OFF")
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)}")
            cursor.execute("PRAGMA foreign_keys = ON")
        else:
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {quote(table)} CASCADE")


def _restore_sqlite(source: Path, alias: str) -> None:
    connection = connections[alias]
    connection.close()
    name = str(connection.settings_dict["NAME"])
    copy = sqlite3.connect(source)
    target = sqlite3.connect(name)
    try:
        copy.backup(target)  # replaces the whole target database, page by page
    finally:
        target.close()
        copy.close()


def _restore_postgresql(source: Path, alias: str) -> None:
    tool = _pg_tool("pg_restore", _server_major(alias))
    connections[alias].close()
    arguments, environment = _pg_arguments(alias)
    result = subprocess.run(  # noqa: S603 - the command line is built from settings, no shell
        [tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", *arguments, str(source)],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        raise BackupError(f"pg_restore failed: {result.stderr.strip()}")


def _restore_portable(source: Path, alias: str) -> None:
    call_command("migrate", database=alias, interactive=False, verbosity=0)
    # Data migrations seed some tables: the backup's rows replace them exactly. flush also recreates the content
    # types and permissions, which the dump refers to by natural key.
    call_command("flush", database=alias, interactive=False, verbosity=0)
    call_command("loaddata", str(source), database=alias, verbosity=0)
    call_command("createcachetable", database=alias, verbosity=0)


def _replace_files(staging: Path, roots: dict[str, Path]) -> int:
    copied = 0
    for root_name, root in roots.items():
        if root.is_dir():
            for child in root.iterdir():
                if child.is_dir() and not child.is_symlink():
                    shutil.rmtree(child)
                else:
                    child.unlink()
        root.mkdir(parents=True, exist_ok=True)
        source = staging / root_name
        if source.is_dir():
            shutil.copytree(source, root, dirs_exist_ok=True)
            copied += sum(1 for _ in files_under(source))
    return copied


@dataclass
class RestoreResult:
    manifest: dict[str, Any]
    files: int
    missing_migrations: list[str]


def restore_backup(
    archive_path: Path, *, force: bool = False, with_files: bool = True, alias: str = DEFAULT_DB_ALIAS
) -> RestoreResult:
    manifest = read_manifest(archive_path)
    connection = connections[alias]
    database = manifest["database"]
    mode = database.get("mode")
    if mode == NATIVE and database.get("vendor") != connection.vendor:
        raise BackupError(
            f"This backup was made from {database.get('vendor')} in the native format and cannot be restored into "
            f"{connection.vendor}. Make a portable backup (razem backup --portable) to move between databases."
        )
    if mode not in {NATIVE, PORTABLE}:
        raise BackupError(f"Unknown database mode in the manifest: {mode!r}.")

    comparison = compare_migrations(manifest["migrations"])
    if comparison.unknown:
        raise BackupError(
            f"The backup has {len(comparison.unknown)} migration(s) this release does not know, for example "
            f"{comparison.unknown[0]}: it was made by a newer release of Razem. Install that release, then restore."
        )
    if mode == PORTABLE and comparison.missing:
        raise BackupError(
            f"A portable backup loads only into the same migration state, and this release has "
            f"{len(comparison.missing)} migration(s) more, for example {comparison.missing[0]}. Restore with the "
            "release that made the backup, then upgrade."
        )

    tables = database_tables(alias)
    if tables and not force:
        raise BackupError(
            f"The database {connection.settings_dict['NAME']} is not empty ({len(tables)} tables). Restoring replaces "
            "everything in it: add --force to do so (make a backup of it first)."
        )
    roots = file_roots() if with_files and manifest.get("files_included", True) else {}
    occupied = [str(root) for root in roots.values() if any(files_under(root))]
    if occupied and not force:
        raise BackupError(
            f"{', '.join(occupied)} already hold files, which the restore would replace: add --force to do so."
        )

    with tempfile.TemporaryDirectory(prefix="razem-restore-") as staging_name:
        staging = Path(staging_name)
        extract_verified(archive_path, manifest, staging)
        source = staging / database["file"]
        if tables and not (mode == NATIVE and connection.vendor == "sqlite"):  # SQLite's backup API replaces all
            _drop_everything(alias)
        if mode == PORTABLE:
            _restore_portable(source, alias)
        elif connection.vendor == "sqlite":
            _restore_sqlite(source, alias)
        else:
            _restore_postgresql(source, alias)
        copied = _replace_files(staging, roots) if roots else 0
    connection.close()
    return RestoreResult(manifest=manifest, files=copied, missing_migrations=comparison.missing)
