from django.core.management.base import BaseCommand

from soilgw.core import incremental
from soilgw.core.loaders import ordered_loaders


class Command(BaseCommand):
    help = ("Load the county's bundled data (departments, plans, registries, datasets); safe to run twice. "
            "A loader whose code and source files are unchanged since its last run is skipped.")

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="run only these loaders (and nothing else)")
        parser.add_argument("--force", action="store_true", help="run every loader even if nothing changed")

    def handle(self, *args, only=None, force=False, **options):
        ran: set[str] = set()
        for loader in ordered_loaders():
            if only and loader.name not in only:
                continue
            if not force and not only and incremental.unchanged(loader, ran):
                self.stdout.write(f"{loader.name}: unchanged, skipped")
                continue
            summary = incremental.run(loader)
            ran.add(loader.name)
            self.stdout.write(f"{loader.name}: {summary}")
