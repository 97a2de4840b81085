from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "poolfund.reporting"
    verbose_name = _("Reporting calendar")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app that gives a kind of report its content (indicator values, expenditure by
        # category) registers it in its own `report_contents.py`; see `reporting.contents`.
        autodiscover_modules("report_contents")
