from datetime import datetime

from django.db.models import Max

from poolfund.framework.models import Framework


def data_as_of() -> datetime | None:
    """When the data shown was last changed: the newest load of the framework for now."""
    return Framework.objects.aggregate(latest=Max("loaded_at"))["latest"]
