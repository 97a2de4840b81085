"""`AllocationRound` moved from the programmes app to allocation (allocation 0002, programmes
0004): a database migrated before the move keeps its rounds, what points at them and the content
type its audit events and permissions name."""

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from poolfund.allocation.models import AllocationRound
from poolfund.audit.models import AuditEvent
from poolfund.audit.selectors import history_of

BEFORE_THE_MOVE = [
    ("allocation", "0001_round_policy_and_proposals"),
    ("programmes", "0003_reporting_year"),
]


def migrate(targets):
    """Migrate the test database to `targets`; the models as they were there."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def database_before_the_move():
    yield migrate(BEFORE_THE_MOVE)
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_a_round_stored_before_the_move_keeps_its_proposals_and_history(
    database_before_the_move,
):
    old = database_before_the_move
    old_round = old.get_model("programmes", "AllocationRound").objects.create(
        name="2024 call", decided_on="2024-06-01"
    )
    old_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="programmes", model="allocationround"
    )
    old.get_model("allocation", "Proposal").objects.create(
        allocation_round=old_round, round_input={"notes": []}, result={"status": "optimal"}
    )
    AuditEvent.objects.create(
        actor_label="steering",
        action="update",
        content_type_id=old_type.pk,
        object_id=str(old_round.pk),
        object_repr="2024 call",
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    allocation_round = AllocationRound.objects.get(pk=old_round.pk)
    assert allocation_round.name == "2024 call"
    assert [p.result for p in allocation_round.proposals.all()] == [{"status": "optimal"}]
    content_type = ContentType.objects.get_for_model(AllocationRound)
    assert (content_type.pk, content_type.app_label) == (old_type.pk, "allocation")
    assert [event.object_repr for event in history_of(allocation_round)] == ["2024 call"]
    assert Permission.objects.filter(content_type=content_type).count() == 4
