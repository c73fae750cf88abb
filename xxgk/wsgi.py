"""WSGI entry point (gunicorn xxgk.wsgi)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xxgk.settings")

from xxgk import startup

startup.load_settings()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
startup.check_database()
