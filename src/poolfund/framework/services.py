"""Loading a framework from its data file, refusing one that contradicts itself."""

import json
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import get_text_list
from django.utils.translation import gettext

from poolfund.errors import DomainError
from poolfund.framework.models import Framework, GuidingPrinciple, Objective, ThematicArea


class InvalidFrameworkData(DomainError):
    code = "invalid_framework"


def shipped_framework_path(code: str) -> Path:
    """The data file shipped in the package for a framework code such as `gcm`."""
    path = Path(str(resources.files("poolfund.framework") / "data" / f"{code}.json"))
    if not path.exists():
        raise InvalidFrameworkData(
            gettext("No framework called '%(code)s' is shipped with PoolFund.") % {"code": code}
        )
    return path


def read_framework_file(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise InvalidFrameworkData(
            gettext("%(path)s: not valid JSON (line %(line)s, column %(column)s): %(error)s")
            % {"path": path, "line": error.lineno, "column": error.colno, "error": error.msg}
        ) from error
    if not isinstance(data, dict):
        raise InvalidFrameworkData(
            gettext("%(path)s: the file must hold one JSON object.") % {"path": path}
        )
    return data


def _repeated(numbers: list[int]) -> list[int]:
    return sorted(number for number, count in Counter(numbers).items() if count > 1)


def framework_data_problems(data: dict[str, Any]) -> list[str]:
    """Every reason the data cannot be a framework; empty when it can."""
    problems = []
    for key in ("code", "name", "short_name", "objectives", "thematic_areas"):
        if key not in data:
            problems.append(gettext("'%(key)s' is missing.") % {"key": key})
    if problems:
        return problems
    kinds = (
        (
            "objectives",
            ("number", "short_label", "title"),
            gettext("The objective at position %(position)s lacks %(fields)s."),
            gettext("Objective number %(number)s is used more than once."),
        ),
        (
            "thematic_areas",
            ("number", "description"),
            gettext("The thematic area at position %(position)s lacks %(fields)s."),
            gettext("Thematic area number %(number)s is used more than once."),
        ),
        (
            "guiding_principles",
            ("number", "name"),
            gettext("The guiding principle at position %(position)s lacks %(fields)s."),
            gettext("Guiding principle number %(number)s is used more than once."),
        ),
    )
    for key, required, lacking, _used_twice in kinds:
        for position, item in enumerate(data.get(key, []), start=1):
            missing = [field for field in required if field not in item]
            if missing:
                problems.append(lacking % {"position": position, "fields": ", ".join(missing)})
    if problems:
        return problems

    for key, _required, _lacking, used_twice in kinds:
        for number in _repeated([item["number"] for item in data.get(key, [])]):
            problems.append(used_twice % {"number": number})

    objective_numbers = [objective["number"] for objective in data["objectives"]]

    areas_of_objective: dict[int, list[int]] = {}
    for area in data["thematic_areas"]:
        for number in area.get("objectives", []):
            areas_of_objective.setdefault(number, []).append(area["number"])
    for number, areas in sorted(areas_of_objective.items()):
        if number not in objective_numbers:
            problems.append(
                gettext("Thematic area %(area)s lists objective %(number)s, which does not exist.")
                % {"area": areas[0], "number": number}
            )
        if len(areas) > 1:
            listed = get_text_list([str(area) for area in areas], gettext("and"))
            problems.append(
                gettext(
                    "Objective %(number)s sits in thematic areas %(areas)s; it may sit in one only."
                )
                % {"number": number, "areas": listed}
            )
    return problems


@transaction.atomic
def load_framework(data: dict[str, Any]) -> Framework:
    """Create or update a framework from its data; loading the same data twice changes nothing."""
    problems = framework_data_problems(data)
    if problems:
        raise InvalidFrameworkData(
            gettext("The framework data is not valid: %(problems)s")
            % {"problems": " ".join(problems)}
        )

    framework, _ = Framework.objects.update_or_create(
        code=data["code"],
        defaults={
            "name": data["name"],
            "short_name": data["short_name"],
            "adopted_by": data.get("adopted_by", ""),
        },
    )
    area_of_objective = {}
    for area_data in data["thematic_areas"]:
        area, _ = ThematicArea.objects.update_or_create(
            framework=framework,
            number=area_data["number"],
            defaults={
                "description": area_data["description"],
                "translations": area_data.get("translations", {}),
            },
        )
        area_of_objective.update({number: area for number in area_data.get("objectives", [])})
    for objective_data in data["objectives"]:
        Objective.objects.update_or_create(
            framework=framework,
            number=objective_data["number"],
            defaults={
                "short_label": objective_data["short_label"],
                "title": objective_data["title"],
                "thematic_area": area_of_objective.get(objective_data["number"]),
                "translations": objective_data.get("translations", {}),
            },
        )
    for principle_data in data.get("guiding_principles", []):
        GuidingPrinciple.objects.update_or_create(
            framework=framework,
            number=principle_data["number"],
            defaults={"name": principle_data["name"]},
        )
    return framework
