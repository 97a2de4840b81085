"""Every page form renders one way (settings.FORM_RENDERER): an error summary at the top that
links to each field at fault, and each message again at its field, in the design system's
markup. A view shows a service's DomainError with `show_domain_error(form, error)`, so the
fields the API names in `fields` are the ones the page marks."""

from django import forms
from django.forms.renderers import DjangoTemplates

from poolfund.errors import DomainError


class FormRenderer(DjangoTemplates):
    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"


WIDGET_CLASSES = {
    forms.CheckboxInput: "usa-checkbox__input",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.Textarea: "usa-textarea",
    forms.ClearableFileInput: "usa-file-input",
    forms.FileInput: "usa-file-input",
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
    forms.widgets.Input: "usa-input",
}


def widget_class(widget: forms.Widget) -> str:
    """The design system's class for a widget: the first entry its type is an instance of."""
    return next((css for kind, css in WIDGET_CLASSES.items() if isinstance(widget, kind)), "")


def show_domain_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the form: each message of `error.fields` at its field (the
    form-wide message when the form has no such field), the message at the top otherwise."""
    placed = False
    for name, message in error.fields.items():
        if name in form.fields:
            form.add_error(name, forms.ValidationError(message, code=error.code))
            placed = True
    if not placed or error.message not in error.fields.values():
        form.add_error(None, forms.ValidationError(error.message, code=error.code))
