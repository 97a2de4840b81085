"""An imported external activity written back as IATI XML, so that the round trip (import,
then export) can be checked."""

import datetime

from django.db.models import QuerySet

from poolfund.iati.activity import (
    Activity,
    Budget,
    Indicator,
    Money,
    Org,
    Period,
    Result,
    Share,
    Transaction,
)
from poolfund.iati.models import ExternalActivity
from poolfund.iati.reader import DATE_FIELDS
from poolfund.iati.writer import checked_activities_xml


def external_activity(activity: ExternalActivity) -> Activity:
    """The `Activity` an imported external activity holds, as far as the importer keeps it."""
    currency = activity.default_currency

    def money(value, currency_code, value_date, fallback) -> Money:
        return Money(value, currency_code or currency, value_date or fallback)

    def org(ref: str, name: str) -> Org | None:
        return Org(name=name, ref=ref) if ref or name else None

    dates = {
        date_type: getattr(activity, field_name)
        for date_type, field_name in DATE_FIELDS.items()
        if getattr(activity, field_name)
    }
    return Activity(
        identifier=activity.iati_identifier,
        reporting_org=Org(
            name=activity.reporting_org_name,
            ref=activity.reporting_org_ref,
            org_type=activity.reporting_org_type,
        ),
        title=activity.title,
        description=activity.description,
        status=activity.activity_status,
        language=activity.language or "en",
        default_currency=currency,
        participating_orgs=[
            Org(name=each.name, ref=each.ref, org_type=each.org_type, role=each.role)
            for each in activity.participating_orgs.all()
        ],
        dates=dates,
        countries=[_stored_share(each) for each in activity.recipient_countries.all()],
        regions=[_stored_share(each) for each in activity.recipient_regions.all()],
        sectors=[_stored_share(each) for each in activity.sectors.all()],
        budgets=[
            Budget(
                period_start=each.period_start,
                period_end=each.period_end,
                money=money(each.value, each.currency, each.value_date, each.period_start),
                budget_type=each.budget_type,
                status=each.status,
            )
            for each in activity.budgets.all()
        ],
        transactions=[
            Transaction(
                transaction_type=each.transaction_type,
                date=each.date,
                money=money(each.value, each.currency, each.value_date, each.date),
                provider=org(each.provider_org_ref, each.provider_org_name),
                receiver=org(each.receiver_org_ref, each.receiver_org_name),
                description=each.description,
            )
            for each in activity.transactions.all()
        ],
        results=[
            Result(
                result_type=result["type"],
                title=result["title"],
                indicators=[_stored_indicator(each) for each in result["indicators"]],
            )
            for result in activity.results
        ],
    )


def _stored_share(row) -> Share:
    """A stored country, region or sector (countries have no vocabulary, URI or name)."""
    return Share(
        code=row.code,
        percentage=row.percentage,
        vocabulary=getattr(row, "vocabulary", ""),
        vocabulary_uri=getattr(row, "vocabulary_uri", ""),
        name=getattr(row, "name", ""),
    )


def _stored_indicator(stored: dict) -> Indicator:
    year = stored["baseline"]["year"]
    return Indicator(
        title=stored["title"],
        measure=stored["measure"],
        baseline_year=int(year) if year else None,
        baseline_value=stored["baseline"]["value"],
        periods=[
            Period(
                start=datetime.date.fromisoformat(period["start"]),
                end=datetime.date.fromisoformat(period["end"]),
                target=period["target"],
                actual=period["actual"],
            )
            for period in stored["periods"]
        ],
    )


def external_activities_xml(activities: QuerySet[ExternalActivity]) -> bytes:
    found = activities.prefetch_related(
        "participating_orgs",
        "recipient_countries",
        "recipient_regions",
        "sectors",
        "budgets",
        "transactions",
    ).order_by("iati_identifier")
    return checked_activities_xml(external_activity(each) for each in found)
