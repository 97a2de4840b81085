"""A programme's results chain (outcome → output → indicator) built through the services."""

from collections.abc import Iterable
from decimal import Decimal

from poolfund.framework.models import Objective
from poolfund.results.models import Indicator
from poolfund.results.services import define_indicator, define_outcome, define_output


def shelter_indicator(
    cast, programme, *, disaggregations: list[str], objectives: Iterable[int]
) -> Indicator:
    """Outcome 1 "Migrants are safer", output 1.1 "Shelters run", indicator 1.1.1: people
    assisted in shelters (baseline 0, target 5,000), defined by the programme's organisation."""
    outcome = define_outcome(
        actor=cast.organisation, programme=programme, code="1", statement="Migrants are safer"
    )
    output = define_output(
        actor=cast.organisation, outcome=outcome, code="1.1", statement="Shelters run"
    )
    return define_indicator(
        actor=cast.organisation,
        output=output,
        code="1.1.1",
        description="People assisted in shelters",
        unit="people",
        baseline=Decimal(0),
        target=Decimal(5000),
        disaggregations=disaggregations,
        objectives=Objective.objects.filter(framework__code="gcm", number__in=list(objectives)),
    )
