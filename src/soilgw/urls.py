"""URL configuration: web pages, the REST API under /api/ with its OpenAPI schema, auth and i18n."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from soilgw.core.api.root import api_urlpatterns
from soilgw.plans import views as plan_views

api_urls = [
    path("schema/", SpectacularAPIView.as_view(permission_classes=[]), name="api-schema"),
    # the interactive docs, served from the installed sidecar package (no CDN)
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema", permission_classes=[]), name="api-docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api-schema", permission_classes=[]), name="api-redoc"),
    *api_urlpatterns(["core", *settings.SOILGW_DOMAIN_APPS]),
]

urlpatterns = [
    path("", plan_views.home, name="home"),
    *[path(f"{app}/", include(f"soilgw.{app}.urls")) for app in settings.SOILGW_DOMAIN_APPS],
    path("", include("soilgw.core.urls")),
    path("api/", include(api_urls)),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler404 = "soilgw.core.views.not_found"
