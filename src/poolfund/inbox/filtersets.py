import django_filters

from poolfund.inbox.models import Notification
from poolfund.web.query import TruthFilter


class NotificationFilterSet(django_filters.FilterSet):
    """Shared by the notifications page and the API (`/api/v1/me/notifications/`)."""

    unread = TruthFilter(method="filter_unread", help_text="true: only the unread ones.")

    class Meta:
        model = Notification
        fields = ["unread"]

    def filter_unread(self, queryset, name, unread):
        # false asks for nothing more than no filter: every notification, read or not.
        return queryset.filter(read_at__isnull=True) if unread else queryset
