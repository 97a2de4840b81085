from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def create_cache_table(using: str, **kwargs) -> None:
    """The shared cache's table (settings.CACHES) is not a model: make it with the others.
    Sent once per app with models (this app has none), so it runs a few times; it is
    idempotent."""
    call_command("createcachetable", database=using, verbosity=0)


class OpsConfig(AppConfig):
    name = "poolfund.ops"
    verbose_name = _("Operations: serving, backups, scale data")

    def ready(self) -> None:
        post_migrate.connect(create_cache_table, dispatch_uid="poolfund-cache-table")
