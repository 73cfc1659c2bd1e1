"""Django settings, read from the environment.

Every variable is documented in docs/configuration.md (a test checks that). A wrong
value stops start-up with a message naming the variable; see ``minipublic.config.env``.
"""

from __future__ import annotations

import secrets
import zoneinfo
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from minipublic.config.env import Env

django_stubs_ext.monkeypatch()  # typed generics (ModelForm[Process]) at runtime
env = Env()
PACKAGE_DIR = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------- files and debug
VAR_DIR = Path(env.text("VAR_DIR", str(Path.cwd() / "var"))).resolve()
DEBUG = env.boolean("DEBUG", False)


def _secret_key() -> str:
    key = env.secret("SECRET_KEY")
    if key is not None:
        if not DEBUG and len(key) < 32:
            raise ImproperlyConfigured(
                "SECRET_KEY is too short for production: use at least 32 random characters, "
                "e.g. from: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
            )
        return key
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Production needs a long random value, e.g. from: "
            "python -c 'import secrets; print(secrets.token_urlsafe(50))' "
            "(or set DEBUG=1 for local development)."
        )
    # Local development: keep one generated key under VAR_DIR so sessions survive restarts.
    key_file = VAR_DIR / "dev-secret-key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. List the host names this site answers to, "
        "comma-separated, e.g. ALLOWED_HOSTS=assembly.example.org"
    )
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not _origin.startswith(("http://", "https://")):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS item {_origin!r} must start with https:// (or http://)."
        )

# ---------------------------------------------------------------- database


def _database(url: str) -> dict[str, Any]:
    if not url.startswith(("sqlite:", "postgres:", "postgresql:", "pgsql:")):
        raise ImproperlyConfigured(
            f"DATABASE_URL={url!r} is not supported: use sqlite:///path/to/file.sqlite3 "
            "or postgres://user:password@host:port/name"
        )
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    return config


DATABASES = {
    "default": _database(env.text("DATABASE_URL", f"sqlite:///{VAR_DIR / 'minipublic.sqlite3'}"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---------------------------------------------------------------- cache
# Files under VAR_DIR/cache, shared by every gunicorn worker (and the background worker)
# of this host: the registration rate limit must count one client's attempts once, not
# once per worker as the default per-process memory cache would.
CACHE_DIR = VAR_DIR / "cache"
try:
    CACHE_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
except OSError as _error:
    raise ImproperlyConfigured(
        f"The cache directory {CACHE_DIR} cannot be created ({_error.strerror or _error}): "
        "VAR_DIR must be a directory this process may write to."
    ) from None
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(CACHE_DIR),
        # One entry per client address and hour; beyond this a third of them are dropped.
        "OPTIONS": {"MAX_ENTRIES": 10_000},
    }
}

# ---------------------------------------------------------------- applications
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "axes",
    "ninja",
    "minipublic.accounts",
    "minipublic.processes",
    "minipublic.integrity",
    "minipublic.recruitment",
    "minipublic.selection",
    "minipublic.conformance",
    "minipublic.commissioning",
    "minipublic.engagement",
    "minipublic.council",
    "minipublic.evidence",
    "minipublic.deliberation",
    "minipublic.recommendations",
    "minipublic.accountability",
    "minipublic.evaluation",
    "minipublic.learning",
    "minipublic.participants",
    "minipublic.portal",
    "django_tasks",
    "django_tasks_db",
]

# Selection runs are background tasks, kept in the database and run by
# `minipublic worker` (django-tasks with its database backend: no broker needed).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "minipublic.portal.middleware.FriendlyNotFoundInDebug",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "minipublic.config.urls"
WSGI_APPLICATION = "minipublic.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "config" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "minipublic.portal.context.site",
            ],
        },
    }
]

