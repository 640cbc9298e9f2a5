from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroundwaterConfig(AppConfig):
    name = "soilgw.groundwater"
    label = "groundwater"
    verbose_name = _("Groundwater")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import loaders  # noqa: F401  registers the boundary and sample loaders

        register(_("Groundwater"), "groundwater:overview", order=40)
