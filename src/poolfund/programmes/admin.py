from django.contrib import admin

from poolfund.programmes.models import (
    NationalPartner,
    ParticipatingOrganisation,
    ScoringCriterion,
)


@admin.register(ParticipatingOrganisation)
class ParticipatingOrganisationAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name"]
    search_fields = ["acronym", "name"]


@admin.register(NationalPartner)
class NationalPartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(ScoringCriterion)
class ScoringCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "weight", "is_active"]
    list_editable = ["weight", "is_active"]
