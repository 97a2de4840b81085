"""Who may do what in the Champion Countries Initiative.

A government focal point acts for the one country its role is scoped to: it answers that
country's surveys, edits the roadmaps it co-authors and puts only its own country on them.
Civil-society representatives comment.
The Fund Management Unit runs the initiative; the co-chairs' focal points build its surveys.
"""

from datetime import date

from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.accounts.policy import active_role_assignments, holds_role, permission


def focal_point_country_ids(user, on: date | None = None) -> set[int]:
    """The countries a user is a government focal point for on a day."""
    return {
        assignment.country_id
        for assignment in active_role_assignments(user, on)
        if assignment.role == Role.GOVERNMENT_FOCAL_POINT
    }


def speaks_for_country(user, country=None) -> bool:
    """Focal point for the country; without one, for some country (the right checked before
    the input names the country)."""
    countries = focal_point_country_ids(user)
    return bool(countries) if country is None else country.pk in countries


def _is_co_chair_focal_point(user) -> bool:
    from poolfund.champions.models import CoChairTerm

    countries = focal_point_country_ids(user)
    today = timezone.localdate()
    return bool(countries) and (
        CoChairTerm.objects.active_on(today).filter(country_id__in=countries).exists()
    )


@permission(
    "champions.manage_initiative",
    "manage champion countries, co-chairs and forums",
    roles=(Role.FMU,),
)
def manage_initiative(user, obj=None) -> bool:
    return holds_role(user, Role.FMU)


@permission(
    "champions.build_survey",
    "build priority-topic surveys and follow who has answered",
    roles=(Role.FMU, Role.GOVERNMENT_FOCAL_POINT),
)
def build_survey(user, obj=None) -> bool:
    return holds_role(user, Role.FMU) or _is_co_chair_focal_point(user)


@permission(
    "champions.answer_survey",
    "answer a survey for your own country",
    roles=(Role.GOVERNMENT_FOCAL_POINT,),
)
def answer_survey(user, country=None) -> bool:
    return speaks_for_country(user, country)


@permission(
    "champions.view_survey_results",
    "see the results of a survey (those who build surveys at any time, participants once it"
    " has closed; docs/decisions/0007)",
    roles=(Role.FMU, Role.GOVERNMENT_FOCAL_POINT, Role.CIVIL_SOCIETY),
)
def view_survey_results(user, survey=None) -> bool:
    if build_survey(user):
        return True
    is_participant = holds_role(user, Role.GOVERNMENT_FOCAL_POINT) or holds_role(
        user, Role.CIVIL_SOCIETY
    )
    return is_participant and survey is not None and survey.closes_on < timezone.localdate()


@permission(
    "champions.draft_roadmap",
    "start a roadmap",
    roles=(Role.FMU, Role.GOVERNMENT_FOCAL_POINT),
)
def draft_roadmap(user, obj=None) -> bool:
    return holds_role(user, Role.FMU) or holds_role(user, Role.GOVERNMENT_FOCAL_POINT)


@permission(
    "champions.write_roadmap_for_countries",
    "put on a roadmap only countries you are focal point for (the FMU: any country)",
    roles=(Role.FMU, Role.GOVERNMENT_FOCAL_POINT),
)
def write_roadmap_for_countries(user, countries=None) -> bool:
    """`countries`: those a write puts on a roadmap (all of a new one's, the added ones of an
    edit); a co-author from another country adds that country themself."""
    if holds_role(user, Role.FMU):
        return True
    own = focal_point_country_ids(user)
    return bool(own) and {country.pk for country in countries or ()} <= own


@permission(
    "champions.edit_roadmap",
    "edit a roadmap you co-author (the FMU: any roadmap, docs/decisions/0007)",
    roles=(Role.FMU, Role.GOVERNMENT_FOCAL_POINT),
)
def edit_roadmap(user, roadmap=None) -> bool:
    if holds_role(user, Role.FMU):
        return True
    return (
        roadmap is not None
        and holds_role(user, Role.GOVERNMENT_FOCAL_POINT)
        and roadmap.co_authors.filter(pk=user.pk).exists()
    )


@permission(
    "champions.comment_on_roadmap",
    "comment on a roadmap",
    roles=(Role.FMU, Role.GOVERNMENT_FOCAL_POINT, Role.CIVIL_SOCIETY),
)
def comment_on_roadmap(user, roadmap=None) -> bool:
    return any(
        holds_role(user, role)
        for role in (Role.CIVIL_SOCIETY, Role.GOVERNMENT_FOCAL_POINT, Role.FMU)
    )


@permission(
    "champions.record_good_practice",
    "record a good practice of your country",
    roles=(Role.FMU, Role.GOVERNMENT_FOCAL_POINT),
)
def record_good_practice(user, country=None) -> bool:
    return holds_role(user, Role.FMU) or speaks_for_country(user, country)
