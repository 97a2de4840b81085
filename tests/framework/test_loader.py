import copy
import json

import pytest
from django.core.management import CommandError, call_command

from poolfund.framework.models import Framework, GuidingPrinciple, Objective, ThematicArea
from poolfund.framework.services import (
    InvalidFrameworkData,
    load_framework,
    read_framework_file,
    shipped_framework_path,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def gcm_data():
    return read_framework_file(shipped_framework_path("gcm"))


def test_gcm_has_23_objectives_10_principles_and_5_areas():
    gcm = Framework.objects.get(code="gcm")
    assert gcm.objectives.count() == 23
    assert gcm.guiding_principles.count() == 10
    assert gcm.thematic_areas.count() == 5


def test_objective_23_is_cross_cutting_and_every_other_objective_sits_in_one_area():
    objectives = Objective.objects.filter(framework__code="gcm")
    assert [objective.number for objective in objectives if objective.is_cross_cutting] == [23]
    assert objectives.filter(thematic_area__isnull=False).count() == 22


@pytest.mark.parametrize(
    ("area", "objectives"),
    [
        (1, [1, 3, 17]),
        (2, [2, 7, 8, 12, 13]),
        (3, [9, 10, 11, 14, 21]),
        (4, [5, 6, 18, 19, 20]),
        (5, [4, 15, 16, 22]),
    ],
)
def test_thematic_areas_cluster_the_objectives_of_domain_reference(area, objectives):
    thematic_area = ThematicArea.objects.get(framework__code="gcm", number=area)
    assert sorted(thematic_area.objectives.values_list("number", flat=True)) == objectives


def test_official_titles_are_shown_not_the_brief_labels():
    objective = Objective.objects.get(framework__code="gcm", number=12)
    assert objective.title.startswith("Strengthen certainty and predictability")
    assert objective.short_label == "Screening and referral"


def test_loading_twice_changes_nothing(gcm_data):
    counts = (
        Objective.objects.count(),
        ThematicArea.objects.count(),
        GuidingPrinciple.objects.count(),
    )
    load_framework(gcm_data)
    load_framework(gcm_data)
    assert (
        Objective.objects.count(),
        ThematicArea.objects.count(),
        GuidingPrinciple.objects.count(),
    ) == counts


def test_an_objective_in_two_areas_is_refused_and_nothing_is_written(gcm_data):
    bad = copy.deepcopy(gcm_data)
    bad["code"] = "bad"
    bad["thematic_areas"][1]["objectives"].append(1)
    with pytest.raises(InvalidFrameworkData, match="Objective 1 sits in thematic areas 1 and 2"):
        load_framework(bad)
    assert not Framework.objects.filter(code="bad").exists()


def test_a_repeated_objective_number_is_refused(gcm_data):
    bad = copy.deepcopy(gcm_data)
    bad["code"] = "bad"
    bad["objectives"][1]["number"] = 1
    with pytest.raises(InvalidFrameworkData, match="Objective number 1 is used more than once"):
        load_framework(bad)


def test_an_area_listing_a_missing_objective_is_refused(gcm_data):
    bad = copy.deepcopy(gcm_data)
    bad["code"] = "bad"
    bad["thematic_areas"][0]["objectives"].append(99)
    with pytest.raises(InvalidFrameworkData, match="objective 99, which does not exist"):
        load_framework(bad)


def test_an_objective_without_a_title_is_refused(gcm_data):
    bad = copy.deepcopy(gcm_data)
    del bad["objectives"][4]["title"]
    with pytest.raises(InvalidFrameworkData, match="objective at position 5 lacks title"):
        load_framework(bad)


def test_command_loads_a_file_and_reports_counts(tmp_path, gcm_data, capsys):
    custom = copy.deepcopy(gcm_data)
    custom["code"] = "custom"
    path = tmp_path / "custom.json"
    path.write_text(json.dumps(custom))
    call_command("load_framework", str(path))
    assert "23 objectives, 10 guiding principles, 5 thematic areas" in capsys.readouterr().out
    assert Framework.objects.filter(code="custom").exists()


def test_command_refuses_a_bad_file_with_a_clear_message(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"code": "broken", ')
    with pytest.raises(CommandError, match=r"not valid JSON \(line 1"):
        call_command("load_framework", str(path))


def test_command_refuses_an_unknown_framework_code():
    with pytest.raises(CommandError, match="No framework called 'nope'"):
        call_command("load_framework", "nope")


def test_spanish_titles_are_carried_in_the_data():
    from django.utils import translation

    objective = Objective.objects.get(framework__code="gcm", number=23)
    with translation.override("es"):
        assert objective.localized_title.startswith("Fortalecer la cooperación internacional")
    assert objective.localized_title.startswith("Strengthen international cooperation")
