from django.contrib import admin

from poolfund.framework.models import Framework, GuidingPrinciple, Objective, ThematicArea


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["code", "short_name", "name", "loaded_at"]


@admin.register(ThematicArea)
class ThematicAreaAdmin(admin.ModelAdmin):
    list_display = ["framework", "number", "description"]
    list_filter = ["framework"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["framework", "number", "short_label", "thematic_area"]
    list_filter = ["framework", "thematic_area"]


@admin.register(GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ["framework", "number", "name"]
