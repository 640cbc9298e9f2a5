from django.core.management.base import BaseCommand

from soilgw.commands import progress
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
        loaders = [loader for loader in ordered_loaders() if not only or loader.name in only]
        with progress.bar(desc="load-county-data", total=len(loaders), unit=" loaders") as loading:
            for loader in loaders:
                loading.set_postfix_str(loader.name)
                if not force and not only and incremental.unchanged(loader, ran):
                    self._report(loading, f"{loader.name}: unchanged, skipped")
                else:
                    summary = incremental.run(loader)
                    ran.add(loader.name)
                    self._report(loading, f"{loader.name}: {summary}")
                loading.update()

    def _report(self, loading, line: str) -> None:
        with loading.external_write_mode():  # the line above the bar, not through it
            self.stdout.write(line)
