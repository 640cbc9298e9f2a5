from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FarmlandConfig(AppConfig):
    name = "soilgw.farmland"
    label = "farmland"
    verbose_name = _("Farmland")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import loaders  # noqa: F401  registers the sample-unit loader

        register(_("Farmland"), "farmland:index", order=45)
