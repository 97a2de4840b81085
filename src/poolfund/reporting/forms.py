from django import forms
from django.utils.translation import gettext_lazy as _


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class MoveForm(forms.Form):
    due_on = forms.DateField(
        label=_("New due date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reason = forms.CharField(
        label=_("Why"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Document (PDF, DOCX or XLSX)"))


STEP_FORMS: dict[str, type[forms.Form] | None] = {
    "submit": None,
    "return": CommentForm,
    "accept": CommentForm,
    "revise": ReasonForm,
    "move-due-date": MoveForm,
}
"""Each step's form (None: a button alone); the step's service is `services.STEPS[name]`."""
