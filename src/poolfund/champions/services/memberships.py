"""Writes of champion countries' memberships and of the co-chairs' rotation."""

from datetime import date, timedelta

from django.db import transaction
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext

from poolfund.accounts.policy import require
from poolfund.audit.choices import AuditAction
from poolfund.audit.services import record_event
from poolfund.champions.models import ChampionMembership, CoChairTerm
from poolfund.errors import DomainError

MAX_CO_CHAIRS = 2


class CoChairRotationError(DomainError):
    code = "co_chair_rotation"


def one_year_term_end(starts_on: date) -> date:
    """The last day of a one-year term starting on `starts_on` (1 Oct 2023 → 30 Sep 2024)."""
    try:
        next_start = starts_on.replace(year=starts_on.year + 1)
    except ValueError:  # 29 February
        next_start = starts_on.replace(year=starts_on.year + 1, day=28) + timedelta(days=1)
    return next_start - timedelta(days=1)


@transaction.atomic
def add_champion_membership(
    *, actor, country, starts_on: date, ends_on: date | None = None, source: str = ""
) -> ChampionMembership:
    require(actor, "champions.manage_initiative")
    overlapping = ChampionMembership.objects.filter(country=country).exclude(ends_on__lt=starts_on)
    if ends_on is not None:
        overlapping = overlapping.filter(starts_on__lte=ends_on)
    if overlapping.exists():
        raise DomainError(
            gettext("%(country)s is already a champion country during those dates.")
            % {"country": country}
        )
    membership = ChampionMembership.objects.create(
        country=country, starts_on=starts_on, ends_on=ends_on, source=source
    )
    record_event(actor=actor, action=AuditAction.CREATE, instance=membership)
    return membership


def co_chair_term_problems(
    country, starts_on: date, ends_on: date, *, excluding: CoChairTerm | None = None
) -> list[str]:
    """Why a co-chair term cannot be added: too long, the same country twice, or a third
    co-chair on some day. Empty when it can."""
    if ends_on < starts_on:
        return [gettext("A term cannot end before it starts.")]
    if ends_on > one_year_term_end(starts_on):
        return [
            gettext("A co-chair term lasts one year at most (until %(day)s).")
            % {"day": one_year_term_end(starts_on)}
        ]
    overlapping = list(
        CoChairTerm.objects.filter(starts_on__lte=ends_on, ends_on__gte=starts_on)
        .exclude(pk=getattr(excluding, "pk", None))
        .select_related("country")
    )
    problems = []
    if any(term.country_id == country.pk for term in overlapping):
        problems.append(
            gettext("%(country)s already co-chairs during part of that term.")
            % {"country": country}
        )
    # The number of co-chairs only rises on the first day of a term, so checking those days
    # within the new term is enough.
    for day in sorted(
        {starts_on} | {term.starts_on for term in overlapping if term.starts_on > starts_on}
    ):
        sitting = [term for term in overlapping if term.starts_on <= day <= term.ends_on]
        if len(sitting) >= MAX_CO_CHAIRS:
            names = get_text_list([str(term.country) for term in sitting], gettext("and"))
            problems.append(
                gettext(
                    "On %(day)s %(names)s already co-chair; there are at most %(most)s co-chairs "
                    "at a time."
                )
                % {"day": date_format(day, "d F Y"), "names": names, "most": MAX_CO_CHAIRS}
            )
            break
    return problems


@transaction.atomic
def appoint_co_chair(
    *, actor, country, starts_on: date, ends_on: date | None = None
) -> CoChairTerm:
    """Appoint a country co-chair for a one-year term (shorter if `ends_on` says so)."""
    require(actor, "champions.manage_initiative")
    ends_on = ends_on or one_year_term_end(starts_on)
    problems = co_chair_term_problems(country, starts_on, ends_on)
    if problems:
        raise CoChairRotationError(" ".join(problems))
    term = CoChairTerm.objects.create(country=country, starts_on=starts_on, ends_on=ends_on)
    record_event(actor=actor, action=AuditAction.CREATE, instance=term)
    return term
