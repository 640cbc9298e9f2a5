"""``soilgw backup OUT.tar.gz`` — the database (SQLite online backup or pg_dump) and the uploaded files."""

from pathlib import Path

from django.core.management.base import BaseCommand

from soilgw.core import backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files (raw imports, attachments) into one .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("out", type=Path)

    def handle(self, *args, out, **options):
        manifest = backup.backup(out)
        rows = sum(t["rows"] for t in manifest["tables"].values())
        self.stdout.write(f"{out}: {len(manifest['tables'])} tables, {rows} rows, uploaded files included")
