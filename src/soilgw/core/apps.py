from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "soilgw.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from . import (
            jobs,  # noqa: F401  registers the core jobs
            loaders,  # noqa: F401  registers the core loaders
            policy,
        )
        from .navigation import register

        register(_("Imports"), "imports", order=90)
        register(_("Departments"), "departments", order=95)
        policy.autodiscover()
