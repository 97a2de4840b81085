from datetime import date

from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.accounts.policy import can, require
from poolfund.champions import selectors
from poolfund.champions.api import serializers
from poolfund.champions.models import Survey
from poolfund.champions.services.surveys import submit_survey_response
from poolfund.web.query import day_in_query

DATE_PARAMETER = OpenApiParameter(
    "date", OpenApiTypes.DATE, description="The day to ask about (YYYY-MM-DD); today if absent."
)


def requested_day(request) -> date:
    return day_in_query(request.query_params, "date")


@extend_schema(parameters=[DATE_PARAMETER])
class ChampionCountryList(generics.ListAPIView):
    """The champion countries on a day, with the regional processes each belongs to."""

    serializer_class = serializers.ChampionCountrySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.champion_countries_on(requested_day(self.request))


@extend_schema(parameters=[DATE_PARAMETER])
class CoChairList(generics.ListAPIView):
    """The co-chairs of the initiative on a day (at most two)."""

    serializer_class = serializers.CoChairSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.co_chairs_on(requested_day(self.request))


class CoChairRotation(generics.ListAPIView):
    """Every co-chair term, oldest first."""

    serializer_class = serializers.CoChairSerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.co_chair_rotation()


class ForumList(generics.ListAPIView):
    serializer_class = serializers.ForumSerializer

    def get_queryset(self):
        return selectors.forums_with_details()


class ForumDetail(generics.RetrieveAPIView):
    serializer_class = serializers.ForumSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.forums_with_details()


class SurveyList(generics.ListAPIView):
    serializer_class = serializers.SurveySerializer
    queryset = Survey.objects.select_related("forum").prefetch_related(
        "topics__objectives", "questions"
    )


class SurveyResults(APIView):
    """Response rate and Borda ranking of the topics; participants see them once it closed."""

    @extend_schema(responses=serializers.SurveyResultsSerializer)
    def get(self, request, pk: int):
        survey = get_object_or_404(Survey, pk=pk)
        if not can(request.user, "champions.view_survey_results", survey):
            self.permission_denied(
                request,
                f"The results are shown to participants after the survey closes on "
                f"{survey.closes_on:%d %B %Y}.",
            )
        results = selectors.survey_results(survey)
        return Response(serializers.SurveyResultsSerializer(results).data)


class SurveyAnswers(APIView):
    """A focal point submits (or, until close, replaces) its country's answers."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=serializers.SurveyAnswersInputSerializer, responses={201: None})
    def post(self, request, pk: int):
        survey = get_object_or_404(Survey, pk=pk)
        require(request.user, "champions.answer_survey")
        given = serializers.SurveyAnswersInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        try:
            answers = {int(key): value for key, value in given.validated_data["answers"].items()}
        except ValueError:
            raise ValidationError({"answers": "Key the answers by question id."}) from None
        response = submit_survey_response(
            actor=request.user,
            survey=survey,
            country=given.validated_data["country"],
            answers=answers,
        )
        return Response({"country": response.country.iso3, "survey": survey.pk}, status=201)


class RoadmapList(generics.ListAPIView):
    serializer_class = serializers.RoadmapSerializer

    def get_queryset(self):
        return selectors.roadmaps_with_details()


class RoadmapDetail(generics.RetrieveAPIView):
    serializer_class = serializers.RoadmapSerializer

    def get_queryset(self):
        return selectors.roadmaps_with_details()


@extend_schema(
    parameters=[
        OpenApiParameter("objective", OpenApiTypes.INT, description="GCM objective number"),
        OpenApiParameter("country", OpenApiTypes.STR, description="ISO alpha-3 code"),
        OpenApiParameter("q", OpenApiTypes.STR, description="Words in title, description, results"),
    ]
)
class GoodPracticeList(generics.ListAPIView):
    """Good practices, searchable by GCM objective, country and text."""

    serializer_class = serializers.GoodPracticeSerializer

    def get_queryset(self):
        params = self.request.query_params
        objective = params.get("objective", "")
        return selectors.good_practices_matching(
            objective_number=int(objective) if objective.isdigit() else None,
            country_iso3=params.get("country", ""),
            text=params.get("q", ""),
        )
