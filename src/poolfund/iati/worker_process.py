"""The start of a worker process of the parallel IATI import: a new interpreter, not a fork.

A fork shares what the importing process holds: its other threads and their database
connections (a test's live server, a web server's), pending results on an inherited socket,
signal handlers. Two workers reading one socket read each other's results (seen as "COPY cannot
be mixed with other operations" and as an INSERT that returned nothing). A new interpreter sets
Django up on the databases the importing process uses, a test's own database included.

Nothing here imports a model: this module is loaded before Django is set up.
"""

from typing import Any


def start(databases: dict[str, dict[str, Any]]) -> None:
    import django
    from django.conf import settings

    settings.DATABASES = databases
    django.setup()
