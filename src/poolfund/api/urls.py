"""The versioned API: each app contributes its own `api/urls.py`."""

from django.urls import include, path

urlpatterns = [
    path("framework/", include("poolfund.framework.api.urls")),
    path("accounts/", include("poolfund.accounts.api.urls")),
    path("audit/", include("poolfund.audit.api.urls")),
    path("allocation/", include("poolfund.allocation.api.urls")),
    path("", include("poolfund.donors.api.urls")),
    path("jobs/", include("poolfund.jobs.api.urls")),
]
