from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ChampionsConfig(AppConfig):
    name = "poolfund.champions"
    verbose_name = _("GCM Champion Countries")
