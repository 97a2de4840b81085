from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "poolfund.opendata"
    label = "opendata"
    verbose_name = _("Open data")

    def ready(self) -> None:
        # Each app registers its bulk datasets in its own `datasets.py`.
        autodiscover_modules("datasets")
