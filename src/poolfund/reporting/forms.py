from django import forms
from django.utils.translation import gettext_lazy as _

from poolfund.reporting.models import ReportAttachment, ScheduledReport
from poolfund.reporting.services import attach_report_document


class SubmitForm(forms.Form):
    """The submit button: no field, but the page shows why a submission was refused the way
    every form shows its errors."""


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

    def perform(self, *, actor, report: ScheduledReport) -> ReportAttachment:
        return attach_report_document(actor=actor, report=report, upload=self.cleaned_data["file"])


STEP_FORMS: dict[str, type[forms.Form]] = {
    "submit": SubmitForm,
    "return": CommentForm,
    "accept": CommentForm,
    "revise": ReasonForm,
    "move-due-date": MoveForm,
}
"""Each step's form; the step's service is `services.STEPS[name]`."""
