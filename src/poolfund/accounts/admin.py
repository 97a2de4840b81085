from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.models import ApiToken, RoleAssignment, User
from poolfund.accounts.services import revoke_api_token
from poolfund.audit.admin import AuditedModelAdmin


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["country"]


@admin.register(User)
class PoolFundUserAdmin(AuditedModelAdmin, UserAdmin):
    inlines = [RoleAssignmentInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created on the API tokens page or with `poolfund api-token create` (the key is
    shown once there); here they can only be looked at and revoked."""

    list_display = ["prefix", "name", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "name", "user__username"]
    readonly_fields = list_display
    exclude = ["digest"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Revoke the selected tokens"))
    def revoke(self, request, queryset) -> None:
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            revoke_api_token(actor=request.user, token=token, reason="revoked in the Django admin")
        revoked = _("%(count)d tokens revoked.") % {"count": len(tokens)}
        self.message_user(request, revoked, messages.SUCCESS)
