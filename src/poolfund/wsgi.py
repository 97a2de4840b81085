import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "poolfund.settings")
application = get_wsgi_application()
# Import every view and what it needs now, so that a server that loads the app before forking
# (gunicorn --preload, as `poolfund serve` runs it) shares them with all its workers.
get_resolver().url_patterns  # noqa: B018
