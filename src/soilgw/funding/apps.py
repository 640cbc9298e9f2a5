from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "soilgw.funding"
    label = "funding"
    verbose_name = _("Fund projects")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import loaders  # noqa: F401  registers the sample-record loader

        register(_("Fund projects"), "funding:index", order=65)
