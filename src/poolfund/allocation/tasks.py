"""What allocation waits on, for `/me/`: prepared rounds whose proposal the Steering Committee
has not approved yet."""

from django.db.models import Exists, Max, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.allocation.models import AllocationRound, Proposal
from poolfund.inbox.registry import Person, Task, Waiting, by_due_date, first_tasks, task_kind


def _round_task(allocation_round: AllocationRound) -> Task:
    return Task(
        kind="allocation.decide-round",
        key=f"round-{allocation_round.pk}",
        action=_("Approve the notes of a proposal, with their amounts"),
        subject=allocation_round.name,
        url=reverse("allocation:round", args=[allocation_round.pk]),
        since=allocation_round.proposed_at,
    )


@task_kind(
    "allocation.decide-round",
    _("Allocation proposals to approve"),
    roles=(Role.STEERING_COMMITTEE,),
)
def proposals_to_approve(person: Person, limit: int | None) -> Waiting:
    """Rounds the FMU has prepared (their policy set) or the optimiser has proposed for, with
    no decision recorded yet; since the latest proposal, when there is one."""
    decided = Proposal.objects.filter(allocation_round=OuterRef("pk"), is_decided=True)
    rounds = (
        AllocationRound.objects.filter(Q(policy__isnull=False) | Q(proposals__isnull=False))
        .filter(~Exists(decided))
        .annotate(proposed_at=Max("proposals__proposed_at"))
        .only("pk", "name")
    )
    return first_tasks(by_due_date(rounds, None, "proposed_at"), limit, _round_task)
