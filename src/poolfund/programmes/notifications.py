"""The messages of the programme cycle: a note submitted (to the FMU), returned or decided (to
its proponents). Sent by `programmes.services.transitions` through
`poolfund.inbox.services.notify`."""

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.accounts.selectors import users_holding
from poolfund.inbox.registry import MessageKind, register_message_kind
from poolfund.programmes.choices import DecisionKind
from poolfund.programmes.models import ConceptNote
from poolfund.programmes.selectors import countries_covered


def fund_management_unit(_record=None) -> QuerySet[User]:
    return users_holding(Role.FMU)


def proponents_of(note: ConceptNote) -> QuerySet[User]:
    """Who speaks for a note: its drafter, the focal points of its organisations and of the
    governments it covers."""
    organisations = note.budget_lines.values("organisation_id")
    by_organisation = users_holding(Role.ORGANISATION_FOCAL_POINT, organisation__in=organisations)
    by_country = users_holding(Role.GOVERNMENT_FOCAL_POINT, country__in=countries_covered(note))
    return (
        by_organisation | by_country | User.objects.filter(pk=note.drafted_by_id, is_active=True)
    ).distinct()


def note_params(note: ConceptNote, **more) -> dict:
    return {"reference": note.reference, "title": note.title, **more}


NOTE_SUBMITTED = register_message_kind(
    MessageKind(
        slug="programmes.note-submitted",
        label=_("A concept note is submitted (to the FMU)"),
        subject=lambda v: gettext("Concept note %(reference)s submitted for screening") % v,
        body=lambda v: (
            gettext(
                "%(reference)s “%(title)s” was submitted on %(submitted_on)s, requesting "
                "%(requested_usd)s. It waits for the eligibility screening."
            )
            % v
        ),
        recipients=fund_management_unit,
    )
)

NOTE_RETURNED = register_message_kind(
    MessageKind(
        slug="programmes.note-returned",
        label=_("A concept note of yours is returned for revision"),
        subject=lambda v: gettext("Concept note %(reference)s returned for revision") % v,
        body=lambda v: (
            gettext(
                "%(reference)s “%(title)s” was returned to its proponents on %(returned_on)s. "
                "Reason: %(reason)s"
            )
            % v
        ),
        recipients=proponents_of,
    )
)


def _decision_body(values) -> str:
    values = {**values, "decision": str(DecisionKind(values["decision"]).label)}
    text = gettext(
        "The Steering Committee decided on %(reference)s “%(title)s” on %(decided_on)s: "
        "%(decision)s."
    )
    if values.get("amount_usd", "—") != "—":
        text += " " + gettext("Approved amount: %(amount_usd)s.")
    return (text + " " + gettext("Reason: %(reason)s")) % values


NOTE_DECIDED = register_message_kind(
    MessageKind(
        slug="programmes.note-decided",
        label=_("The Steering Committee decides on a concept note of yours"),
        subject=lambda v: (
            gettext("Steering Committee decision on %(reference)s: %(decision)s")
            % {**v, "decision": str(DecisionKind(v["decision"]).label)}
        ),
        body=_decision_body,
        recipients=proponents_of,
    )
)


def tell_about_note(kind: MessageKind, note: ConceptNote, *, actor: User | None, **params) -> None:
    """Notify the kind's recipients of a change to a note, with a link to the note."""
    from poolfund.inbox.services import notify

    notify(
        kind.slug,
        about=note,
        actor=actor,
        params=note_params(note, **params),
        url=reverse("programmes:concept-note", args=[note.reference]),
    )
