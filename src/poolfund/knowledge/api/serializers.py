from rest_framework import serializers

from poolfund.knowledge.models import Lesson, Practice
from poolfund.knowledge.services import EXCHANGE_DETAILS


class DocumentResultSerializer(serializers.Serializer):
    """What every result says about its record; the result object holds it as `document`."""

    kind = serializers.CharField(source="document.kind")
    key = serializers.CharField(
        source="document.key", help_text="The record's id or code within its kind."
    )
    title = serializers.CharField(source="document.title")
    url = serializers.CharField(source="document.url")
    countries = serializers.SerializerMethodField(help_text="ISO 3166 alpha-3 codes.")
    objectives = serializers.SerializerMethodField(help_text="GCM objective numbers.")
    year = serializers.IntegerField(source="document.year", allow_null=True)

    def get_countries(self, result) -> list[str]:
        return sorted(country.iso3 for country in result.document.countries.all())

    def get_objectives(self, result) -> list[int]:
        return sorted(objective.number for objective in result.document.objectives.all())


class SearchHitSerializer(DocumentResultSerializer):
    rank = serializers.FloatField()
    snippet = serializers.CharField(help_text="HTML: the text with the matches in <mark>.")


class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField(help_text="How many documents match, on every page.")
    results = SearchHitSerializer(many=True)


class EvidenceSerializer(serializers.Serializer):
    shared_phrases = serializers.ListField(child=serializers.CharField())
    shared_countries = serializers.ListField(child=serializers.CharField())
    neighbouring_countries = serializers.ListField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Pairs (this record's country, the other's) that share a land border.",
    )
    shared_regional_bodies = serializers.ListField(child=serializers.CharField())
    shared_objectives = serializers.ListField(child=serializers.IntegerField())
    shared_organisations = serializers.ListField(child=serializers.CharField())
    overlapping_dates = serializers.BooleanField()


class SimilarWorkSerializer(DocumentResultSerializer):
    score = serializers.FloatField(help_text="0.7 * text similarity + 0.3 * structure.")
    text_similarity = serializers.FloatField()
    structure = serializers.FloatField()
    warning = serializers.CharField(allow_null=True)
    evidence = EvidenceSerializer()


class SimilarWorkPageSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="The kind of the record asked about.")
    key = serializers.CharField()
    method = serializers.CharField(help_text="How texts were compared: the model or tfidf.")
    results = SimilarWorkSerializer(many=True)


class SuggestionRequestSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)
    limit = serializers.IntegerField(min_value=1, max_value=23, default=3)


class ObjectiveSuggestionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    short_label = serializers.CharField()
    title = serializers.CharField()
    thematic_area = serializers.IntegerField(allow_null=True)
    confidence = serializers.FloatField()


class SuggestionsSerializer(serializers.Serializer):
    objectives = ObjectiveSuggestionSerializer(many=True)
    thematic_area = serializers.IntegerField(allow_null=True)
    thematic_area_confidence = serializers.FloatField()


class SuggestionFeedbackSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=20000)
    objective = serializers.IntegerField(min_value=1)
    accepted = serializers.BooleanField()
    confidence = serializers.FloatField(required=False, allow_null=True)


class ExchangeRecordSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)

    class Meta:
        fields = ["id", *sorted(EXCHANGE_DETAILS), "countries", "objectives"]


class PracticeSerializer(ExchangeRecordSerializer):
    class Meta(ExchangeRecordSerializer.Meta):
        model = Practice


class LessonSerializer(ExchangeRecordSerializer):
    class Meta(ExchangeRecordSerializer.Meta):
        model = Lesson
        fields = [*ExchangeRecordSerializer.Meta.fields, "lesson"]
