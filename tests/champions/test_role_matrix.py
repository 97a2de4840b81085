"""Every champion write, called by every role (issue 02's matrix): a government focal point is
the one for Mexico, a champion country that does not co-chair today."""

from datetime import timedelta

from django.utils import timezone

from poolfund.accounts.choices import Role
from poolfund.champions.models import Roadmap, SurveyQuestion
from poolfund.framework.models import Objective, ThematicArea
from poolfund.geo.models import Country
from poolfund.programmes.models import ParticipatingOrganisation
from tests.accounts.factories import user_with_role
from tests.champions.factories import survey_with_topics
from tests.matrix import Endpoint, role_matrix


def open_survey(user) -> dict:
    today = timezone.localdate()
    survey = survey_with_topics("Labour migration", "Return", opens_on=today, closes_on=today)
    ranking = SurveyQuestion.objects.get(survey=survey, kind="topic-ranking")
    return {"survey": survey, "ranking": ranking, "topic": survey.topics.first()}


def roadmap_of_another_country(user) -> dict:
    return {"roadmap": Roadmap.objects.create(title="Return", scope="S", objectives=["O"])}


def roadmap_co_authored_by_the_caller(user) -> dict:
    context = roadmap_of_another_country(user)
    if user is not None:
        context["roadmap"].co_authors.add(user)
    return context


def mexican_roadmap_co_authored_by_the_caller(user) -> dict:
    context = roadmap_co_authored_by_the_caller(user)
    roadmap = context["roadmap"]
    roadmap.countries.set(Country.objects.filter(iso3="MEX"))
    roadmap.gcm_objectives.set(Objective.objects.filter(framework__code="gcm", number=6))
    organisations = ParticipatingOrganisation.objects.filter(acronym__in=["ILO", "IOM"])
    return {
        **context,
        "thematic_area": ThematicArea.objects.get(framework__code="gcm", number=4),
        "organisations": [organisation.pk for organisation in organisations],
    }


def roadmap_and_a_focal_point_to_invite(user) -> dict:
    invitee = user_with_role(Role.GOVERNMENT_FOCAL_POINT, country=Country.objects.get(iso3="PER"))
    return {**roadmap_co_authored_by_the_caller(user), "invitee": invitee}


ROADMAP_FORM = {"title": "Return", "scope": "Reintegration", "objectives": "Jobs"}


def roadmap_form_for(iso3: str):
    """The roadmap form with one country on it (the matrix's focal point speaks for Mexico)."""
    return lambda context: {**ROADMAP_FORM, "countries": [Country.objects.get(iso3=iso3).pk]}


def closed_survey(user) -> dict:
    yesterday = timezone.localdate() - timedelta(days=1)
    survey = survey_with_topics("Return", opens_on=yesterday, closes_on=yesterday)
    return {"survey": survey}


GUATEMALAN_ROADMAP = Endpoint(
    "start a roadmap for Guatemala alone",
    "POST",
    "/champions/roadmaps/new/",
    allowed={Role.FMU},
    payload=roadmap_form_for("GTM"),
    success=(302,),
    refused_by_the_input={Role.GOVERNMENT_FOCAL_POINT},
)
"""Mexico's focal point may start roadmaps but is refused Guatemala by what the form names."""

