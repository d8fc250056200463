import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from razem.core.backups import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded and private files into one archive (tar.gz with a manifest). "
        "PostgreSQL is dumped with pg_dump, SQLite copied with its online backup API; --portable writes the rows "
        "with Django's serializer instead (as dumpdata), to move to another database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            help="The archive to write (default: razem-backup-<UTC time>.tar.gz in the current folder, or in "
            "--directory).",
        )
        parser.add_argument("--directory", "-d", help="The folder for the archive, named by the time.")
        parser.add_argument(
            "--portable",
            action="store_true",
            help="Write the rows with Django's serializer (natural keys) to restore into another database vendor.",
        )
        parser.add_argument(
            "--no-files", action="store_true", help="The database only, without MEDIA_ROOT and private files."
        )
        parser.add_argument("--database", default="default", help="The database alias (default: default).")

    def handle(self, *args: object, **options: object) -> None:
        output = options["output"]
        if output:
            path = Path(str(output))
        else:
            stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
            path = Path(str(options["directory"] or ".")) / f"razem-backup-{stamp}.tar.gz"
        try:
            manifest = create_backup(
                path,
                portable=bool(options["portable"]),
                with_files=not options["no_files"],
                alias=str(options["database"]),
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        files = sum(1 for name in manifest["checksums"] if not name.startswith("database/"))
        database = manifest["database"]
        self.stdout.write(
            f"Backup written to {path.resolve()}: {database['vendor']} database ({database['mode']}), "
            f"{files} file(s), {path.stat().st_size} bytes."
        )
