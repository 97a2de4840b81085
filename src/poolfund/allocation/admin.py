from django.contrib import admin

from poolfund.allocation.models import AllocationRound


@admin.register(AllocationRound)
class AllocationRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "decided_on", "envelope_usd"]
