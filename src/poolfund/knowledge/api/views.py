from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from poolfund.api.permissions import allowed_by
from poolfund.knowledge import services
from poolfund.knowledge.api.serializers import (
    LessonSerializer,
    PracticeSerializer,
    SearchPageSerializer,
    SimilarWorkPageSerializer,
    SuggestionFeedbackSerializer,
    SuggestionRequestSerializer,
    SuggestionsSerializer,
)
from poolfund.knowledge.forms import SearchForm
from poolfund.knowledge.models import Lesson, Practice
from poolfund.knowledge.registry import DocumentSource
from poolfund.knowledge.search import search_documents
from poolfund.knowledge.selectors import similar_work_for_record
from poolfund.knowledge.similarity import current_method
from poolfund.knowledge.suggestions import suggest_objectives

SEARCH_PARAMETERS = [
    OpenApiParameter("q", str, description="Words to find (all of them)."),
    OpenApiParameter("country", str, description="ISO 3166 alpha-3 code."),
    OpenApiParameter("region", str, description="UN M49 code or region name."),
    OpenApiParameter("objective", int, description="GCM objective number."),
    OpenApiParameter("thematic_area", int, description="Thematic area number."),
    OpenApiParameter("kind", str, description="Type of record."),
    OpenApiParameter("year", int),
    OpenApiParameter("limit", int),
    OpenApiParameter("offset", int),
]


def _bounded_int(request, name: str, default: int, maximum: int) -> int:
    try:
        return max(0, min(int(request.query_params.get(name, default)), maximum))
    except ValueError as error:
        raise ValidationError({name: "Give a whole number."}) from error


class Search(APIView):
    """Full-text search across every kind of record, ranked, with highlighted snippets."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(parameters=SEARCH_PARAMETERS, responses=SearchPageSerializer)
    def get(self, request):
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(form.errors)
        limit = _bounded_int(request, "limit", 20, 100)
        offset = _bounded_int(request, "offset", 0, 1_000_000)
        page = search_documents(form.cleaned_data["q"], form.filters(), limit=limit, offset=offset)
        return Response(SearchPageSerializer({"count": page.total, "results": page.hits}).data)


class SimilarWork(APIView):
    """The work most similar to this record, with the evidence and any overlap warning."""

    permission_classes = [permissions.AllowAny]
    source: DocumentSource | None = None

    @extend_schema(parameters=[OpenApiParameter("limit", int)], responses=SimilarWorkPageSerializer)
    def get(self, request, key: str):
        limit = _bounded_int(request, "limit", 10, 50)
        works = similar_work_for_record(self.source, key, request.user, limit=limit)
        if works is None:
            raise Http404(f"No {self.source.label.lower()} {key}.")
        page = {"kind": self.source.kind, "key": key, "method": current_method(), "results": works}
        return Response(SimilarWorkPageSerializer(page).data)


class ObjectiveSuggestions(APIView):
    """The GCM objectives and thematic area a text most likely serves, with a confidence.
    Nothing is written: anyone may ask."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(request=SuggestionRequestSerializer, responses=SuggestionsSerializer)
    def post(self, request):
        payload = SuggestionRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        suggestions = suggest_objectives(
            payload.validated_data["text"], limit=payload.validated_data["limit"]
        )
        return Response(SuggestionsSerializer(suggestions).data)


class SuggestionFeedback(APIView):
    """Accept or reject a suggested objective for a text; the verdict is kept."""

    permission_classes = [permissions.IsAuthenticated, allowed_by("knowledge.judge_suggestion")]

    @extend_schema(request=SuggestionFeedbackSerializer, responses=None)
    def post(self, request):
        payload = SuggestionFeedbackSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        feedback = services.judge_objective_suggestion(
            actor=request.user,
            text=data["text"],
            objective_number=data["objective"],
            accepted=data["accepted"],
            confidence=data.get("confidence"),
        )
        return Response(
            {"id": feedback.pk, "verdict": feedback.verdict}, status=status.HTTP_201_CREATED
        )


class PracticeList(generics.ListAPIView):
    """Good practices shared by governments, organisations and civil society."""

    serializer_class = PracticeSerializer
    queryset = Practice.objects.prefetch_related("countries", "objectives")


class LessonList(generics.ListAPIView):
    """Lessons learned, including what did not work."""

    serializer_class = LessonSerializer
    queryset = Lesson.objects.prefetch_related("countries", "objectives")
