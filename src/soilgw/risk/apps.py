from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RiskConfig(AppConfig):
    name = "soilgw.risk"
    label = "risk"
    verbose_name = _("Health risk assessment")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        register(_("Risk assessment"), "risk:index", order=75)
