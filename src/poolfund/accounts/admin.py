from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from poolfund.accounts.models import RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(User)
class PoolFundUserAdmin(UserAdmin):
    inlines = [RoleAssignmentInline]
