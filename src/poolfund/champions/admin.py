from django.contrib import admin

from poolfund.champions.models import (
    ChampionMembership,
    CoChairTerm,
    Forum,
    ForumDocument,
    ForumParticipant,
    GoodPractice,
    KeyMessage,
    Roadmap,
    RoadmapActor,
    RoadmapMilestone,
    RoadmapResult,
    Survey,
    SurveyQuestion,
    SurveyTopic,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Memberships and co-chair terms change only through their services (on the champion
    pages), which check the rotation rules and write the audit trail."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChampionMembership)
class ChampionMembershipAdmin(ReadOnlyAdmin):
    list_display = ["country", "starts_on", "ends_on"]


@admin.register(CoChairTerm)
class CoChairTermAdmin(ReadOnlyAdmin):
    list_display = ["country", "starts_on", "ends_on"]


class ForumParticipantInline(admin.TabularInline):
    model = ForumParticipant


class KeyMessageInline(admin.TabularInline):
    model = KeyMessage


class ForumDocumentInline(admin.TabularInline):
    model = ForumDocument


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "starts_on", "host_country"]
    inlines = [ForumParticipantInline, KeyMessageInline, ForumDocumentInline]


class SurveyTopicInline(admin.TabularInline):
    model = SurveyTopic


class SurveyQuestionInline(admin.TabularInline):
    model = SurveyQuestion


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "forum", "opens_on", "closes_on"]
    inlines = [SurveyTopicInline, SurveyQuestionInline]


class RoadmapActorInline(admin.TabularInline):
    model = RoadmapActor


class RoadmapResultInline(admin.TabularInline):
    model = RoadmapResult


class RoadmapMilestoneInline(admin.TabularInline):
    model = RoadmapMilestone


@admin.register(Roadmap)
class RoadmapAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "forum"]
    list_filter = ["status"]
    inlines = [RoadmapActorInline, RoadmapResultInline, RoadmapMilestoneInline]


@admin.register(GoodPractice)
class GoodPracticeAdmin(admin.ModelAdmin):
    list_display = ["title", "country"]
    search_fields = ["title", "description"]
