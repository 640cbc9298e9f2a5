from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitesConfig(AppConfig):
    name = "soilgw.sites"
    label = "sites"
    verbose_name = _("Development land")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import loaders  # noqa: F401  registers the land-use code and sample loaders

        register(_("Development land"), "sites:index", order=60)
