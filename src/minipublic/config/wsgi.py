"""WSGI entry point for gunicorn and other servers: ``minipublic.config.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minipublic.config.settings")
application = get_wsgi_application()
