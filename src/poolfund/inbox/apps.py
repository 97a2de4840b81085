from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InboxConfig(AppConfig):
    name = "poolfund.inbox"
    verbose_name = _("My work and notifications")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        # Each app declares what waits on people in its `tasks.py` and the messages it sends
        # in its `notifications.py`; the inbox knows none of them by name.
        autodiscover_modules("tasks")
        autodiscover_modules("notifications")
