from datetime import date
from decimal import Decimal

import factory

from poolfund.donors import services
from poolfund.donors.choices import DonorType
from poolfund.donors.models import Donor


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor

    name = factory.Sequence(lambda n: f"Test Foundation {n}")
    slug = factory.Sequence(lambda n: f"test-foundation-{n}")
    donor_type = DonorType.FOUNDATION


def commitment_for(donor=None, *, amount="1000.00", currency="USD", thematic_area=None, **kwargs):
    return services.record_commitment(
        actor=None,
        donor=donor or DonorFactory(),
        reference=kwargs.pop("reference", f"TEST-{Donor.objects.count()}-{amount}-{currency}"),
        amount=Decimal(amount),
        currency=currency,
        signed_on=kwargs.pop("signed_on", date(2024, 3, 1)),
        thematic_area=thematic_area,
        **kwargs,
    )
