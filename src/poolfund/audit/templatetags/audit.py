from django import template
from django.db import models
from django.urls import reverse

register = template.Library()


@register.simple_tag
def history_url(record: models.Model) -> str:
    """The URL of a record's history page: `<a href="{% history_url programme %}">`."""
    meta = record._meta.concrete_model._meta
    return reverse("record-history", args=[f"{meta.app_label}.{meta.model_name}", record.pk])
