from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

urlpatterns = [
    path("", include("poolfund.web.urls")),
    path("framework/", include("poolfund.framework.urls")),
    path("", include("poolfund.programmes.urls")),
    path("account/", include("poolfund.accounts.urls")),
    path("history/", include("poolfund.audit.urls")),
    path("", include("poolfund.donors.urls")),
    path("open-data/", include("poolfund.opendata.urls")),
    path("iati/", include("poolfund.iati.urls")),
    path("allocation/", include("poolfund.allocation.urls")),
    path("champions/", include("poolfund.champions.urls")),
    path("knowledge/", include("poolfund.knowledge.urls")),
    path("", include("poolfund.reports.urls")),
    path("jobs/", include("poolfund.jobs.urls")),
    path("me/", include("poolfund.inbox.urls")),
    path("reporting/", include("poolfund.reporting.urls")),
    path("results/", include("poolfund.results.urls")),
    path("imports/", include("poolfund.imports.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", include("poolfund.api.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file of its own (no inline script).
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="web/swagger_ui.html"
        ),
        name="api-docs",
    ),
]

handler400 = "poolfund.web.views.bad_request"
