from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from razem.core.backups import BackupError, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `razem backup` into this installation's database and file folders. "
        "Refuses a database or folders that are not empty unless --force. Stop the web and worker services first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", help="The archive written by razem backup.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database and file folders that are not empty."
        )
        parser.add_argument("--no-files", action="store_true", help="Restore the database only.")
        parser.add_argument(
            "--check", action="store_true", help="Only read the archive and verify its manifest; change nothing."
        )
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args: object, **options: object) -> None:
        archive = Path(str(options["archive"]))
        if not archive.is_file():
            raise CommandError(f"{archive} does not exist.")
        try:
            if options["check"]:
                self._check(archive)
                return
            result = restore_backup(
                archive,
                force=bool(options["force"]),
                with_files=not options["no_files"],
                alias=str(options["database"]),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            f"Restored the backup of {manifest['created_at']} (Razem {manifest.get('razem_version')}, "
            f"{manifest['database']['vendor']}, {manifest['database']['mode']}) and {result.files} file(s)."
        )
        if result.missing_migrations:
            self.stdout.write(
                f"The backup predates {len(result.missing_migrations)} migration(s) of this release: "
                "run `razem migrate` before starting Razem."
            )

    def _check(self, archive: Path) -> None:
        import tempfile

        from razem.core.backups import compare_migrations, extract_verified

        manifest = read_manifest(archive)
        with tempfile.TemporaryDirectory(prefix="razem-check-") as staging:
            extract_verified(archive, manifest, Path(staging))
        comparison = compare_migrations(manifest["migrations"])
        self.stdout.write(
            f"{archive}: a backup of {manifest['created_at']}, {manifest['database']['vendor']} "
            f"({manifest['database']['mode']}), {len(manifest['checksums'])} member(s), every checksum right."
        )
        if comparison.unknown:
            raise CommandError(f"It was made by a newer release: {len(comparison.unknown)} unknown migration(s).")
