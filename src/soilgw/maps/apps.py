from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MapsConfig(AppConfig):
    name = "soilgw.maps"
    label = "maps"
    verbose_name = _("One map")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        register(_("One map"), "maps:index", order=90)
