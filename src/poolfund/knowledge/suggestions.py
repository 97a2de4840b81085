"""Suggesting GCM objectives and a thematic area for free text.

A nearest-centroid classifier: each objective is the mean vector of its labelled texts — its
official title and short label, the labelled examples shipped in `data/labelled_examples.json`,
the records in the database tagged with it, and the suggestions people accepted. A text's cosine
with each centroid, passed through a softmax, is the confidence; an area's confidence is the sum
of its objectives'. Objectives a person rejected for the very same text are not suggested for
it again.

A text's vector is its TF-IDF vector (fitted on the labelled texts) and, with the model, its
sentence embedding beside it, both with equal weight: WordLlama's averaged word vectors alone
place 67% of the held-out examples first, TF-IDF alone 70%, the two together 80% (see
docs/knowledge.md).
"""

from __future__ import annotations

import functools
import json
import random
from dataclasses import dataclass
from importlib import resources

from django.db import connection
from django.db.models import Max

from poolfund.framework.models import Objective
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.knowledge import embeddings
from poolfund.knowledge.choices import SuggestionVerdict
from poolfund.knowledge.indexer import index_version
from poolfund.knowledge.models import KnowledgeDocument, ObjectiveSuggestionFeedback
from poolfund.knowledge.registry import SOURCES
from poolfund.knowledge.similarity import TFIDF, current_method
from poolfund.lazy import lazy_module

np = lazy_module("numpy")

TEMPERATURE = {embeddings.MODEL_NAME: 0.03, TFIDF: 0.05}
"""Softmax temperature per method: the least log-loss on the held-out split (docs/knowledge.md)."""
HOLD_OUT_PER_OBJECTIVE = 2
SPLIT_SEED = 2018

LabelledText = tuple[str, int]


@dataclass(frozen=True)
class ObjectiveSuggestion:
    number: int
    short_label: str
    title: str
    thematic_area: int | None
    confidence: float


@dataclass(frozen=True)
class Suggestions:
    objectives: list[ObjectiveSuggestion]
    thematic_area: int | None
    thematic_area_confidence: float


@functools.cache
def shipped_labelled_examples() -> tuple[LabelledText, ...]:
    data = resources.files("poolfund.knowledge") / "data" / "labelled_examples.json"
    examples = json.loads(data.read_text(encoding="utf-8"))["examples"]
    return tuple((example["text"], example["objective"]) for example in examples)


def brief_programmes() -> list[dict]:
    data = resources.files("poolfund.knowledge") / "data" / "brief_programmes.json"
    return json.loads(data.read_text(encoding="utf-8"))["programmes"]


def split_labelled_examples(
    examples: tuple[LabelledText, ...],
) -> tuple[list[LabelledText], list[LabelledText]]:
    """(training, held out): `HOLD_OUT_PER_OBJECTIVE` examples of each objective, drawn with
    a fixed seed, are held out."""
    by_objective: dict[int, list[LabelledText]] = {}
    for example in examples:
        by_objective.setdefault(example[1], []).append(example)
    generator = random.Random(SPLIT_SEED)
    training, held_out = [], []
    for number in sorted(by_objective):
        group = list(by_objective[number])
        generator.shuffle(group)
        held_out.extend(group[:HOLD_OUT_PER_OBJECTIVE])
        training.extend(group[HOLD_OUT_PER_OBJECTIVE:])
    return training, held_out


@dataclass(frozen=True)
class ObjectiveInfo:
    number: int
    short_label: str
    title: str
    thematic_area: int | None


def gcm_objective_infos() -> list[ObjectiveInfo]:
    return [
        ObjectiveInfo(number, short_label, title, area)
        for number, short_label, title, area in Objective.objects.filter(
            framework__code=DEFAULT_FRAMEWORK_CODE
        )
        .order_by("number")
        .values_list("number", "short_label", "title", "thematic_area__number")
    ]


