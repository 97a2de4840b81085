import pytest

from poolfund.audit.choices import AuditAction
from poolfund.audit.models import AuditTrailIsAppendOnly
from poolfund.audit.selectors import history_of
from poolfund.audit.services import record_event, snapshot
from poolfund.framework.models import Objective

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective():
    return Objective.objects.get(framework__code="gcm", number=1)


def test_a_change_records_who_what_before_after_and_why(objective, django_user_model):
    editor = django_user_model.objects.create_user("editor")
    before = snapshot(objective)
    objective.short_label = "Data and evidence"
    objective.save()
    record_event(
        actor=editor,
        action=AuditAction.UPDATE,
        instance=objective,
        before=before,
        reason="Clearer label",
    )
    event = history_of(objective).get()
    assert event.actor == editor
    assert event.actor_label == "editor"
    assert event.changes == {"short_label": ["Data", "Data and evidence"]}
    assert event.reason == "Clearer label"


def test_events_cannot_be_changed_or_deleted(objective):
    event = record_event(
        actor=None, actor_label="system: test", action=AuditAction.CREATE, instance=objective
    )
    event.reason = "rewritten"
    with pytest.raises(AuditTrailIsAppendOnly):
        event.save()
    with pytest.raises(AuditTrailIsAppendOnly):
        event.delete()


def test_system_changes_must_name_what_made_them(objective):
    with pytest.raises(ValueError, match="actor_label"):
        record_event(actor=None, action=AuditAction.CREATE, instance=objective)


def test_file_fields_are_recorded_by_their_stored_name(django_user_model):
    from django.core.files.base import ContentFile

    from poolfund.programmes.models import ConceptNoteDocument

    document = ConceptNoteDocument()
    document.file.save("note.pdf", ContentFile(b"%PDF-1.4"), save=False)
    recorded = snapshot(document)["file"]
    assert type(recorded) is str
    assert recorded == document.file.name