# ---------------------------------------------------------------- accounts and login
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Failed logins lock out one user name from one address for a while (django-axes).
AXES_FAILURE_LIMIT = env.integer("LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=1000)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "minipublic.accounts.views.locked_out"
AXES_VERBOSE = False
# Successful sign-ins are not logged (no address, no time): such a log could be matched
# against the day of an anonymous report. Failed attempts are kept only for the lockout.
AXES_DISABLE_ACCESS_LOG = True
# How many reverse proxies in front of the site append to X-Forwarded-For (0: none).
TRUSTED_PROXY_COUNT = env.integer("TRUSTED_PROXY_COUNT", 0, maximum=10)
AXES_CLIENT_IP_CALLABLE = "minipublic.accounts.client_ip.client_ip"

# ---------------------------------------------------------------- security
HTTPS = env.boolean("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_SAMESITE = "Lax"
# Stored session expiry is kept to the day, so it does not date each sign-in.
SESSION_ENGINE = "minipublic.accounts.sessions"
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env.boolean("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# ---------------------------------------------------------------- e-mail
EMAIL_HOST = env.raw("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env.integer("EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env.text("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env.secret("EMAIL_HOST_PASSWORD") or ""
    EMAIL_USE_TLS = env.boolean("EMAIL_USE_TLS", True)
    EMAIL_USE_SSL = env.boolean("EMAIL_USE_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL cannot both be on; pick one.")
else:
    # No mail server configured: messages are written to the log instead of being sent.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "minipublic <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# ---------------------------------------------------------------- language and time
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.text("TIME_ZONE", "UTC")
if TIME_ZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(
        f"TIME_ZONE={TIME_ZONE!r} is not a known time zone; use a name like Europe/London."
    )

# ---------------------------------------------------------------- static files
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# ---------------------------------------------------------------- the site
SITE_NAME = env.text("SITE_NAME", "minipublic")
# AGPL section 13: users of the site must be offered its source code.
SOURCE_URL = env.text("SOURCE_URL", "")
if SOURCE_URL and not SOURCE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SOURCE_URL={SOURCE_URL!r} must be a web address (https://…).")

# The address people use to reach this site, for links in e-mails sent outside a request.
SITE_URL = env.text("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must be a web address (https://…).")

# ---------------------------------------------------------------- integrity
# Largest accepted upload (incident evidence, public documents), in megabytes.
UPLOAD_MAX_BYTES = env.integer("UPLOAD_MAX_MB", 10, minimum=1, maximum=200) * 1_000_000
# An incident or declaration waiting longer than this for oversight is shown as overdue.
OVERSIGHT_REVIEW_DAYS = env.integer("OVERSIGHT_REVIEW_DAYS", 14, minimum=1, maximum=365)
# Registration attempts allowed per client address per hour (the public form).
REGISTRATION_RATE_LIMIT = env.integer("REGISTRATION_RATE_LIMIT", 20, minimum=1, maximum=10000)


# ---------------------------------------------------------------- participants' sensitive data
def _field_encryption_keys() -> list[str]:
    """Fernet keys for the encrypted fields (support needs, payment details, receipts): the
    first encrypts, all decrypt, so a key can be rotated (docs/configuration.md)."""
    from cryptography.fernet import Fernet

    value = env.secret("FIELD_ENCRYPTION_KEYS")
    if value is None and DEBUG:
        key_file = VAR_DIR / "dev-field-keys"
        if not key_file.exists():
            VAR_DIR.mkdir(parents=True, exist_ok=True)
            key_file.write_text(Fernet.generate_key().decode(), encoding="utf-8")
            key_file.chmod(0o600)
        value = key_file.read_text(encoding="utf-8").strip()
    if not value:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS is not set. Participants' support needs and payment details "
            "are encrypted with it; make a key with: python -c 'from cryptography.fernet import "
            "Fernet; print(Fernet.generate_key().decode())' (or set DEBUG=1 for local development)."
        )
    keys = [key.strip() for key in value.split(",") if key.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError:
            raise ImproperlyConfigured(
                f"FIELD_ENCRYPTION_KEYS: key {position} is not a Fernet key (32 bytes, url-safe "
                "base64, 44 characters). Make one with: python -c 'from cryptography.fernet "
                "import Fernet; print(Fernet.generate_key().decode())'."
            ) from None
    return keys


FIELD_ENCRYPTION_KEYS = _field_encryption_keys()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Nothing logged says when someone used the incident report form (quiet_logs.py).
    "filters": {"no_reports": {"()": "minipublic.config.quiet_logs.SkipIncidentReports"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_reports"]}},
    # django-axes logs each sign-in (masked) at INFO: a list of when people signed in.
    "loggers": {"axes": {"level": "WARNING"}},
    "root": {
        "handlers": ["console"],
        "level": env.choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
}
