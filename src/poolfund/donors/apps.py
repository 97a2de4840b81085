from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonorsConfig(AppConfig):
    name = "poolfund.donors"
    verbose_name = _("Donors and contributions")
