"""Django settings, read from the environment.

DATABASE_URL (default: SQLite in $POOLFUND_VAR_DIR), SECRET_KEY, DEBUG, ALLOWED_HOSTS, SECURE
(production hardening), CSRF_TRUSTED_ORIGINS, EMAIL_*; see README.md.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.conf.locale import LANG_INFO
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django.utils.translation import to_language

from poolfund.cli import var_dir


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = var_dir()

DEBUG = env_flag("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # The `poolfund` command sets it from var/secret-key; a WSGI server must be given one.
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for a development server).")
    SECRET_KEY = "insecure-development-key-never-use-in-production"
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_tasks_db",
    "csp",
    "poolfund.accounts",
    "poolfund.audit",
    "poolfund.geo",
    "poolfund.framework",
    "poolfund.ledger",
    "poolfund.donors",
    "poolfund.champions",
    "poolfund.web",
    "poolfund.programmes",
    "poolfund.results",
    "poolfund.reporting",
    "poolfund.allocation",
    "poolfund.iati",
    "poolfund.opendata",
    "poolfund.knowledge",
    "poolfund.reports",
    "poolfund.jobs",
    "poolfund.inbox",
    "poolfund.imports",
    "poolfund.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "poolfund.web.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "poolfund.accounts.middleware.RememberRoleAssignmentsMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "poolfund.urls"
WSGI_APPLICATION = "poolfund.wsgi.application"

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
                "poolfund.web.context_processors.site",
                "poolfund.inbox.context_processors.inbox",
            ],
        },
    },
]

# Every form renders with the design system's error summary and field markup (web/forms/).
FORM_RENDERER = "poolfund.web.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'poolfund.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        # A connection the server dropped (restart, failover) is replaced, not reused.
        conn_health_checks=True,
    )
}
# Shared by every server process (and machine): drawn charts. Its table is made by `migrate`
# (poolfund.ops creates it after migrating) and by the test runner.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "poolfund_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# Background jobs wait in a table of the same database; `poolfund worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["poolfund.accounts.backends.PoolFundBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
# Password guessing: this many failures per username and address (or per address overall)
# within the window refuse further sign-ins until the window has passed.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "50"))
LOGIN_FAILURE_WINDOW_MINUTES = int(os.environ.get("LOGIN_FAILURE_WINDOW_MINUTES", "15"))
LOGIN_CLIENT_ADDRESS_HEADER = os.environ.get("LOGIN_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")

# E-mails (password resets, notifications): on the console unless SMTP is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "PoolFund <noreply@localhost>")
# Where the links in e-mails point: the address people open PoolFund at.
POOLFUND_SITE_URL = os.environ.get("POOLFUND_SITE_URL", "http://127.0.0.1:8000")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# English, and every language that has a catalogue: adding one takes its .po file only.
LANGUAGES = [("en", _("English"))] + [
    (code, _(LANG_INFO[code]["name"]))
    for code in sorted(
        to_language(path.parts[-3]) for path in LOCALE_PATHS[0].glob("*/LC_MESSAGES/django.po")
    )
]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "poolfund.api.pagination.StandardPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
        "poolfund.api.renderers.CSVRenderer",
    ],
    "DEFAULT_FILTER_BACKENDS": [
        "poolfund.api.filters.FilterSetBackend",
        "poolfund.api.filters.SearchFilter",
        "poolfund.api.filters.OrderingFilter",
    ],
    "SEARCH_PARAM": "q",
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "poolfund.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "EXCEPTION_HANDLER": "poolfund.api.exceptions.exception_handler",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "PoolFund API",
    "DESCRIPTION": "Open data and operations of a UN pooled fund for migration.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "MarkerEnum": "poolfund.programmes.choices.Marker",
        "BudgetCategoryEnum": "poolfund.programmes.api.cycle_serializers.BUDGET_CATEGORIES",
        "ReportKindEnum": "poolfund.reporting.choices.ReportKind",
        "ReportStatusEnum": "poolfund.reporting.choices.ReportStatus",
    },
}

POOLFUND_INDIRECT_COST_RATE = os.environ.get("POOLFUND_INDIRECT_COST_RATE", "0.07")
"""Indirect cost of participating organisations, as a fraction of direct costs (7% at the Fund)."""
POOLFUND_MAX_DOCUMENT_BYTES = int(os.environ.get("POOLFUND_MAX_DOCUMENT_BYTES", 10 * 1024 * 1024))
# The reporting calendar (poolfund.reporting.schedule): annual reports are due on this month-day
# of the year after the one they cover; the final narrative report this many months after the
# operational end; the final financial report on this month-day of the year after the end.
POOLFUND_ANNUAL_REPORTS_DUE = os.environ.get("POOLFUND_ANNUAL_REPORTS_DUE", "04-30")
POOLFUND_FINAL_NARRATIVE_MONTHS = int(os.environ.get("POOLFUND_FINAL_NARRATIVE_MONTHS", "4"))
POOLFUND_FINAL_FINANCIAL_DUE = os.environ.get("POOLFUND_FINAL_FINANCIAL_DUE", "06-30")
# The IATI publisher: activities are identified as <reporting org ref>-<fund code>-<programme code>.
IATI_REPORTING_ORG_REF = os.environ.get("IATI_REPORTING_ORG_REF", "XM-DAC-41114")
IATI_REPORTING_ORG_NAME = os.environ.get(
    "IATI_REPORTING_ORG_NAME", "UNDP Multi-Partner Trust Fund Office (Administrative Agent)"
)
IATI_REPORTING_ORG_TYPE = os.environ.get("IATI_REPORTING_ORG_TYPE", "40")
IATI_FUND_CODE = os.environ.get("IATI_FUND_CODE", "MIG00")
IATI_FUND_NAME = os.environ.get("IATI_FUND_NAME", "Migration Multi-Partner Trust Fund")
# Production hardening, on with SECURE=1 (behind HTTPS): `manage.py check --deploy` is clean.
SECURE = env_flag("SECURE", False)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SECURE_SSL_REDIRECT = SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000")) if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = SECURE
if env_flag("SECURE_PROXY_SSL_HEADER", False):
    # Only behind a proxy that sets this header itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

SECURE_REFERRER_POLICY = "same-origin"
# What the pages may load and run (docs/architecture.md, "Content-Security-Policy"): only this
# site's own files, no inline script or style, never inside another site's frame. Violations
# are reported to CSP_REPORT_URI where it is set (not a setting of that name: django-csp 4
# refuses its old CSP_* settings).
CONTENT_SECURITY_POLICY_REPORT_URI = os.environ.get("CSP_REPORT_URI", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The regional brief's page links its stylesheet; only the standalone file, opened
        # from disk, carries it inline.
        "style-src": [SELF],
        # Swagger UI's stylesheet draws its icons as data: images.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **(
            {"report-uri": CONTENT_SECURITY_POLICY_REPORT_URI}
            if CONTENT_SECURITY_POLICY_REPORT_URI
            else {}
        ),
    }
}
# Browser features no page of PoolFund uses, switched off for every page and whatever it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Contact details printed on reports such as the regional brief; the defaults are the Fund's.
FUND_CONTACT = {
    "name": os.environ.get("FUND_CONTACT_NAME", "Migration Multi-Partner Trust Fund"),
    "email": os.environ.get("FUND_CONTACT_EMAIL", "migrationmptf@iom.int"),
    "websites": env_list(
        "FUND_CONTACT_WEBSITES", "migrationnetwork.un.org/mptf,mptf.undp.org/fund/mig00"
    ),
    "address": os.environ.get(
        "FUND_CONTACT_ADDRESS",
        "Migration MPTF Fund Management Unit|UN Network on Migration Secretariat|"
        "17, Route des Morillons, P.O. Box 17|CH 1211 GENEVA 19, SWITZERLAND",
    ).split("|"),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
# What every Joint Programme is, in IATI's words (docs/iati.md): grants (FinanceType 110,
# Standard grant) from a pooled fund (AidType B04, Basket funds/pooled funding).
IATI_DEFAULT_FINANCE_TYPE = os.environ.get("IATI_DEFAULT_FINANCE_TYPE", "110")
IATI_DEFAULT_AID_TYPE = os.environ.get("IATI_DEFAULT_AID_TYPE", "B04")
# The publisher's name on the IATI Registry: dataset names are <publisher>-<suffix>.
IATI_REGISTRY_PUBLISHER = os.environ.get("IATI_REGISTRY_PUBLISHER", "mptfo")
POOLFUND_BUDGET_REVISION_THRESHOLD = os.environ.get("POOLFUND_BUDGET_REVISION_THRESHOLD", "0.20")
"""A budget revision moving more than this share of a programme's budget needs a Steering
Committee decision (poolfund.programmes.revisions)."""
