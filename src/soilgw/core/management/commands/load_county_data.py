from django.core.management.base import BaseCommand

from soilgw.core.loaders import ordered_loaders


class Command(BaseCommand):
    help = "Load the county's bundled data (departments, plans, registries, datasets); safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="run only these loaders (and nothing else)")

    def handle(self, *args, only=None, **options):
        for loader in ordered_loaders():
            if only and loader.name not in only:
                continue
            summary = loader.func()
            self.stdout.write(f"{loader.name}: {summary}")
