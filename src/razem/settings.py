"""Razem settings: one module, driven by environment variables only.

RAZEM_ENV selects the defaults: ``production`` (the default), ``demo`` (the
``razem demo`` command), ``dev`` and ``test``. Every other value comes from the
environment; docs/deploy.md lists them.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("RAZEM_VAR_DIR", Path.cwd() / "var")).resolve()

ENV = os.environ.get("RAZEM_ENV", "production")
if ENV not in {"production", "demo", "dev", "test"}:
    raise ImproperlyConfigured(f"RAZEM_ENV must be production, demo, dev or test, not {ENV!r}.")
LOCAL = ENV in {"demo", "dev", "test"}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


DEBUG = env_bool("RAZEM_DEBUG", ENV == "dev")


def _secret_key() -> str:
    key = os.environ.get("SECRET_KEY", "")
    if key:
        return key
    if ENV == "test":
        return "razem-tests-only-" + "x" * 40
    if LOCAL or DEBUG:
        # A local installation keeps one generated key in var/ so sessions survive restarts.
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path = VAR_DIR / "secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(50))
            path.chmod(0o600)
        return path.read_text().strip()
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Razem refuses to start in production without it. "
        "Set the SECRET_KEY environment variable to a long random string, for example the output of "
        "python -c 'import secrets; print(secrets.token_urlsafe(50))'. "
        "For a local trial run 'razem demo' instead."
    )


SECRET_KEY = _secret_key()
# Encrypts second-factor secrets in the database; defaults to SECRET_KEY. Set it separately so that
# SECRET_KEY can be rotated without every officer enrolling their authenticator again.
RAZEM_SECRETS_KEY = os.environ.get("RAZEM_SECRETS_KEY", "")

RAZEM_BASE_URL = os.environ.get("RAZEM_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver" if LOCAL else "")
if LOCAL and "ALLOWED_HOSTS" not in os.environ:
    # A local installation answers on the address its links use (``razem demo --host``).
    _host = urlsplit(RAZEM_BASE_URL).hostname or "localhost"
    ALLOWED_HOSTS.append(f"[{_host}]" if ":" in _host else _host)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", RAZEM_BASE_URL)

INSTALLED_APPS = [
    "razem.core",
    "razem.accounts",
    "razem.identity",
    "razem.organizations",
    "razem.bodies",
    "razem.events",
    "razem.recommendations",
    "razem.elections",
    "razem.grants",
    "razem.commissions",
    "razem.contracts",
    "razem.reports",
    "razem.small_grants",
    "razem.grant_figures",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks_db",
    "django_htmx",
]

MIDDLEWARE = [
    "razem.core.middleware.RequestLogMiddleware",  # first: its id and timing cover the whole request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "razem.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "razem.core.pagecache.PageCacheMiddleware",  # after CSRF (a served page gets the visitor's token), before auth
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "razem.accounts.middleware.UserLanguageMiddleware",
    "razem.core.middleware.RejectUnwritableInputMiddleware",  # after the language and user: the 400 page uses them
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "razem.accounts.middleware.StaffTwoFactorMiddleware",  # after MessageMiddleware: it adds a message
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "razem.core.slugs.SlugRedirectMiddleware",  # last: an old slug raised by a view answers 301 to the new one
]

ROOT_URLCONF = "razem.urls"
FORM_RENDERER = "razem.core.forms.FormRenderer"
WSGI_APPLICATION = "razem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Compiled templates are kept in each process (Django's default when no loaders are given, written out
            # so that it stays true): a page renders without reading or parsing a template file. The development
            # server's autoreloader empties the cache when a template changes.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "razem.core.context_processors.razem",
            ],
            "builtins": ["django.templatetags.i18n", "razem.core.templatetags.razem"],
        },
    }
]

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # Persistent connections, one per worker thread, checked once at the start of a request that reuses one (a
    # restarted PostgreSQL costs no error page). Django's connection pool would only let threads share fewer
    # connections: docs/deploy.md, "The web server and the request cycle".
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("CONN_MAX_AGE", 60))}
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    if ENV != "test":
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "razem.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENV == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# django-allauth: e-mail as the login, mandatory confirmation, TOTP for staff.
ACCOUNT_ADAPTER = "razem.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "razem.accounts.adapter.MFAAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_FORMS = {"signup": "razem.accounts.forms.SignupForm"}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Razem] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if RAZEM_BASE_URL.startswith("https") else "http"
# Failed sign-ins (password and second factor; docs/deploy.md, "Rate limits"): allauth's "login_failed" is the
# global limit per address; razem.accounts.lockout adds the limit per (address, account) pair, so that failing on
# purpose from one address does not lock the owner out elsewhere, and a high ceiling per account against
# guessing from many addresses.
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("RAZEM_LOGIN_FAILED_LIMIT", "10/m/ip,100/h/ip"),
    "login_failed_pair": os.environ.get("RAZEM_LOGIN_FAILED_PAIR_LIMIT", "5/300s/key"),
    "login_failed_account": os.environ.get("RAZEM_LOGIN_FAILED_ACCOUNT_LIMIT", "100/h/key,300/d/key"),
    "reset_password": "20/m/ip,5/h/key",
    "signup": "20/m/ip",
}
MFA_FORMS = {
    "authenticate": "razem.accounts.forms.SecondFactorForm",
    "reauthenticate": "razem.accounts.forms.SecondFactorReauthenticateForm",
}
# Forms that send e-mail or write for an anonymous or new account (razem.core.throttle): scope -> "amount/period"
# pairs, counted per address or per person; override with RAZEM_THROTTLE_RATES="scope=rate;scope=rate".
RAZEM_THROTTLE_RATES = {
    "accounts.signup": "20/h,50/d",
    "accounts.password_reset": "10/h",
    "accounts.email": "10/h",
    "events.proposal": "10/h,30/d",
    "events.registration": "20/h",
    "organizations.register": "3/h,10/d",
    "organizations.invite": "30/h,100/d",
    "organizations.join": "10/h",
    "elections.nominate": "10/h",
    "grants.nominate": "10/h",
    "grants.nomination_consent": "20/h",
    "bodies.apply": "10/h",
    **dict(item.strip().split("=", 1) for item in os.environ.get("RAZEM_THROTTLE_RATES", "").split(";") if "=" in item),
}
# Behind a reverse proxy: how many proxies append to X-Forwarded-For, so that throttling and the audit
# log see the visitor's address rather than the proxy's (0: use REMOTE_ADDR).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("RAZEM_TRUSTED_PROXY_COUNT", 0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("RAZEM_SITE_NAME", "Razem")
MFA_TRUST_ENABLED = False

# Signing in through login.gov.pl (Węzeł Krajowy, SAML 2.0): off until the ministry has registered the service
# provider (docs/login-gov-pl.md). Keys and certificates are PEM files (EC or RSA); METADATA is the IdP metadata as a
# local file (recommended) or a URL; empty takes the environment's published metadata.
RAZEM_LOGINGOVPL_ENABLED = env_bool("RAZEM_LOGINGOVPL_ENABLED", False)
RAZEM_LOGINGOVPL = {
    "environment": os.environ.get("RAZEM_LOGINGOVPL_ENVIRONMENT", "symulator"),  # symulator | int | prod
    "metadata": os.environ.get("RAZEM_LOGINGOVPL_METADATA", ""),
    "metadata_cert": os.environ.get("RAZEM_LOGINGOVPL_METADATA_CERT", ""),
    "entity_id": os.environ.get("RAZEM_LOGINGOVPL_ENTITY_ID", RAZEM_BASE_URL + "/konto/login-gov-pl/metadane/"),
    "signing_key": os.environ.get("RAZEM_LOGINGOVPL_SIGNING_KEY", ""),
    "signing_cert": os.environ.get("RAZEM_LOGINGOVPL_SIGNING_CERT", ""),
    "encryption_key": os.environ.get("RAZEM_LOGINGOVPL_ENCRYPTION_KEY", ""),
    "encryption_cert": os.environ.get("RAZEM_LOGINGOVPL_ENCRYPTION_CERT", ""),
    # HMAC key for the stored PersonIdentifier; never the PESEL in clear. Changing it unlinks every identity.
    "pepper": os.environ.get("RAZEM_LOGINGOVPL_PEPPER", ""),
    "loa": os.environ.get("RAZEM_LOGINGOVPL_LOA", "http://eidas.europa.eu/LoA/substantial"),
    "xmlsec_binary": os.environ.get("RAZEM_XMLSEC1", "/usr/bin/xmlsec1"),
    "attribute_map": {
        "given_name": "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName",
        "family_name": "http://eidas.europa.eu/attributes/naturalperson/CurrentFamilyName",
        "person_identifier": "http://eidas.europa.eu/attributes/naturalperson/PersonIdentifier",
        "date_of_birth": "http://eidas.europa.eu/attributes/naturalperson/DateOfBirth",
    },
}

# Sessions live in the database: one query by primary key a signed-in request (about 0.3 ms), and signing out, a
# password change or a removed account take effect at once everywhere. "cached_db" would save that query only with a
# cache server, and a session deleted while the cache server is unreachable would come back with it (docs/deploy.md,
# "The request cycle"). Messages use Django's default (a cookie, the session only for what does not fit): reading
# them costs no query.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Language and time: Polish first, English second, Europe/Warsaw.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One rule for dates ("7 grudnia 2026", "7 grudnia 2026, 17:00", "07.12.2026"): docs/polish.md, Dates.
FORMAT_MODULE_PATH = ["razem.formats"]
USE_I18N = True
TIME_ZONE = "Europe/Warsaw"
USE_TZ = True
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SECURE = not LOCAL
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Static files are vendored and served by WhiteNoise; no CDN.
STATIC_URL = "/static/"
# Locally WhiteNoise serves straight from the app folders; production serves `razem collectstatic` output.
STATIC_ROOT = (
    Path(os.environ["STATIC_ROOT"]) if os.environ.get("STATIC_ROOT") else (None if LOCAL else VAR_DIR / "static")
)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
WHITENOISE_USE_FINDERS = LOCAL
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Files only staff may read (imports): never under MEDIA_ROOT, never served by the web server.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": os.environ.get("PRIVATE_ROOT", str(VAR_DIR / "private")), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if LOCAL
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# E-mail through Django's mail framework (MAILERS, Django 6.1); the console in the demo.
EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    # The console backend of the demo prints each message readably (decoded text, attachments named).
    "razem.core.mail.EmailBackend" if LOCAL else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": {
            "host": os.environ.get("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "use_ssl": env_bool("EMAIL_USE_SSL", False),
            "timeout": env_int("EMAIL_TIMEOUT", 20),
        }
        if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Razem <razem@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
ADMINS = [("Razem", a) for a in env_list("RAZEM_ADMINS")]

# Background work: django.tasks with the database backend (`razem worker`); immediate in the demo and tests.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "RAZEM_TASKS_BACKEND",
            "django.tasks.backends.immediate.ImmediateBackend" if LOCAL else "django_tasks_db.DatabaseBackend",
        )
    }
}
RAZEM_OUTBOX_MAX_ATTEMPTS = env_int("RAZEM_OUTBOX_MAX_ATTEMPTS", 6)
RAZEM_OUTBOX_REDACTED_KINDS = {
    "organizations/invitation",
    "account/email/email_confirmation",
    "account/email/email_confirmation_signup",
    "account/email/password_reset_key",
    "account/email/login_code",
    "elections/tracker",
    "identity/link",
}
RAZEM_REFERENCE_CACHE_SECONDS = env_int("RAZEM_REFERENCE_CACHE_SECONDS", 0 if ENV == "test" else 300)
RAZEM_IMPORT_MAX_BYTES = env_int("RAZEM_IMPORT_MAX_BYTES", 50 * 1024 * 1024)
RAZEM_DOCUMENT_MAX_BYTES = env_int("RAZEM_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)

# The cache: a Redis server in production (RAZEM_CACHE_URL, e.g. redis://127.0.0.1:6379/0; docs/deploy.md), shared
# by every worker, answering as a miss while it is down (core.cache.FailSoftRedisCache); without one, the database.
# In the demo and the tests, the memory of the one process.
RAZEM_CACHE_URL = os.environ.get("RAZEM_CACHE_URL", "")
if RAZEM_CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "razem.core.cache.FailSoftRedisCache",
            "LOCATION": RAZEM_CACHE_URL,
            "KEY_PREFIX": "razem",
            "OPTIONS": {
                "socket_connect_timeout": float(os.environ.get("RAZEM_CACHE_TIMEOUT", "0.25")),
                "socket_timeout": float(os.environ.get("RAZEM_CACHE_TIMEOUT", "0.25")),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache"
            if not LOCAL
            else "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "razem_cache",
        }
    }
# Anonymous public pages are served from the cache (core.pagecache) for at most this long, and at once anew when the
# data they show changes. Off (0) in production without a cache server: the database cache would cost more than
# it saves.
RAZEM_PAGE_CACHE_SECONDS = env_int("RAZEM_PAGE_CACHE_SECONDS", 60 if (RAZEM_CACHE_URL or LOCAL) else 0)

# Security headers. Content Security Policy with nonces: no inline script or style without one.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not LOCAL:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    if env_bool("RAZEM_BEHIND_PROXY", True):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_FAILURE_VIEW = "razem.core.views.csrf_failure"

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Logs go to standard error (journald under systemd). In production one JSON object a line (razem.core.logging),
# with the request's id on every line and one "razem.request" line a request; locally plain text.
# RAZEM_LOG_FORMAT=json|text overrides the choice.
LOG_FORMAT = os.environ.get("RAZEM_LOG_FORMAT", "text" if LOCAL else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "razem.core.logging.JsonFormatter"},
        "text": {
            "()": "razem.core.logging.TextFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "text"}
    },
    "root": {"handlers": ["console"], "level": os.environ.get("RAZEM_LOG_LEVEL", "INFO" if not LOCAL else "WARNING")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "django.tasks": {"level": "WARNING" if LOCAL else "INFO"},
    },
}
# The health check (/zdrowie/) fails when the oldest task waiting for the worker has been due this long (seconds).
RAZEM_HEALTH_QUEUE_MAX_AGE = env_int("RAZEM_HEALTH_QUEUE_MAX_AGE", 15 * 60)
# A load balancer probes the health check over plain HTTP on the backend: no redirect to HTTPS for it.
SECURE_REDIRECT_EXEMPT = [r"^zdrowie/$"]

# The office the platform belongs to, shown in the footer, contact page and e-mails.
RAZEM_SITE_NAME = os.environ.get("RAZEM_SITE_NAME", "Razem")
RAZEM_OFFICE = {
    "name": os.environ.get("RAZEM_OFFICE_NAME", "Pełnomocnik Prezydenta Miasta Krakowa ds. organizacji pozarządowych"),
    "unit": os.environ.get("RAZEM_OFFICE_UNIT", "Wydział Polityki Społecznej i Zdrowia, Urząd Miasta Krakowa"),
    "address": os.environ.get("RAZEM_OFFICE_ADDRESS", "ul. Dekerta 24, 30-703 Kraków"),
    # The demo shows the contacts a Kraków office would have; production must set its own (docs/deploy.md).
    "email": os.environ.get(
        "RAZEM_OFFICE_EMAIL", "ngo@um.krakow.pl" if ENV in {"demo", "dev"} else "ngo@razem.localhost"
    ),
    "phone": os.environ.get("RAZEM_OFFICE_PHONE", "+48 12 616 00 00"),
    "dpo_email": os.environ.get(
        "RAZEM_DPO_EMAIL", "iod@um.krakow.pl" if ENV in {"demo", "dev"} else "iod@razem.localhost"
    ),
    "controller": os.environ.get(
        "RAZEM_DATA_CONTROLLER", "Prezydent Miasta Krakowa, pl. Wszystkich Świętych 3-4, 31-004 Kraków"
    ),
}
RAZEM_ACCESSIBILITY = {
    "published": os.environ.get("RAZEM_A11Y_PUBLISHED", "2026-11-26"),
    "updated": os.environ.get("RAZEM_A11Y_UPDATED", "2026-11-26"),
    "contact_name": os.environ.get("RAZEM_A11Y_CONTACT", "Koordynator ds. dostępności"),
}
