"""Who may reach the programme-cycle pages and API, called by every kind of caller."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from poolfund.accounts.choices import Role
from poolfund.accounts.models import RoleAssignment
from poolfund.allocation.models import AllocationRound
from poolfund.programmes.choices import ConceptNoteState as State
from tests.matrix import ANONYMOUS, SIGNED_IN, Endpoint, role_matrix
from tests.programmes.factories import Cast, note_in, organisation
from tests.programmes.test_api import draft_payload

PROPONENTS = {Role.ORGANISATION_FOCAL_POINT, Role.GOVERNMENT_FOCAL_POINT}


def speaking_for_iom(user) -> dict:
    """Organisation focal points are scoped; the caller's is IOM's, a partner of the note."""
    if user is not None:
        RoleAssignment.objects.filter(user=user, role=Role.ORGANISATION_FOCAL_POINT).update(
            organisation=organisation("IOM")
        )
    return {}


NOTE_READERS = {Role.FMU, Role.STEERING_COMMITTEE, *PROPONENTS}


def draft_the_caller_may_see(user) -> dict:
    """A draft of IOM's for Mexico: the caller, if a focal point, speaks for IOM or Mexico."""
    speaking_for_iom(user)
    return {"note": note_in(State.DRAFT, Cast.create())}


def a_pdf(context) -> dict:
    return {"file": SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", "application/pdf")}


def note_and_round(state: State):
    def setup(user) -> dict:
        note = note_in(state, Cast.create())
        name = f"Matrix round of {note.reference}"
        return {
            "note": note,
            "round": AllocationRound.objects.create(name=name, decided_on=date.today()),
        }

    return setup


def approval(context) -> dict:
    return {"allocation_round": context["round"].pk, "amount_usd": "500000", "reason": "Balance."}


def joint_programme(context) -> dict:
    return {"code": "MATRIX-1", "starts_on": "2025-01-01", "ends_on": "2026-01-01"}


def programme(user) -> dict:
    speaking_for_iom(user)
    return {"programme": note_in(State.JOINT_PROGRAMME, Cast.create()).joint_programme}


def programme_and_pool(user) -> dict:
    from tests.programmes.test_transfers import pool_with

    programme = note_in(State.JOINT_PROGRAMME, Cast.create()).joint_programme
    return {"programme": programme, "pool": pool_with("1000000")}


def transfer(context) -> dict:
    return {
        "organisation": organisation("IOM").pk,
        "pool": context["pool"].pk,
        "amount_usd": "1000",
        "occurred_on": "2025-03-01",
    }


test_programme_cycle_role_matrix = role_matrix(
    Endpoint(
        "see the concept-note board",
        "GET",
        "/concept-notes/",
        allowed={Role.FMU, Role.STEERING_COMMITTEE, *PROPONENTS},
    ),
    Endpoint("open the draft form", "GET", "/concept-notes/new/", allowed=PROPONENTS),
    Endpoint(
        "draft a concept note in the API",
        "POST",
        "/api/v1/concept-notes/",
        allowed=PROPONENTS,
        api=True,
        setup=speaking_for_iom,
        payload=lambda context: draft_payload(),
        success=(201,),
    ),
    Endpoint(
        "approve a note in the pipeline in the API",
        "POST",
        lambda context: f"/api/v1/concept-notes/{context['note'].reference}/approve/",
        allowed={Role.STEERING_COMMITTEE},
        api=True,
        setup=note_and_round(State.IN_PIPELINE),
        payload=approval,
    ),
    Endpoint(
        "approve a note in the pipeline on its page",
        "POST",
        lambda context: f"/concept-notes/{context['note'].reference}/approve/",
        allowed={Role.STEERING_COMMITTEE},
        setup=note_and_round(State.IN_PIPELINE),
        payload=lambda context: {f"approve-{k}": v for k, v in approval(context).items()},
        success=(302,),
    ),
    Endpoint(
        "create the Joint Programme of an approved note in the API",
        "POST",
        lambda context: (
            f"/api/v1/concept-notes/{context['note'].reference}/create-joint-programme/"
        ),
        allowed={Role.FMU},
        api=True,
        setup=note_and_round(State.APPROVED),
        payload=joint_programme,
    ),
    Endpoint(
        "transfer to an organisation in the API",
        "POST",
        lambda context: f"/api/v1/programmes/{context['programme'].code}/transfers/",
        allowed={Role.FMU},
        api=True,
        setup=programme_and_pool,
        payload=transfer,
        success=(201,),
    ),
    Endpoint(
        "transfer to an organisation on the programme page",
        "POST",
        lambda context: f"/programmes/{context['programme'].code}/transfers/",
        allowed={Role.FMU},
        setup=programme_and_pool,
        payload=transfer,
        success=(302,),
    ),
    Endpoint(
        "report IOM's expenditure on the programme page",
        "POST",
        lambda context: f"/programmes/{context['programme'].code}/expenditure/",
        allowed={Role.FMU, Role.ORGANISATION_FOCAL_POINT},
        setup=programme,
        payload=lambda context: {
            "organisation": organisation("IOM").pk,
            "period_start": "2025-01-01",
            "period_end": "2025-06-30",
            "amount_usd": "1000",
        },
        success=(302,),
    ),
    Endpoint(
        "see a draft concept note",
        "GET",
        lambda context: f"/concept-notes/{context['note'].reference}/",
        allowed=NOTE_READERS,
        setup=draft_the_caller_may_see,
        refusal=404,
    ),
    Endpoint(
        "see a draft concept note in the API",
        "GET",
        lambda context: f"/api/v1/concept-notes/{context['note'].reference}/",
        allowed=NOTE_READERS,
        api=True,
        setup=draft_the_caller_may_see,
        refusal=404,
    ),
    Endpoint(
        "see a published concept note",
        "GET",
        lambda context: f"/concept-notes/{context['note'].reference}/",
        allowed={*SIGNED_IN, ANONYMOUS},
        setup=lambda user: {"note": note_in(State.IN_PIPELINE, Cast.create())},
    ),
    Endpoint(
        "revise a draft concept note",
        "POST",
        lambda context: f"/concept-notes/{context['note'].reference}/edit/",
        allowed=PROPONENTS,
        setup=draft_the_caller_may_see,
        payload=lambda context: draft_payload(),
        success=(302,),
    ),
    Endpoint(
        "attach a document to a draft concept note",
        "POST",
        lambda context: f"/concept-notes/{context['note'].reference}/documents/",
        allowed=PROPONENTS,
        setup=draft_the_caller_may_see,
        payload=a_pdf,
        success=(302,),
    ),
)
