from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "poolfund.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app registers its jobs in its own `jobs.py`, so `enqueue` knows them by name.
        autodiscover_modules("jobs")
