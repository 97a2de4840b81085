import pytest

from poolfund.knowledge import services
from poolfund.knowledge.choices import SuggestionVerdict
from poolfund.knowledge.embeddings import MODEL_NAME
from poolfund.knowledge.models import ObjectiveSuggestionFeedback
from poolfund.knowledge.suggestions import (
    HOLD_OUT_PER_OBJECTIVE,
    measure_suggestion_accuracy,
    shipped_labelled_examples,
    split_labelled_examples,
    suggest_objectives,
)

pytestmark = pytest.mark.django_db

# Documented in docs/knowledge.md; chance is 1/23 (4%) for one objective, 3/23 (13%) for three.
ACCURACY_FLOOR = {
    "tfidf": {"top_1": 0.60, "top_3": 0.80, "thematic_area": 0.65},
    MODEL_NAME: {"top_1": 0.70, "top_3": 0.80, "thematic_area": 0.75},
}


def test_hold_out_split_keeps_examples_of_every_objective_apart():
    training, held_out = split_labelled_examples(shipped_labelled_examples())
    assert not set(training) & set(held_out)
    assert len(held_out) == 23 * HOLD_OUT_PER_OBJECTIVE
    assert {number for _, number in held_out} == set(range(1, 24))
    assert split_labelled_examples(shipped_labelled_examples())[1] == held_out


def test_suggestion_accuracy_on_the_hold_out_set_is_above_the_floor(similarity_method):
    accuracy = measure_suggestion_accuracy(similarity_method)
    floor = ACCURACY_FLOOR[similarity_method]
    assert accuracy.top_1 >= floor["top_1"]
    assert accuracy.top_3 >= floor["top_3"]
    assert accuracy.thematic_area >= floor["thematic_area"]


def test_suggestion_names_objectives_and_area_with_confidences(similarity_method):
    suggestions = suggest_objectives(
        "Shelters and legal aid for survivors of human trafficking, and training for police "
        "to identify victims of trafficking in persons."
    )
    assert suggestions.objectives[0].number == 10
    assert suggestions.thematic_area == 3
    confidences = [suggestion.confidence for suggestion in suggestions.objectives]
    assert confidences == sorted(confidences, reverse=True)
    assert 0 < suggestions.thematic_area_confidence <= 1.0000001
    assert all(0 < confidence <= 1 for confidence in confidences)


def test_rejected_objective_is_not_suggested_again_for_the_same_text(contributor):
    text = "Cheaper and faster remittances through mobile money for migrant families."
    assert suggest_objectives(text).objectives[0].number == 20
    services.judge_objective_suggestion(
        actor=contributor, text=text, objective_number=20, accepted=False, confidence=0.9
    )
    assert 20 not in [suggestion.number for suggestion in suggest_objectives(text).objectives]
    feedback = ObjectiveSuggestionFeedback.objects.get()
    assert (feedback.verdict, feedback.objective.number) == (SuggestionVerdict.REJECTED, 20)


def test_accepted_feedback_teaches_later_suggestions(contributor, monkeypatch):
    monkeypatch.setenv("POOLFUND_SEMANTIC_MODEL", "off")
    text = "Zumba classes in the plaza bring neighbours and newcomers together."
    before = suggest_objectives(text).objectives
    for _ in range(3):
        services.judge_objective_suggestion(
            actor=contributor, text=text, objective_number=16, accepted=True
        )
    after = suggest_objectives(text).objectives
    assert after[0].number == 16
    assert after[0].confidence > next(
        (suggestion.confidence for suggestion in before if suggestion.number == 16), 0
    )
