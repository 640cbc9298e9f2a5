from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "soilgw.enterprises"
    label = "enterprises"
    verbose_name = _("Enterprises")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import loaders  # noqa: F401  registers the sample-registry loader

        register(_("Enterprises"), "enterprises:index", order=20)
