"""One API root: the routes of every app's ``api/urls.py`` under ``/api/``, listed together at ``/api/``.

Each app declares its viewsets on a ``router`` (a ``SimpleRouter``, no root of its own) and any other API
views in ``urlpatterns``; this module registers them all on one ``DefaultRouter``, whose root page lists
every resource, the plain views (maps queries, the public index) included.
"""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern
from rest_framework.routers import DefaultRouter


class Router(DefaultRouter):
    """A ``DefaultRouter`` whose root also lists named plain views (``extra``: ``{key: url name}``)."""

    def __init__(self, extra: dict[str, str]):
        super().__init__()
        self.extra = extra

    def get_api_root_view(self, api_urls=None):
        listed = {prefix: self.routes[0].name.format(basename=basename) for prefix, _, basename in self.registry}
        return self.APIRootView.as_view(api_root_dict={**listed, **self.extra})


def api_urlpatterns(apps: list[str]) -> list:
    """URL patterns of the API of ``apps`` (``soilgw.<app>.api.urls``), with one root listing them all."""
    registry, plain = [], []
    for app in apps:
        module = import_module(f"soilgw.{app}.api.urls")
        if hasattr(module, "router"):
            registry += module.router.registry
        plain += getattr(module, "urlpatterns", [])
    extra = {str(p.pattern).rstrip("/"): p.name for p in plain
             if isinstance(p, URLPattern) and p.name and "<" not in str(p.pattern)}
    router = Router(extra)
    for prefix, viewset, basename in registry:
        router.register(prefix, viewset, basename=basename)
    return [*plain, *router.urls]
