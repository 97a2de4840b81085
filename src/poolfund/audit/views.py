from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from poolfund.accounts.decorators import permission_required
from poolfund.audit.selectors import audit_events


@permission_required("audit.view_history")
def record_history(request: HttpRequest, model_label: str, object_id: str) -> HttpResponse:
    """The history of any record, `<app_label>.<model>` and its primary key; the history of a
    deleted record is still shown."""
    app_label, _dot, model = model_label.partition(".")
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model.lower())
    except ContentType.DoesNotExist:
        raise Http404("No such kind of record.") from None
    events = list(audit_events(app_label=app_label, model=model, object_id=object_id))
    record = content_type.model_class()._default_manager.filter(pk=object_id).first()
    if record is None and not events:
        raise Http404("No such record, and no history of one.")
    return render(
        request,
        "audit/history.html",
        {
            "record": record,
            "record_label": str(record) if record else events[0].object_repr,
            "kind": content_type.model_class()._meta.verbose_name,
            "events": events,
        },
    )
