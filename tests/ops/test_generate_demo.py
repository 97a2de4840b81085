"""`poolfund generate-demo` makes scale data through the real services: every deposit is
posted to a balanced ledger and audited, in several currencies, over the years asked for."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from poolfund.audit.models import AuditEvent
from poolfund.donors.models import Commitment, Deposit, Donor
from poolfund.ledger.selectors import pool_balances, unbalanced_transactions
from poolfund.ops.scale import PROGRAMME_PREFIX
from poolfund.programmes.models import JointProgramme, ProgrammeTransfer
from poolfund.programmes.selectors import transferred_by_organisation

pytestmark = pytest.mark.django_db


def test_generated_donors_give_over_the_years_through_a_balanced_ledger():
    call_command("generate_demo", "--donors", "6", "--years", "3", stdout=StringIO())
    donors = Donor.objects.filter(name__startswith="Scale donor")
    assert donors.count() == 6
    commitments = Commitment.objects.filter(donor__in=donors)
    deposits = Deposit.objects.filter(commitment__in=commitments)
    assert commitments.count() >= 6 and deposits.count() >= commitments.count()
    years = {day.year for day in deposits.values_list("received_on", flat=True)}
    assert years <= set(range(date.today().year - 2, date.today().year + 1)) and len(years) >= 2
    assert all(deposit.ledger_transaction_id for deposit in deposits)
    assert unbalanced_transactions() == {}
    audited = AuditEvent.objects.filter(content_type__model="deposit")
    assert set(audited.values_list("object_id", flat=True)) >= {str(d.pk) for d in deposits}


def test_generating_twice_adds_new_donors():
    call_command("generate_demo", "--donors", "2", "--years", "1", stdout=StringIO())
    call_command("generate_demo", "--donors", "2", "--years", "1", stdout=StringIO())
    assert Donor.objects.filter(name__startswith="Scale donor").count() == 4


def test_generated_programmes_are_whole_and_paid_through_a_balanced_ledger():
    call_command(
        "generate_demo", "--donors", "4", "--years", "3", "--programmes", "12", stdout=StringIO()
    )  # fmt: skip
    programmes = JointProgramme.objects.filter(code__startswith=PROGRAMME_PREFIX)
    assert programmes.count() == 12
    for programme in programmes.prefetch_related("countries", "objectives", "budget_lines"):
        lines = list(programme.budget_lines.all())
        assert len(lines) >= 2 and programme.countries.exists() and programme.objectives.exists()
        assert sum(line.total_usd for line in lines) == programme.budget_usd
        assert isinstance(programme.budget_usd, Decimal)
        received = transferred_by_organisation(programme)
        assert all(received.get(line.organisation_id, 0) <= line.total_usd for line in lines)
    transfers = ProgrammeTransfer.objects.filter(programme__in=programmes)
    assert transfers.exists()
    assert unbalanced_transactions() == {}
    assert all(balance >= 0 for _pool, balance in pool_balances())
    audited = set(
        AuditEvent.objects.filter(content_type__model="jointprogramme").values_list(
            "object_id", flat=True
        )
    )
    assert audited >= {str(pk) for pk in programmes.values_list("pk", flat=True)}
    assert len({p.status for p in programmes}) >= 2
