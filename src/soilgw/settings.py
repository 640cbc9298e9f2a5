"""Django settings for SoilGW. Every deployment knob is an environment variable (see README, "Configuration")."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
#: Repository (or install) root: bundled data lives in ``<root>/data``.
ROOT_DIR = Path(os.environ.get("SOILGW_ROOT", PACKAGE_DIR.parent.parent))
VAR_DIR = Path(os.environ.get("SOILGW_VAR_DIR", ROOT_DIR / "var"))
DATA_DIR = Path(os.environ.get("SOILGW_DATA_DIR", ROOT_DIR / "data"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SOILGW_SECRET_KEY, else a random key kept in var/ (never in the repository)."""
    if os.environ.get("SOILGW_SECRET_KEY"):
        return os.environ["SOILGW_SECRET_KEY"]
    path = VAR_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("SOILGW_DEBUG", "0") == "1"
ALLOWED_HOSTS = [h for h in os.environ.get("SOILGW_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("SOILGW_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tables2",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "soilgw.core",
]
#: Domain apps, in dependency order. Each has ``urls.py`` (pages under /<app>/) and ``api/urls.py``.
SOILGW_DOMAIN_APPS = ["plans", "monitoring", "enterprises", "groundwater", "enforcement", "funding", "risk", "sites", "farmland", "portal", "maps"]
INSTALLED_APPS += [f"soilgw.{app}" for app in SOILGW_DOMAIN_APPS]
INSTALLED_APPS += [a for a in os.environ.get("SOILGW_EXTRA_APPS", "").split(",") if a]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers a locked-out login
]

#: django-axes first, so that a locked-out account is refused before its password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
#: Lockout: after SOILGW_LOGIN_FAILURES failed logins for one account name the account is locked for
#: SOILGW_LOCKOUT_HOURS hours (an administrator unlocks earlier: ``soilgw axes_reset_username NAME``).
AXES_FAILURE_LIMIT = int(os.environ.get("SOILGW_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("SOILGW_LOCKOUT_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
SILENCED_SYSTEM_CHECKS = [
    # Per account, not per address: the bureau's staff share one office NAT address, and one mistyping
    # colleague must not lock out the whole office.
    "axes.W006",
]

ROOT_URLCONF = "soilgw.urls"
WSGI_APPLICATION = "soilgw.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "soilgw.core.context_processors.platform",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'soilgw.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while an import writes; writers wait up to 20 s for the lock, and a
    # transaction takes the write lock when it begins (IMMEDIATE) so a read-then-write one never fails at once
    # with "database is locked" (SQLite cannot wait to upgrade a read lock held by a deferred transaction).
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                                       "timeout": 20, "transaction_mode": "IMMEDIATE"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# django-filter's lookup names ("is greater than or equal to") have no zh_Hans catalogue of their own: ours.
FILTERS_VERBOSE_LOOKUPS = {
    "exact": "", "iexact": "", "contains": _("contains"), "icontains": _("contains"), "in": _("is one of"),
    "gt": _("greater than"), "gte": _("at least"), "lt": _("less than"), "lte": _("at most"),
    "range": _("between"), "isnull": _("is empty"), "startswith": _("starts with"), "istartswith": _("starts with"),
    "date": _("date"), "year": _("year"), "month": _("month"),
}
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# plotly.js and Leaflet ship inside their wheels (plotly, django-leaflet): serve them from there, never from a
# CDN. django-leaflet is not an installed app because its admin needs GeoDjango's GDAL (see DESIGN, Geometry).
import leaflet as _leaflet  # noqa: E402
import plotly as _plotly  # noqa: E402

STATICFILES_DIRS = [
    ("plotly", Path(_plotly.__file__).parent / "package_data"),
    ("leaflet", Path(_leaflet.__file__).parent / "static" / "leaflet"),
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

#: Background jobs (soilgw.core.jobs): the database backend needs no extra server; `soilgw worker` runs them.
TASKS = {"default": {"BACKEND": os.environ.get("SOILGW_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
#: A running job with no progress report for this long [s] counts as dead and is marked failed.
SOILGW_JOB_TIMEOUT = int(os.environ.get("SOILGW_JOB_TIMEOUT", "3600"))

#: Largest accepted upload [bytes] (imports and attachments).
SOILGW_MAX_UPLOAD_BYTES = int(os.environ.get("SOILGW_MAX_UPLOAD_BYTES", str(50 * 1024 * 1024)))
#: Longest an import may spend validating a file [s]; past it the file is refused whole (split it).
SOILGW_IMPORT_PARSE_SECONDS = float(os.environ.get("SOILGW_IMPORT_PARSE_SECONDS", "600"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
#: The date every deadline is judged against (ISO date); empty = today. See soilgw.core.clock.
SOILGW_AS_OF = os.environ.get("SOILGW_AS_OF", "")
#: Optional background tile URL template for the maps (e.g. Tianditu with your key:
#: "https://t0.tianditu.gov.cn/DataServer?T=vec_w&x={x}&y={y}&l={z}&tk=KEY"); empty = offline outlines only.
SOILGW_MAP_TILES = os.environ.get("SOILGW_MAP_TILES", "")

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
#: Production behind HTTPS (README "Configuration"): secure cookies, redirect to HTTPS, HSTS.
SOILGW_HTTPS = os.environ.get("SOILGW_HTTPS", "0") == "1"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = SOILGW_HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SOILGW_HSTS_SECONDS", "31536000")) if SOILGW_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SOILGW_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SOILGW_HTTPS else None

REST_FRAMEWORK = {
    # Token first: an anonymous request then gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["soilgw.core.permissions.DepartmentPermission"],
    # soilgw.core.api.conventions: page_size up to a maximum, ordering and search, unknown parameters a 400
    # JSON, the browsable API, and on lists CSV for spreadsheets (?format=csv or Accept: text/csv)
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer",
                                 "rest_framework.renderers.BrowsableAPIRenderer",
                                 "soilgw.core.api.renderers.CSVRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "soilgw.core.api.renderers.ListCSVNegotiation",
    "DEFAULT_PAGINATION_CLASS": "soilgw.core.api.conventions.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["soilgw.core.api.conventions.StrictFilterBackend",
                                "rest_framework.filters.OrderingFilter", "rest_framework.filters.SearchFilter"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "soilgw.core.api.conventions.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SoilGW API",
    "DESCRIPTION": "土壤与地下水污染防治监管平台 — soil and groundwater pollution prevention and control",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc from the installed sidecar package: the docs work without internet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One component name per choice set that several fields share or whose field name other sets also use.
    "ENUM_NAME_OVERRIDES": {
        "MeasureKindEnum": "soilgw.farmland.choices.MeasureKind",
        "FarmlandCategoryEnum": "soilgw.farmland.choices.Category",
        "FarmlandLandUseEnum": "soilgw.farmland.choices.LandUse",
        "DelineationStatusEnum": "soilgw.groundwater.choices.DelineationStatus",
        "InvestigationStatusEnum": "soilgw.groundwater.choices.InvestigationStatus",
        "PermitStatusEnum": "soilgw.enterprises.choices.PermitStatus",
        "ReferralGroundEnum": "soilgw.enforcement.choices.ReferralGround",
        "RiskMethodEnum": "soilgw.risk.choices.Method",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "soilgw.core.api.schema.add_error_responses",
        "soilgw.core.api.schema.document_csv",
    ],
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("SOILGW_LOG_LEVEL", "WARNING")},
}
