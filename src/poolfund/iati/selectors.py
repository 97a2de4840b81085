"""Reads of external activities, shaped for the API, the pages and the bulk downloads."""

from django.db.models import Count, Prefetch, QuerySet

from poolfund.iati.models import ExternalActivity, ExternalRecipientCountry, ExternalSector


def external_activities() -> QuerySet[ExternalActivity]:
    """Every external activity with its countries and sectors, and how many problems it has."""
    return (
        ExternalActivity.objects.annotate(problem_count=Count("problems", distinct=True))
        .prefetch_related(
            Prefetch(
                "recipient_countries", queryset=ExternalRecipientCountry.objects.order_by("id")
            ),
            Prefetch("sectors", queryset=ExternalSector.objects.order_by("id")),
        )
        .order_by("reporting_org_ref", "iati_identifier")
    )


def external_activity_detail() -> QuerySet[ExternalActivity]:
    return external_activities().prefetch_related(
        "participating_orgs", "recipient_regions", "budgets", "transactions", "problems"
    )