class ObjectiveClassifier:
    def __init__(
        self, objectives: list[ObjectiveInfo], examples: list[LabelledText], method: str
    ) -> None:
        self.objectives = objectives
        self.method = method
        texts = [f"{info.short_label}. {info.title}" for info in objectives]
        labels = [info.number for info in objectives]
        known = set(labels)
        for text, number in examples:
            if number in known:
                texts.append(text)
                labels.append(number)
        from sklearn.feature_extraction.text import TfidfVectorizer  # heavy: on first use

        self.vectorizer = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, ngram_range=(1, 2), dtype=np.float32
        ).fit(texts)
        vectors = self._vectors(texts)
        label_array = np.asarray(labels)
        centroids = np.vstack(
            [vectors[label_array == info.number].mean(axis=0) for info in objectives]
        )
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        self.centroids = centroids / np.where(norms == 0, 1, norms)

    def _vectors(self, texts: list[str]) -> np.ndarray:
        """Unit-length rows: the TF-IDF vector, with the model also the embedding (each half
        scaled by 1/√2, so that the two count equally in a cosine)."""
        tfidf = self.vectorizer.transform(texts).toarray()
        if self.method == TFIDF:
            return tfidf
        return np.hstack([embeddings.encode(texts), tfidf]) / np.sqrt(2)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        """One row per text, one column per objective (in `self.objectives` order)."""
        logits = self._vectors(texts) @ self.centroids.T / TEMPERATURE[self.method]
        logits -= logits.max(axis=1, keepdims=True)
        weights = np.exp(logits)
        return weights / weights.sum(axis=1, keepdims=True)

    def suggest(self, text: str, *, limit: int = 3, excluded: frozenset = frozenset()):
        return self.suggestions_from(self.probabilities([text])[0], limit=limit, excluded=excluded)

    def suggestions_from(
        self, probabilities: np.ndarray, *, limit: int = 3, excluded: frozenset = frozenset()
    ) -> Suggestions:
        ranked = sorted(zip(self.objectives, probabilities, strict=True), key=lambda pair: -pair[1])
        area_confidence: dict[int, float] = {}
        for info, probability in ranked:
            if info.thematic_area is not None:
                area_confidence[info.thematic_area] = area_confidence.get(
                    info.thematic_area, 0.0
                ) + float(probability)
        best_area = max(area_confidence, key=area_confidence.get, default=None)
        objectives = [
            ObjectiveSuggestion(
                info.number, info.short_label, info.title, info.thematic_area, float(probability)
            )
            for info, probability in ranked
            if info.number not in excluded
        ][:limit]
        return Suggestions(
            objectives, best_area, area_confidence.get(best_area, 0.0) if best_area else 0.0
        )


def database_labelled_texts() -> list[LabelledText]:
    """Texts of indexed work tagged with objectives, and the suggestions people accepted."""
    work_kinds = [kind for kind, source in SOURCES.items() if source.is_work]
    labelled = [
        (f"{title}. {text}", number)
        for title, text, number in KnowledgeDocument.objects.filter(
            kind__in=work_kinds, objectives__isnull=False
        ).values_list("title", "text", "objectives__number")
    ]
    labelled += list(
        ObjectiveSuggestionFeedback.objects.filter(verdict=SuggestionVerdict.ACCEPTED).values_list(
            "text", "objective__number"
        )
    )
    return labelled


_classifiers: dict[tuple, ObjectiveClassifier] = {}


def current_classifier() -> ObjectiveClassifier:
    """The classifier trained on everything labelled now; retrained after any change."""
    feedback = ObjectiveSuggestionFeedback.objects.aggregate(top=Max("id"))
    version = (current_method(), connection.settings_dict["NAME"], index_version(), feedback["top"])
    if version not in _classifiers:
        _classifiers.clear()
        examples = list(shipped_labelled_examples()) + database_labelled_texts()
        _classifiers[version] = ObjectiveClassifier(gcm_objective_infos(), examples, version[0])
    return _classifiers[version]


def suggest_objectives(text: str, *, limit: int = 3) -> Suggestions:
    rejected = frozenset(
        ObjectiveSuggestionFeedback.objects.filter(
            text=text, verdict=SuggestionVerdict.REJECTED
        ).values_list("objective__number", flat=True)
    )
    return current_classifier().suggest(text, limit=limit, excluded=rejected)


@dataclass(frozen=True)
class Accuracy:
    method: str
    held_out: int
    top_1: float
    top_3: float
    thematic_area: float
    brief_programmes: int
    brief_thematic_area: float


def measure_suggestion_accuracy(method: str | None = None) -> Accuracy:
    """Train on the objective texts and the training split only; score the held-out split,
    and the thematic areas of the brief's sixteen funded programmes."""
    method = method or current_method()
    objectives = gcm_objective_infos()
    area_of = {info.number: info.thematic_area for info in objectives}
    training, held_out = split_labelled_examples(shipped_labelled_examples())
    classifier = ObjectiveClassifier(objectives, training, method)
    numbers = np.asarray([info.number for info in objectives])
    probabilities = classifier.probabilities([text for text, _ in held_out])
    top_1 = top_3 = area_hits = area_total = 0
    for row, (_, expected) in zip(probabilities, held_out, strict=True):
        ranked = numbers[np.argsort(-row)]
        top_1 += ranked[0] == expected
        top_3 += expected in ranked[:3]
        if area_of[expected] is not None:
            area_total += 1
            area_hits += classifier.suggestions_from(row).thematic_area == area_of[expected]
    programmes = brief_programmes()
    brief_hits = sum(
        classifier.suggest(programme["text"]).thematic_area == programme["thematic_area"]
        for programme in programmes
    )
    return Accuracy(
        method=method,
        held_out=len(held_out),
        top_1=float(top_1) / len(held_out),
        top_3=float(top_3) / len(held_out),
        thematic_area=area_hits / area_total,
        brief_programmes=len(programmes),
        brief_thematic_area=brief_hits / len(programmes),
    )
