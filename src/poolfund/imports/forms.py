from django import forms
from django.utils.translation import gettext_lazy as _

from poolfund.imports.kinds import KINDS
from poolfund.imports.reading import MAX_FILE_BYTES


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[(slug, kind.title) for slug, kind in KINDS.items()],
    )
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is too large; split it into several files."))
        return file


class ConfirmForm(forms.Form):
    skip_bad_rows = forms.BooleanField(
        label=_("Import the good rows only (the bad rows are left out, and this is recorded)"),
        required=False,
    )
