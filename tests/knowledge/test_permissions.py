import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from poolfund.accounts.choices import Role
from poolfund.audit.models import AuditEvent
from poolfund.knowledge import services
from poolfund.knowledge.models import Lesson, ObjectiveSuggestionFeedback, Practice
from tests.accounts.factories import user_with_role

pytestmark = pytest.mark.django_db

EXPERIENCE = {
    "title": "Mobile consulates",
    "problem": "Workers lacked documents.",
    "what_was_done": "Consulates visited the farms.",
}

WRITES = {
    "share_practice": (Role.DONOR_FOCAL_POINT, Practice, EXPERIENCE),
    "share_lesson": (
        Role.DONOR_FOCAL_POINT,
        Lesson,
        {**EXPERIENCE, "lesson": "Plan the visits before the season starts."},
    ),
    "judge_objective_suggestion": (
        Role.CIVIL_SOCIETY,
        ObjectiveSuggestionFeedback,
        {"text": "Remittances through mobile money.", "objective_number": 20, "accepted": True},
    ),
}
"""Each knowledge write, a role without its right, what it writes and input it accepts."""


@pytest.mark.parametrize("write", WRITES)
def test_each_knowledge_write_refuses_a_person_without_its_right(write, contributor):
    """The service checks the right itself, whoever calls it (not only the API door)."""
    role, model, values = WRITES[write]
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        getattr(services, write)(actor=user_with_role(role), **values)
    assert (model.objects.count(), AuditEvent.objects.count()) == (0, events)
    getattr(services, write)(actor=contributor, **values)
    assert model.objects.count() == 1


def test_a_refused_lesson_reads_in_spanish(contributor):
    with translation.override("es"), pytest.raises(services.InvalidExchangeRecord) as refused:
        services.share_lesson(actor=contributor, lesson=" ", **EXPERIENCE)
    assert refused.value.message == "Indique qué se aprendió."
