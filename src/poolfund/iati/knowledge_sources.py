"""How imported IATI activities of other publishers read as knowledge documents
(`poolfund.knowledge`), so that similar work across the Fund and its neighbours shows up."""

from django.urls import reverse

from poolfund.iati.models import ExternalActivity
from poolfund.knowledge.registry import DocumentFields, DocumentSource, register_source


def external_activity_document(activity: ExternalActivity) -> DocumentFields:
    starts = activity.actual_start or activity.planned_start
    organisations = [activity.reporting_org_name or activity.reporting_org_ref]
    organisations += [org.name or org.ref for org in activity.participating_orgs.all()]
    return DocumentFields(
        title=activity.title or activity.iati_identifier,
        text=activity.description,
        url=reverse("iati:external-activity", args=[activity.pk]),
        countries=[
            recipient.country.iso3
            for recipient in activity.recipient_countries.all()
            if recipient.country
        ],
        organisations=[name for name in organisations if name],
        start_date=starts,
        end_date=activity.actual_end or activity.planned_end,
        year=starts.year if starts else None,
    )


register_source(
    DocumentSource(
        kind="external-activity",
        label="IATI activity",
        model=ExternalActivity,
        queryset=lambda: ExternalActivity.objects.prefetch_related(
            "participating_orgs", "recipient_countries__country"
        ),
        to_document=external_activity_document,
        url_segment="external-activities",
    )
)
