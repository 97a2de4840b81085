from collections.abc import Mapping

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.policy import require, signed_in_user
from poolfund.api.form_schemas import form_serializer
from poolfund.ledger.models import USD_DIGITS
from poolfund.programmes.api.serializers import ConceptNoteSerializer, ProgrammeSerializer
from poolfund.programmes.filtersets import JointProgrammeFilterSet
from poolfund.programmes.forms import (
    TRANSITION_FORMS,
    ConceptNoteForm,
    TransferForm,
    transition_form,
    transition_permission,
)
from poolfund.programmes.models import JointProgramme
from poolfund.programmes.selectors import (
    concept_notes_visible_to,
    programmes,
    transferred_by_organisation,
)
from poolfund.programmes.services.concept_notes import draft_concept_note


def form_data(request: Request) -> Mapping:
    """The body as the forms read it: a JSON object (or form fields); anything else is a 400."""
    if not isinstance(request.data, Mapping):
        raise ValidationError({"non_field_errors": ["The body must be a JSON object."]})
    return request.data


def validated(form):
    """The form, valid, or a 400 in the API's one error shape."""
    if not form.is_valid():
        raise ValidationError({name: errors for name, errors in form.errors.items()})
    return form


class ProgrammeList(generics.ListAPIView):
    """Joint Programmes; a programme of a regional body counts for its member countries."""

    serializer_class = ProgrammeSerializer
    filterset_class = JointProgrammeFilterSet

    def get_queryset(self):
        return programmes()


ConceptNoteInput = form_serializer(ConceptNoteForm, "ConceptNoteInput")
TRANSITION_INPUTS = PolymorphicProxySerializer(
    component_name="ConceptNoteTransitionInput",
    serializers=[
        form_serializer(form_class, f"ConceptNote{form_class.__name__.removesuffix('Form')}Input")
        for form_class in dict.fromkeys(form for form, _service in TRANSITION_FORMS.values())
    ],
    resource_type_field_name=None,
)
TransferInput = form_serializer(TransferForm, "TransferInput")


class TransferCreated(serializers.Serializer):
    programme = serializers.CharField(help_text="Joint Programme code.")
    organisation = serializers.CharField(help_text="The organisation's acronym.")
    ledger_transaction = serializers.IntegerField(help_text="The ledger transaction posted.")
    transferred_usd = serializers.DecimalField(
        help_text="USD transferred to the organisation for the programme so far.", **USD_DIGITS
    )


@extend_schema_view(
    post=extend_schema(
        request=ConceptNoteInput,
        responses={201: ConceptNoteSerializer},
        description="Draft a concept note with the fields of the concept-note form, and its "
        "shares by organisation as `share_<organisation id>` (USD, decimal strings).",
    )
)
class ConceptNoteList(generics.ListCreateAPIView):
    """Concept notes you may see (the public sees the published pipeline). POST drafts one with
    the fields of the concept-note form; shares by organisation as `share_<organisation id>`."""

    serializer_class = ConceptNoteSerializer

    def get_queryset(self):
        return concept_notes_visible_to(self.request.user)

    def create(self, request: Request, *args, **kwargs) -> Response:
        require(request.user, "programmes.draft_concept_note")
        form = validated(ConceptNoteForm(form_data(request)))
        note = draft_concept_note(actor=signed_in_user(request), content=form.content())
        return Response(ConceptNoteSerializer(note).data, status=status.HTTP_201_CREATED)


class ConceptNoteDetail(generics.RetrieveAPIView):
    """A published note for anyone; others for those who may see them (a caller without a
    token is asked for one, whether the note exists or not)."""

    serializer_class = ConceptNoteSerializer
    lookup_field = "reference"

    def get_queryset(self):
        return concept_notes_visible_to(self.request.user)

    def get_object(self):
        try:
            return super().get_object()
        except Http404:
            if not self.request.user.is_authenticated:
                raise NotAuthenticated() from None
            raise


class ConceptNoteTransition(APIView):
    """Move a concept note: `submit`, `screen`, `score`, `prioritise`, `approve`,
    `create-joint-programme`, `return`, `reject`, `withdraw`, with that form's fields."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="concept_note_transition",
        request=TRANSITION_INPUTS,
        responses=ConceptNoteSerializer,
        description="The body is the fields of the action's form: `reason` (submit, "
        "prioritise, return, reject, withdraw), `eligible` and `reasons` (screen), "
        "`recommendation`, `comment` and `points_<criterion code>` (score), "
        "`allocation_round`, `amount_usd` and `reason` (approve), `code`, `starts_on` and "
        "`ends_on` (create-joint-programme).",
    )
    def post(self, request: Request, reference: str, action: str) -> Response:
        if action not in TRANSITION_FORMS:
            raise NotFound(f"No action called {action!r}.")
        note = get_object_or_404(concept_notes_visible_to(request.user), reference=reference)
        require(request.user, transition_permission(action), note)
        validated(transition_form(action, form_data(request))).perform(
            actor=signed_in_user(request), note=note
        )
        note.refresh_from_db()
        return Response(ConceptNoteSerializer(note).data)


class ProgrammeTransferCreate(APIView):
    """Transfer from the Fund to an organisation of the programme (Fund Management Unit):
    `organisation` (id), `pool` (ledger account id), `amount_usd`, `occurred_on`, `memo`."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="programme_transfer_create",
        request=TransferInput,
        responses={201: TransferCreated},
    )
    def post(self, request: Request, code: str) -> Response:
        programme = get_object_or_404(JointProgramme, code=code)
        require(request.user, TransferForm.permission)
        form = validated(TransferForm(form_data(request), programme=programme))
        transfer = form.perform(actor=signed_in_user(request))
        created = TransferCreated(
            {
                "programme": programme.code,
                "organisation": transfer.organisation.acronym,
                "ledger_transaction": transfer.transaction.pk,
                "transferred_usd": transferred_by_organisation(programme)[transfer.organisation.pk],
            }
        )
        return Response(created.data, status=status.HTTP_201_CREATED)
