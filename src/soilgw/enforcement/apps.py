from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnforcementConfig(AppConfig):
    name = "soilgw.enforcement"
    label = "enforcement"
    verbose_name = _("Enforcement and accountability")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import loaders  # noqa: F401  registers the sample-record loader

        register(_("Enforcement"), "enforcement:index", order=60)
