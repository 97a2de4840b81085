"""{% load inbox %}{% who_is_told "programmes.note-returned" note %}: for the FMU, the people
a change would notify and how, shown next to the form that makes it."""

from django import template

from poolfund.accounts.policy import can
from poolfund.inbox.registry import message_kind_named
from poolfund.inbox.selectors import who_would_be_told

register = template.Library()


@register.inclusion_tag("inbox/who_is_told.html", takes_context=True)
def who_is_told(context, kind_slug: str, record) -> dict:
    user = context["request"].user
    if not can(user, "inbox.see_who_is_told"):
        return {"shown": False}
    return {
        "shown": True,
        "kind": message_kind_named(kind_slug),
        "told": who_would_be_told(kind_slug, record, actor=user),
    }
