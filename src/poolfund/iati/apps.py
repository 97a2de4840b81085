from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IatiConfig(AppConfig):
    name = "poolfund.iati"
    label = "iati"
    verbose_name = _("IATI")
