from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from poolfund.inbox.choices import Delivery
from poolfund.inbox.models import MessagePreferences
from poolfund.inbox.registry import registered_message_kinds
from poolfund.inbox.services import set_message_preferences


class PreferencesForm(forms.Form):
    """The language of a person's messages and, per kind, how they want it."""

    language = forms.ChoiceField(label=_("Language of messages"), choices=settings.LANGUAGES)

    def __init__(self, *args, preferences: MessagePreferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = preferences.language
        for kind in registered_message_kinds():
            self.fields[kind.slug] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=preferences.delivery_of(kind.slug),
            )

    def deliveries(self) -> dict[str, str]:
        return {kind.slug: self.cleaned_data[kind.slug] for kind in registered_message_kinds()}

    def perform(self, *, actor) -> MessagePreferences:
        return set_message_preferences(
            actor=actor, language=self.cleaned_data["language"], deliveries=self.deliveries()
        )
