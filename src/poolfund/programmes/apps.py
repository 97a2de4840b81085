from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "poolfund.programmes"
    verbose_name = _("Programme cycle")
