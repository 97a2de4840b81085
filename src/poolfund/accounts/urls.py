from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from poolfund.accounts import views
from poolfund.accounts.forms import LoginForm

# Our own template names: django.contrib.admin ships "registration/..." templates that would
# otherwise be picked up, with the admin's look.
FORM_PAGE = "accounts/form_page.html"
MESSAGE_PAGE = "accounts/message_page.html"


def form_page(view, title, submit, **options):
    return view.as_view(
        template_name=FORM_PAGE, extra_context={"title": title, "submit": submit}, **options
    )


def message_page(view, title, message):
    return view.as_view(
        template_name=MESSAGE_PAGE, extra_context={"title": title, "message": message}
    )


urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        form_page(auth_views.PasswordChangeView, _("Change your password"), _("Change password")),
        name="password_change",
    ),
    path(
        "password/done/",
        message_page(
            auth_views.PasswordChangeDoneView,
            _("Password changed"),
            _("Your password is changed."),
        ),
        name="password_change_done",
    ),
    path(
        "password-reset/",
        form_page(
            auth_views.PasswordResetView,
            _("Reset your password"),
            _("Send me a reset link"),
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        message_page(
            auth_views.PasswordResetDoneView,
            _("Check your e-mail"),
            _("If an account has this address, we have sent it a link to choose a new password."),
        ),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        form_page(
            auth_views.PasswordResetConfirmView,
            _("Choose a new password"),
            _("Set password"),
            success_url=reverse_lazy("password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        message_page(
            auth_views.PasswordResetCompleteView,
            _("Password set"),
            _("Your new password is set. You can sign in with it."),
        ),
        name="password_reset_complete",
    ),
    path("tokens/", views.api_tokens, name="api-tokens"),
    path("tokens/<int:token_id>/revoke/", views.revoke_api_token_page, name="revoke-api-token"),
]
