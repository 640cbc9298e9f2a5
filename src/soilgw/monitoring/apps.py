from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "soilgw.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from soilgw.core.navigation import register

        from . import importers, loaders  # noqa: F401  registers the import kinds and dataset loaders

        register(_("Monitoring"), "monitoring:map", order=20)
