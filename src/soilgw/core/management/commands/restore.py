"""``soilgw restore IN.tar.gz`` — replace the database and uploaded files by a backup, then verify it."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from soilgw.core import backup


class Command(BaseCommand):
    help = ("Restore a backup made by `soilgw backup` (replaces the database and adds its uploaded files), then "
            "compare the row count and checksum of every table with the backup's manifest.")

    def add_arguments(self, parser):
        parser.add_argument("source", type=Path)

    def handle(self, *args, source, **options):
        if not source.is_file():
            raise CommandError(f"{source}: no such file")
        try:
            differ = backup.restore(source)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        if differ:
            raise CommandError("restored, but these tables differ from the backup: " + ", ".join(sorted(differ)))
        self.stdout.write(f"{source}: restored; every table's rows and checksum match the backup")
