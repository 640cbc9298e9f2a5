from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "soilgw.monitoring"
    label = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from soilgw.core.jobs import import_undo
        from soilgw.core.navigation import register

        from . import importers, loaders  # noqa: F401  registers the import kinds and dataset loaders
        from .undo import reevaluate_after_undo

        import_undo.connect(reevaluate_after_undo, dispatch_uid="monitoring-undo")

        register(_("Monitoring"), "monitoring:map", order=20)
