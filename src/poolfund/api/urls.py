"""The versioned API: each app contributes its own `api/urls.py`."""

from django.urls import include, path

urlpatterns = [
    path("framework/", include("poolfund.framework.api.urls")),
    # Before the programmes: `concept-notes/<reference>/similar/` is not a transition.
    path("", include("poolfund.knowledge.api.urls")),
    path("", include("poolfund.programmes.api.urls")),
    path("results/", include("poolfund.results.api.urls")),
    path("", include("poolfund.results.api.entry_urls")),
    path("reports/", include("poolfund.reporting.api.urls")),
    path("accounts/", include("poolfund.accounts.api.urls")),
    path("audit/", include("poolfund.audit.api.urls")),
    path("", include("poolfund.allocation.api.urls")),
    path("", include("poolfund.donors.api.urls")),
    path("external-activities/", include("poolfund.iati.api.urls")),
    path("iati-organisations/", include("poolfund.iati.api.identifier_urls")),
    path("champions/", include("poolfund.champions.api.urls")),
    path("jobs/", include("poolfund.jobs.api.urls")),
    path("me/", include("poolfund.inbox.api.urls")),
    path("imports/", include("poolfund.imports.api.urls")),
]
