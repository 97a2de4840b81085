from django.urls import path

from poolfund.reports import views

app_name = "reports"
urlpatterns = [
    path("dashboards/", views.fund_overview, name="fund-overview"),
    path("dashboards/regions/<str:m49_code>/", views.region_dashboard, name="region"),
    path("dashboards/countries/<str:iso3>/", views.country_dashboard, name="country"),
    path("reports/brief/<str:m49_code>/", views.brief, name="brief"),
]
