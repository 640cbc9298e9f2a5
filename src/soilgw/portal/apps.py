from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "soilgw.portal"
    label = "portal"
    verbose_name = _("Public disclosure")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        register(_("Public disclosure"), "portal:index", order=95)
