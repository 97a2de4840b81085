"""`{{ field|styled_widget }}`: a bound field's widget with the design system's class and, when
the field has errors, `aria-describedby` pointing at its messages (web/forms/field.html);
`{% for message, code in errors|with_api_codes %}`: each message with the code the API gives
the same problem."""

from django import template

from poolfund.web.forms import api_code, widget_class

register = template.Library()


@register.filter
def styled_widget(field):
    widget = field.field.widget
    attrs = {}
    css = " ".join(filter(None, [widget_class(widget), widget.attrs.get("class", "")]))
    if css:
        attrs["class"] = css + (" usa-input--error" if field.errors else "")
    described_by = [widget.attrs.get("aria-describedby", "")]
    if field.help_text:
        described_by.append(f"{field.auto_id}_helptext")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    if any(described_by):
        attrs["aria-describedby"] = " ".join(filter(None, described_by))
    return field.as_widget(attrs=attrs)


@register.filter
def with_api_codes(errors) -> list[tuple[str, str]]:
    return [(message, api_code(error)) for error in errors.as_data() for message in error]
