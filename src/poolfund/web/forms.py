"""Every page form renders one way (settings.FORM_RENDERER): an error summary at the top that
links to each field at fault, and each message again at its field, in the design system's
markup. A view shows a service's DomainError with `show_domain_error(form, error)`, so the
fields the API names in `fields` are the ones the page marks; a form that does its work with
`perform(actor=…)` is run with `performed(form, …)`, and a page that failed shows the bound
form, with its errors, where the fresh one was (`bound_or_new`)."""

from collections.abc import Callable

from django import forms
from django.db.models import QuerySet
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


def limit_choices(form: forms.Form, name: str, queryset: QuerySet) -> None:
    """Offer only `queryset`'s records in the form's record-choice field `name`."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"The field {name!r} is not a choice of records.")
    field.queryset = queryset


class Refusal(forms.ValidationError):
    """A service's refusal on a form, carrying the code the API answers for it."""

    def __init__(self, error: DomainError, message: str) -> None:
        super().__init__(message, code=error.code)
        self.api_code = error.code


def api_code(error: forms.ValidationError) -> str:
    """The code the API gives the same problem: a service's own, else "invalid" (what the API
    answers for any field that does not validate)."""
    return getattr(error, "api_code", "invalid")


def show_domain_error(form: forms.Form, error: DomainError) -> None:
    """Put a service's refusal on the form: each message of `error.fields` at its field (the
    form-wide message when the form has no such field), the message at the top otherwise."""
    placed = False
    for name, message in error.fields.items():
        if name in form.fields:
            form.add_error(name, Refusal(error, message))
            placed = True
    if not placed or error.message not in error.fields.values():
        form.add_error(None, Refusal(error, error.message))


def performed(form: forms.Form, service: Callable | None = None, **arguments) -> bool:
    """Validate `form`, then call `service(**arguments, **form.cleaned_data)`, or the form's
    own `perform(**arguments)` when no service is given, keeping what it returns as
    `form.result`; a service's refusal is put on the form. True when the work is done."""
    if not form.is_valid():
        return False
    try:
        if service is None:
            form.result = form.perform(**arguments)
        else:
            form.result = service(**arguments, **form.cleaned_data)
    except DomainError as error:
        show_domain_error(form, error)
        return False
    return True


def bound_or_new(form_class: type[forms.Form], bound: forms.Form | None, **arguments):
    """The form a page shows in a form's place: the one just posted (with its errors) when it
    is of this class, else a new one."""
    if type(bound) is form_class:
        return bound
    return form_class(**arguments)
