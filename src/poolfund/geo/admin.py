from django.contrib import admin

from poolfund.geo.models import Country, Region, RegionalBody


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso3", "name", "region", "sub_region", "intermediate_region"]
    list_filter = ["region", "sub_region"]
    search_fields = ["iso3", "name"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["m49_code", "name", "level", "parent"]


@admin.register(RegionalBody)
class RegionalBodyAdmin(admin.ModelAdmin):
    list_display = ["acronym", "name", "kind"]
    filter_horizontal = ["members"]
