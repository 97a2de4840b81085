"""Who may build a programme's results framework: its organisations' focal points and the FMU."""

from poolfund.accounts.choices import Role
from poolfund.results.services import define_indicator, define_outcome, define_output
from tests.matrix import Endpoint, public, role_matrix
from tests.programmes.factories import Cast
from tests.programmes.test_role_matrix import programme

BUILDERS = {Role.FMU, Role.ORGANISATION_FOCAL_POINT}

public(
    "a programme's results framework is shown on its public page",
    "api/v1/programmes/<str:code>/results-framework/",
)


def with_output(user) -> dict:
    context = programme(user)
    fmu = Cast.create().fmu
    outcome = define_outcome(actor=fmu, programme=context["programme"], code="1", statement="S")
    output = define_output(actor=fmu, outcome=outcome, code="1.1", statement="O")
    return {**context, "outcome": outcome, "output": output}


def with_indicator(user) -> dict:
    context = with_output(user)
    fmu = Cast.create().fmu
    fields = {key: value for key, value in indicator(context).items() if key != "output"}
    made = define_indicator(actor=fmu, output=context["output"], **fields)
    return {**context, "indicator": made}


def base(context) -> str:
    return f"/api/v1/programmes/{context['programme'].code}"


def indicator(context) -> dict:
    return {
        "output": context["output"].pk,
        "code": "1.1.1",
        "description": "People assisted",
        "unit": "people",
        "baseline": "0",
        "target": "10",
        "objectives": [7],
    }


test_results_role_matrix = role_matrix(
    Endpoint(
        "add an outcome in the API",
        "POST",
        lambda context: f"{base(context)}/outcomes/",
        allowed=BUILDERS,
        api=True,
        setup=programme,
        payload={"code": "1", "statement": "Migrants are safer"},
        success=(201,),
    ),
    Endpoint(
        "change an outcome in the API",
        "PATCH",
        lambda context: f"{base(context)}/outcomes/{context['outcome'].pk}/",
        allowed=BUILDERS,
        api=True,
        setup=with_output,
        payload={"statement": "Migrants are safer on the route"},
    ),
    Endpoint(
        "add an output in the API",
        "POST",
        lambda context: f"{base(context)}/outputs/",
        allowed=BUILDERS,
        api=True,
        setup=with_output,
        payload=lambda context: {"outcome": context["outcome"].pk, "code": "1.2", "statement": "x"},
        success=(201,),
    ),
    Endpoint(
        "change an output in the API",
        "PATCH",
        lambda context: f"{base(context)}/outputs/{context['output'].pk}/",
        allowed=BUILDERS,
        api=True,
        setup=with_output,
        payload={"statement": "Shelters run well"},
    ),
    Endpoint(
        "add an indicator in the API",
        "POST",
        lambda context: f"{base(context)}/indicators/",
        allowed=BUILDERS,
        api=True,
        setup=with_output,
        payload=indicator,
        success=(201,),
    ),
    Endpoint(
        "change an indicator in the API",
        "PATCH",
        lambda context: f"{base(context)}/indicators/{context['indicator'].pk}/",
        allowed=BUILDERS,
        api=True,
        setup=with_indicator,
        payload={"target": "20"},
    ),
)
