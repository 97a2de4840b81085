"""`/api/v1/iati-organisations/`: the IATI organisation identifiers the export uses (FMU)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.api.permissions import allowed_by
from poolfund.iati.identifiers import (
    KINDS,
    identified,
    identified_organisations,
    set_iati_identifier,
)

PERMISSION = "iati.set_organisation_identifier"


class IdentifiedOrganisationSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=sorted(KINDS),
        help_text="participating (UN organisation), partner (national) or donor",
    )
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    identifier = serializers.CharField(
        allow_blank=True,
        help_text="The IATI organisation identifier the export uses; empty: "
        "the organisation is named only.",
    )
    source = serializers.CharField(allow_blank=True, help_text="Where the identifier comes from.")


class IdentifierInputSerializer(serializers.Serializer):
    identifier = serializers.CharField(
        allow_blank=True,
        max_length=200,
        help_text="An IATI organisation identifier (e.g. XM-DAC-47066); empty clears the one "
        "the FMU set.",
    )


class IdentifiedOrganisationList(APIView):
    permission_classes = [IsAuthenticated, allowed_by(PERMISSION)]

    @extend_schema(responses=IdentifiedOrganisationSerializer(many=True))
    def get(self, request: Request) -> Response:
        rows = identified_organisations()
        return Response(IdentifiedOrganisationSerializer(rows, many=True).data)


class IdentifiedOrganisationDetail(APIView):
    permission_classes = [IsAuthenticated, allowed_by(PERMISSION)]

    def organisation(self, kind: str, pk: int):
        if kind not in KINDS:
            raise Http404("No such kind of organisation.")
        return get_object_or_404(KINDS[kind], pk=pk)

    @extend_schema(responses=IdentifiedOrganisationSerializer)
    def get(self, request: Request, kind: str, pk: int) -> Response:
        found = identified(kind, self.organisation(kind, pk))
        return Response(IdentifiedOrganisationSerializer(found).data)

    @extend_schema(request=IdentifierInputSerializer, responses=IdentifiedOrganisationSerializer)
    def patch(self, request: Request, kind: str, pk: int) -> Response:
        organisation = self.organisation(kind, pk)
        given = IdentifierInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        set_iati_identifier(
            actor=request.user,
            organisation=organisation,
            identifier=given.validated_data["identifier"],
        )
        organisation.refresh_from_db()
        return Response(IdentifiedOrganisationSerializer(identified(kind, organisation)).data)
