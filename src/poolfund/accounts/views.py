from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from poolfund.accounts.decorators import permission_required
from poolfund.accounts.forms import ApiTokenForm
from poolfund.accounts.selectors import api_tokens_of, api_tokens_revocable_by
from poolfund.accounts.services import create_api_token, revoke_api_token
from poolfund.errors import DomainError
from poolfund.web.forms import performed


@permission_required("accounts.manage_own_api_tokens")
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The person's own API tokens; a new token's key is shown once, on this response."""
    form = ApiTokenForm(request.POST or None)
    new_key = None
    if request.method == "POST" and performed(
        form, create_api_token, actor=request.user, user=request.user
    ):
        _token, new_key = form.result
        form = ApiTokenForm()
    return render(
        request,
        "accounts/api_tokens.html",
        {"form": form, "new_key": new_key, "tokens": api_tokens_of(request.user)},
    )


@require_POST
@permission_required("accounts.manage_own_api_tokens")
def revoke_api_token_page(request: HttpRequest, token_id: int) -> HttpResponse:
    # Someone else's token is "not found": its existence is not theirs to know.
    token = get_object_or_404(api_tokens_revocable_by(request.user), pk=token_id)
    try:
        revoke_api_token(actor=request.user, token=token, reason=request.POST.get("reason", ""))
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The token %(prefix)s… is revoked.") % {"prefix": token.prefix})
    return redirect("api-tokens")
