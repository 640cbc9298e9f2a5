from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "soilgw.plans"
    label = "plans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import importers, jobs, loaders  # noqa: F401  registers the plan loader, importer and jobs

        register(_("Tasks"), "plans:dashboard", order=10)
        register(_("Obligations"), "plans:obligations", order=12)

        from .obligations import engine, rules

        rules.load_rules()  # a bad rule stops the start here, not when it fires
        engine.connect()
