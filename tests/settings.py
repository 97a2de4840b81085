"""Settings for the test suite: the production settings with a throw-away secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-secret-key-not-for-production")

from poolfund.settings import *  # noqa: F403

ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come from the app folders in tests; there is no collected STATIC_ROOT.
STATIC_ROOT = None
