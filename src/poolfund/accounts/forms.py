from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.login_limits import client_address, login_is_blocked


class LoginForm(AuthenticationForm):
    """Django's login form, which first says so when too many sign-ins have failed."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "too_many_attempts": _(
            "Too many failed sign-ins for this account from your address. "
            "Wait a few minutes, or reset your password."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and login_is_blocked(username, client_address(self.request)):
            raise forms.ValidationError(
                self.error_messages["too_many_attempts"], code="too_many_attempts"
            )
        return super().clean()


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What is the token for?"), max_length=100, help_text=_("e.g. nightly IATI export")
    )
