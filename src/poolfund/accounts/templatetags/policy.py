"""`{% load policy %}{% if user|may:"allocation.run_optimiser" %}…{% endif %}`: templates ask
the same permission registry as views and the API (`poolfund.accounts.policy`)."""

from django import template

from poolfund.accounts.policy import can

register = template.Library()


@register.filter
def may(user, permission_name: str) -> bool:
    return can(user, permission_name)