test_champions_role_matrix = role_matrix(
    Endpoint(
        "turn a roadmap the caller co-authors into a concept note",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/concept-note/",
        # The FMU edits roadmaps but does not propose concept notes (issue 04's rule).
        allowed={Role.GOVERNMENT_FOCAL_POINT},
        payload=lambda c: {
            "thematic_area": c["thematic_area"].pk,
            "duration_months": 12,
            "gender_marker": 1,
            "human_rights_marker": 1,
            "child_sensitivity_marker": 1,
            "organisation_1": c["organisations"][0],
            "amount_1": "1000",
            "organisation_2": c["organisations"][1],
            "amount_2": "1000",
        },
        success=(302,),
        setup=mexican_roadmap_co_authored_by_the_caller,
    ),
    Endpoint(
        "answer Mexico's survey",
        "POST",
        lambda c: f"/champions/surveys/{c['survey'].pk}/answer/",
        allowed={Role.GOVERNMENT_FOCAL_POINT},
        payload=lambda c: {
            "country": "MEX",
            f"question-{c['ranking'].pk}-topic-{c['topic'].pk}": "1",
        },
        success=(302,),
        setup=open_survey,
    ),
    Endpoint(
        "answer Mexico's survey through the API",
        "POST",
        lambda c: f"/api/v1/champions/surveys/{c['survey'].pk}/answers/",
        allowed={Role.GOVERNMENT_FOCAL_POINT},
        api=True,
        payload=lambda c: {"country": "MEX", "answers": {str(c["ranking"].pk): [c["topic"].pk]}},
        success=(201,),
        setup=open_survey,
    ),
    Endpoint(
        "edit a roadmap the caller co-authors",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/edit/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT},
        payload=ROADMAP_FORM,
        success=(302,),
        setup=roadmap_co_authored_by_the_caller,
    ),
    Endpoint(
        "put Mexico on a roadmap the caller co-authors",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/edit/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT},
        payload=roadmap_form_for("MEX"),
        success=(302,),
        setup=roadmap_co_authored_by_the_caller,
    ),
    Endpoint(
        "put Guatemala on a roadmap the caller co-authors",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/edit/",
        # A focal point writes roadmaps for the countries they speak for only (issue 25).
        allowed={Role.FMU},
        payload=roadmap_form_for("GTM"),
        success=(302,),
        refused_by_the_input={Role.GOVERNMENT_FOCAL_POINT},
        setup=roadmap_co_authored_by_the_caller,
    ),
    Endpoint(
        "edit a roadmap of other authors",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/edit/",
        allowed={Role.FMU},
        payload=ROADMAP_FORM,
        success=(302,),
        setup=roadmap_of_another_country,
    ),
    Endpoint(
        "move on a roadmap the caller co-authors",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/advance/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT},
        success=(302,),
        setup=roadmap_co_authored_by_the_caller,
    ),
    Endpoint(
        "invite a co-author to a roadmap the caller co-authors",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/co-authors/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT},
        payload=lambda c: {"username": c["invitee"].username},
        success=(302,),
        setup=roadmap_and_a_focal_point_to_invite,
    ),
    Endpoint(
        "comment on a roadmap",
        "POST",
        lambda c: f"/champions/roadmaps/{c['roadmap'].pk}/comment/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT, Role.CIVIL_SOCIETY},
        payload={"text": "Include returnees."},
        success=(302,),
        setup=roadmap_of_another_country,
    ),
    Endpoint(
        "start a roadmap",
        "POST",
        "/champions/roadmaps/new/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT},
        payload=ROADMAP_FORM,
        success=(302,),
    ),
    Endpoint(
        "start a roadmap for Mexico",
        "POST",
        "/champions/roadmaps/new/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT},
        payload=roadmap_form_for("MEX"),
        success=(302,),
    ),
    GUATEMALAN_ROADMAP,
    Endpoint(
        "record a good practice of Mexico",
        "POST",
        "/champions/practices/new/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT},
        payload={"title": "Mobile consulates", "country": "MEX", "description": "On the road."},
        success=(302,),
    ),
    Endpoint(
        "appoint a co-chair",
        "POST",
        "/champions/co-chairs/new/",
        allowed={Role.FMU},
        payload={
            "country": "MEX",
            "starts_on": (timezone.localdate() + timedelta(days=400)).isoformat(),
        },
        success=(302,),
    ),
    Endpoint(
        "add a champion country",
        "POST",
        "/champions/memberships/new/",
        allowed={Role.FMU},
        payload={"country": "GTM", "starts_on": "2025-01-01"},
        success=(302,),
    ),
    Endpoint(
        "build a survey",
        "POST",
        "/champions/surveys/new/",
        allowed={Role.FMU},
        payload={
            "title": "Priorities",
            "opens_on": "2025-01-01",
            "closes_on": "2025-02-01",
            "topics": "Return | 21",
            "questions": "topic-ranking | Rank the topics",
        },
        success=(302,),
    ),
    Endpoint(
        "see the results of an open survey",
        "GET",
        lambda c: f"/api/v1/champions/surveys/{c['survey'].pk}/results/",
        # The FMU follows a survey while it runs (docs/decisions/0007).
        allowed={Role.FMU},
        api=True,
        setup=open_survey,
    ),
    Endpoint(
        "see the results of a closed survey",
        "GET",
        lambda c: f"/api/v1/champions/surveys/{c['survey'].pk}/results/",
        allowed={Role.FMU, Role.GOVERNMENT_FOCAL_POINT, Role.CIVIL_SOCIETY},
        api=True,
        setup=closed_survey,
    ),
)
