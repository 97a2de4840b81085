from django.contrib import admin

from poolfund.knowledge.models import (
    KnowledgeDocument,
    Lesson,
    ObjectiveSuggestionFeedback,
    Practice,
)


@admin.register(Practice, Lesson)
class ExchangeRecordAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "created_at"]
    search_fields = ["title", "problem", "what_was_done"]
    filter_horizontal = ["countries", "objectives", "programmes", "roadmaps"]


@admin.register(KnowledgeDocument)
class KnowledgeDocumentAdmin(admin.ModelAdmin):
    list_display = ["kind", "key", "title", "year", "embedding_model", "indexed_at"]
    list_filter = ["kind", "embedding_model"]
    search_fields = ["title", "key"]
    exclude = ["embedding"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ObjectiveSuggestionFeedback)
class ObjectiveSuggestionFeedbackAdmin(admin.ModelAdmin):
    list_display = ["objective", "verdict", "confidence", "given_by", "given_at"]
    list_filter = ["verdict"]
