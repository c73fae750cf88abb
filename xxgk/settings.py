"""Django settings for xxgk, read from ``XXGK_*`` environment variables (see README.md).

Two modes: ``XXGK_ENV=development`` (the default: SQLite under ``var/``, debug pages, mail written
to files) and ``XXGK_ENV=production`` (secret key and hosts required, secure cookies, HSTS).
"""

import os
from pathlib import Path

from xxgk import env

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env.text("XXGK_DATA_DIR", str(BASE_DIR / "var"))).resolve()

MODE = env.text("XXGK_ENV", "development")
if MODE not in {"development", "production"}:
    raise env.ConfigError(f"环境变量 XXGK_ENV 的值“{MODE}”无效：应为 development 或 production。")
PRODUCTION = MODE == "production"
DEBUG = env.flag("XXGK_DEBUG", not PRODUCTION)

SECRET_KEY = env.text("XXGK_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise env.ConfigError("生产模式必须设置环境变量 XXGK_SECRET_KEY（至少 50 个随机字符）。")
    SECRET_KEY = "development-only-key-not-secret-xxgk-0123456789-abcdefghijklmnopqrstuvwxyz"  # noqa: S105
elif PRODUCTION and len(SECRET_KEY) < 50:
    raise env.ConfigError("环境变量 XXGK_SECRET_KEY 太短：生产模式需要至少 50 个随机字符。")

# Key for applicants' identity and contact data at rest (xxgk.foi.fields); falls back to SECRET_KEY.
# Set it once before the first application and keep it: changing it makes stored values unreadable.
FIELD_ENCRYPTION_KEY = env.text("XXGK_FIELD_KEY")

ALLOWED_HOSTS = env.words("XXGK_ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1 localhost testserver")
if PRODUCTION and not ALLOWED_HOSTS:
    raise env.ConfigError("生产模式必须设置环境变量 XXGK_ALLOWED_HOSTS（对外服务的域名，空格分隔）。")
BASE_URL = env.text("XXGK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
CSRF_TRUSTED_ORIGINS = [BASE_URL] if BASE_URL.startswith("https://") else []

INSTALLED_APPS = [
    "xxgk.core",
    "xxgk.catalog",
    "xxgk.screening",
    "xxgk.search",
    "xxgk.foi",
    "xxgk.reports",
    "xxgk.portal",
    "xxgk.api",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "xxgk.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "xxgk.urls"
WSGI_APPLICATION = "xxgk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "xxgk" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "xxgk.portal.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": env.database("XXGK_DATABASE_URL", DATA_DIR / "xxgk.sqlite3")}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not pytest's shared in-memory database: threads (concurrency tests, the live server
    # of browser tests) then lock it exactly as production processes do.
    # One file per process, so that two test runs in one checkout never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.redis_url("XXGK_REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Tasks run in-process by default; production points this at a worker-backed queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# The back office is Chinese whatever the browser asks for: no LocaleMiddleware.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "xxgk" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request when it is missing
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# Attachments of catalogue entries: outside MEDIA_ROOT on purpose, so that no static route (nor an nginx
# alias for /media/) can serve a draft's file; the portal's download view serves public ones only.
ATTACHMENTS_ROOT = DATA_DIR / "attachments"
_ATTACHMENT_MAX_MB = env.text("XXGK_ATTACHMENT_MAX_MB", "20")
if not _ATTACHMENT_MAX_MB.isdigit() or int(_ATTACHMENT_MAX_MB) == 0:
    raise env.ConfigError(f"环境变量 XXGK_ATTACHMENT_MAX_MB 的值“{_ATTACHMENT_MAX_MB}”无效：应为正整数（单位 MB）。")
ATTACHMENT_MAX_BYTES = int(_ATTACHMENT_MAX_MB) * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

EMAIL_HOST = env.text("XXGK_EMAIL_HOST")
DEFAULT_FROM_EMAIL = env.text("XXGK_EMAIL_FROM", "xxgk@localhost")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(env.text("XXGK_EMAIL_PORT", "25"))
    EMAIL_HOST_USER = env.text("XXGK_EMAIL_USER")
    EMAIL_HOST_PASSWORD = env.text("XXGK_EMAIL_PASSWORD")
    EMAIL_USE_TLS = env.flag("XXGK_EMAIL_TLS", False)
else:
    # No mail server configured: keep mail as files an operator can read, never lose it.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.flag("XXGK_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env.text("XXGK_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"  # Wagtail's preview panel frames our own pages
SILENCED_SYSTEM_CHECKS = ["security.W019"]  # the SAMEORIGIN above is deliberate

WAGTAIL_SITE_NAME = "政务公开平台"
WAGTAILADMIN_BASE_URL = BASE_URL
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no requests to outside services
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文")]
WAGTAIL_I18N_ENABLED = False
# The review's final approval publishes through catalog.services.go_live (screening gate, 索引号, search index).
WAGTAIL_FINISH_WORKFLOW_ACTION = "xxgk.catalog.workflow_finish.finish_workflow"
WAGTAILADMIN_USER_LOGIN_FORM = "xxgk.core.forms.LoginForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "wps", "ofd", "txt", "zip"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.text("XXGK_LOG_LEVEL", "WARNING")},
}
