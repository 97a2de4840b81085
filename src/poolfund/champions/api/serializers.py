from rest_framework import serializers

from poolfund.champions.models import (
    CoChairTerm,
    Forum,
    GoodPractice,
    KeyMessage,
    Roadmap,
    Survey,
    SurveyQuestion,
    SurveyTopic,
)
from poolfund.geo.models import Country

OBJECTIVE_NUMBERS = {"slug_field": "number", "many": True, "read_only": True}


class ChampionCountrySerializer(serializers.ModelSerializer):
    regional_processes = serializers.SerializerMethodField(
        help_text="Acronyms of the regional consultative processes it belongs to (RCM, SACM)."
    )

    class Meta:
        model = Country
        fields = ["iso3", "name", "regional_processes"]

    def get_regional_processes(self, country: Country) -> list[str]:
        return [process.acronym for process in country.regional_processes]


class CoChairSerializer(serializers.ModelSerializer):
    iso3 = serializers.CharField(source="country.iso3")
    name = serializers.CharField(source="country.name")

    class Meta:
        model = CoChairTerm
        fields = ["iso3", "name", "starts_on", "ends_on"]


class KeyMessageSerializer(serializers.ModelSerializer):
    sub_points = serializers.SlugRelatedField(slug_field="text", many=True, read_only=True)

    class Meta:
        model = KeyMessage
        fields = ["position", "text", "sub_points"]


class ForumSerializer(serializers.ModelSerializer):
    host_country = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)
    participants = serializers.SerializerMethodField()
    key_messages = KeyMessageSerializer(source="top_level_messages", many=True, read_only=True)
    documents = serializers.SerializerMethodField()

    class Meta:
        model = Forum
        fields = [
            "slug",
            "name",
            "year",
            "starts_on",
            "ends_on",
            "host_country",
            "city",
            "objectives",
            "outcomes",
            "participants",
            "key_messages",
            "documents",
        ]

    def get_participants(self, forum: Forum) -> list[dict[str, str]]:
        return [
            {
                "kind": participant.kind,
                "iso3": getattr(participant.country, "iso3", ""),
                "name": str(participant),
            }
            for participant in forum.participants.all()
        ]

    def get_documents(self, forum: Forum) -> list[dict[str, str]]:
        return [
            {
                "title": document.title,
                "url": document.url or (document.file.url if document.file else ""),
            }
            for document in forum.documents.all()
        ]


class SurveyTopicSerializer(serializers.ModelSerializer):
    objectives = serializers.SlugRelatedField(**OBJECTIVE_NUMBERS)

    class Meta:
        model = SurveyTopic
        fields = ["id", "position", "title", "description", "objectives"]


class SurveyQuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = SurveyQuestion
        fields = ["id", "position", "kind", "text", "options", "required"]


class SurveySerializer(serializers.ModelSerializer):
    forum = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    topics = SurveyTopicSerializer(many=True, read_only=True)
    questions = SurveyQuestionSerializer(many=True, read_only=True)

    class Meta:
        model = Survey
        fields = ["id", "title", "forum", "opens_on", "closes_on", "topics", "questions"]


class RankedTopicSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    topic = serializers.CharField()
    points = serializers.IntegerField()
    first_places = serializers.IntegerField()


class SurveyResultsSerializer(serializers.Serializer):
    invited = serializers.IntegerField()
    answered = serializers.IntegerField()
    response_rate = serializers.FloatField()
    ranking = RankedTopicSerializer(many=True)


class RoadmapSerializer(serializers.ModelSerializer):
    forum = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    gcm_objectives = serializers.SlugRelatedField(**OBJECTIVE_NUMBERS)
    thematic_area = serializers.SlugRelatedField(slug_field="number", read_only=True)
    countries = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    key_actors = serializers.SerializerMethodField()
    expected_results = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    concept_note = serializers.SlugRelatedField(
        slug_field="reference", read_only=True, help_text="The concept note it became, if any."
    )

    class Meta:
        model = Roadmap
        fields = [
            "id",
            "title",
            "status",
            "forum",
            "scope",
            "objectives",
            "gcm_objectives",
            "thematic_area",
            "countries",
            "key_actors",
            "expected_results",
            "timeline",
            "concept_note",
        ]

    def get_key_actors(self, roadmap: Roadmap) -> list[dict[str, str]]:
        return [
            {"kind": actor.kind, "name": actor.name, "role": actor.role}
            for actor in roadmap.actors.all()
        ]

    def get_expected_results(self, roadmap: Roadmap) -> list[dict[str, str]]:
        return [
            {"description": result.description, "indicator": result.indicator}
            for result in roadmap.results.all()
        ]

    def get_timeline(self, roadmap: Roadmap) -> list[dict[str, str]]:
        return [
            {"due_on": milestone.due_on.isoformat(), "description": milestone.description}
            for milestone in roadmap.milestones.all()
        ]


class GoodPracticeSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    objectives = serializers.SlugRelatedField(**OBJECTIVE_NUMBERS)

    class Meta:
        model = GoodPractice
        fields = [
            "id",
            "title",
            "country",
            "objectives",
            "description",
            "results",
            "contact",
            "links",
        ]


class SurveyAnswersInputSerializer(serializers.Serializer):
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), help_text="ISO alpha-3 code."
    )
    answers = serializers.DictField(
        help_text="Question id → text, an option, a list of options, or topic ids best first."
    )
