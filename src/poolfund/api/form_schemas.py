"""The OpenAPI description of a write the API validates with a page's Django form: a DRF
serializer with the form's declared fields, so the schema names the fields the form reads and
cannot drift from it. It documents; the form still validates."""

from django import forms
from rest_framework import serializers


def _model_help(field: forms.ModelChoiceField, label: str) -> str:
    return f"{label}: the id of a {field.queryset.model._meta.verbose_name}"


def serializer_field(field: forms.Field) -> serializers.Field:
    label = str(field.label or "")
    optional = {"required": field.required}
    if isinstance(field, forms.ModelMultipleChoiceField):
        return serializers.ListField(
            child=serializers.IntegerField(), help_text=_model_help(field, label), **optional
        )
    if isinstance(field, forms.ModelChoiceField):
        return serializers.IntegerField(help_text=_model_help(field, label), **optional)
    if isinstance(field, forms.ChoiceField):
        choices = [(value, name) for value, name in field.choices if value != ""]
        return serializers.ChoiceField(choices=choices, help_text=label, **optional)
    if isinstance(field, forms.DecimalField):
        return serializers.DecimalField(
            max_digits=field.max_digits,
            decimal_places=field.decimal_places,
            min_value=field.min_value,
            max_value=field.max_value,
            help_text=f"{label} (a decimal string)",
            **optional,
        )
    if isinstance(field, forms.IntegerField):
        return serializers.IntegerField(
            min_value=field.min_value, max_value=field.max_value, help_text=label, **optional
        )
    if isinstance(field, forms.DateField):
        return serializers.DateField(help_text=label, **optional)
    if isinstance(field, forms.BooleanField):
        return serializers.BooleanField(help_text=label, required=False)
    if isinstance(field, forms.CharField):
        return serializers.CharField(
            max_length=field.max_length,
            allow_blank=not field.required,
            help_text=label,
            **optional,
        )
    raise TypeError(f"No API schema for a form's {type(field).__name__}.")


def form_serializer(form_class: type[forms.Form], name: str) -> type[serializers.Serializer]:
    """A serializer named `name` (its schema component) with the fields `form_class` declares.
    Fields a form adds per record when it is made (shares per organisation, points per
    criterion) are not declared, so the endpoint's description names them."""
    fields = {
        field_name: serializer_field(field) for field_name, field in form_class.base_fields.items()
    }
    return type(name, (serializers.Serializer,), {**fields, "__doc__": form_class.__doc__})
