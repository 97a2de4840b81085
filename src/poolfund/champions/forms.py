"""Forms of the champion pages. Roadmap parts are typed one per line, fields split by `|`."""

from datetime import date

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from poolfund.champions.choices import ActorKind, QuestionKind
from poolfund.champions.models import Forum, Survey, SurveyAnswer, SurveyTopic
from poolfund.champions.services.roadmaps import (
    add_roadmap_co_author,
    advance_roadmap_status,
    propose_roadmap_as_concept_note,
)
from poolfund.champions.services.surveys import submit_survey_response
from poolfund.errors import DomainError
from poolfund.framework.models import Objective, ThematicArea
from poolfund.framework.selectors import DEFAULT_FRAMEWORK_CODE
from poolfund.geo.models import Country
from poolfund.programmes.forms import MONEY, ConceptNoteForm
from poolfund.programmes.models import ParticipatingOrganisation


def gcm_objectives_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("GCM objectives"),
        queryset=Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        required=False,
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _split(line: str, parts: int, example: str) -> list[str]:
    values = [value.strip() for value in line.split("|")]
    if len(values) != parts or not all(values[: parts - 1]):
        raise forms.ValidationError(
            _("“%(line)s” should read like “%(example)s”."),
            params={"line": line, "example": example},
        )
    return values


class RoadmapForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.all(), required=False)
    priority_topic = forms.ModelChoiceField(
        label=_("Priority topic"),
        queryset=SurveyTopic.objects.select_related("survey"),
        required=False,
    )
    scope = forms.CharField(label=_("Scope"), widget=forms.Textarea(attrs={"rows": 3}))
    objectives = forms.CharField(
        label=_("Objectives, one per line"), widget=forms.Textarea(attrs={"rows": 3})
    )
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"), queryset=Country.objects.all(), required=False
    )
    gcm_objectives = gcm_objectives_field()
    thematic_area = forms.ModelChoiceField(
        label=_("Thematic area"),
        queryset=ThematicArea.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        required=False,
    )
    actors = forms.CharField(
        label=_("Key actors: kind | name | role, one per line"),
        help_text=", ".join(ActorKind.values),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    results = forms.CharField(
        label=_("Expected results: result | indicator, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    milestones = forms.CharField(
        label=_("Timeline: YYYY-MM-DD | milestone, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def clean_objectives(self) -> list[str]:
        return _lines(self.cleaned_data["objectives"])

    def clean_actors(self) -> list[dict[str, str]]:
        actors = []
        for line in _lines(self.cleaned_data["actors"]):
            kind, name, role = _split(line, 3, "civil-society | RNCOM | takes part in the sessions")
            if kind not in ActorKind.values:
                raise forms.ValidationError(
                    _("“%(kind)s” is not a kind of actor."), params={"kind": kind}
                )
            actors.append({"kind": kind, "name": name, "role": role})
        return actors

    def clean_results(self) -> list[dict[str, str]]:
        return [
            dict(
                zip(
                    ("description", "indicator"), _split(line, 2, "result | indicator"), strict=True
                )
            )
            for line in _lines(self.cleaned_data["results"])
        ]

    def clean_milestones(self) -> list[dict]:
        milestones = []
        for line in _lines(self.cleaned_data["milestones"]):
            day, description = _split(line, 2, "2025-03-31 | first workshop")
            try:
                milestones.append({"due_on": date.fromisoformat(day), "description": description})
            except ValueError:
                raise forms.ValidationError(
                    _("“%(day)s” is not a date of the form YYYY-MM-DD."), params={"day": day}
                ) from None
        return milestones

    @classmethod
    def initial_for_topic(cls, topic: SurveyTopic) -> dict:
        """A new roadmap for a priority topic a survey selected."""
        return {
            "title": topic.title,
            "priority_topic": topic,
            "forum": topic.survey.forum,
            "gcm_objectives": list(topic.objectives.all()),
        }

    @classmethod
    def initial_for(cls, roadmap) -> dict:
        return {
            "title": roadmap.title,
            "forum": roadmap.forum,
            "priority_topic": roadmap.priority_topic,
            "scope": roadmap.scope,
            "objectives": "\n".join(roadmap.objectives),
            "countries": list(roadmap.countries.all()),
            "gcm_objectives": list(roadmap.gcm_objectives.all()),
            "thematic_area": roadmap.thematic_area,
            "actors": "\n".join(f"{a.kind} | {a.name} | {a.role}" for a in roadmap.actors.all()),
            "results": "\n".join(f"{r.description} | {r.indicator}" for r in roadmap.results.all()),
            "milestones": "\n".join(
                f"{m.due_on.isoformat()} | {m.description}" for m in roadmap.milestones.all()
            ),
        }


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))


class GoodPracticeForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="iso3"
    )
    objectives = gcm_objectives_field()
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(
        label=_("Results"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    contact = forms.CharField(label=_("Contact"), max_length=300, required=False)
    links = forms.CharField(
        label=_("Links, one per line"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_links(self) -> list[str]:
        validate = forms.URLField(assume_scheme="https").clean
        return [validate(link) for link in _lines(self.cleaned_data["links"])]


class GoodPracticeSearchForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False)
    objective = forms.ModelChoiceField(
        label=_("GCM objective"),
        queryset=Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE),
        required=False,
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, to_field_name="iso3"
    )


class SurveyForm(forms.Form):
    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.all(), required=False)
    title = forms.CharField(label=_("Title"), max_length=300)
    introduction = forms.CharField(
        label=_("Introduction"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    opens_on = forms.DateField(
        label=_("Opens on"),
        required=False,
        help_text=_("Leave empty to open two months before the forum."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closes_on = forms.DateField(
        label=_("Closes on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    topics = forms.CharField(
        label=_("Topics: title | GCM objective numbers, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    questions = forms.CharField(
        label=_("Questions: kind | question | option; option, one per line"),
        help_text=", ".join(QuestionKind.values),
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_topics(self) -> list[dict]:
        topics = []
        for line in _lines(self.cleaned_data["topics"]):
            title, _sep, numbers = (part.strip() for part in line.partition("|"))
            wanted = [
                int(number) for number in numbers.replace(",", " ").split() if number.isdigit()
            ]
            objectives = list(
                Objective.objects.filter(framework__code=DEFAULT_FRAMEWORK_CODE, number__in=wanted)
            )
            if len(objectives) != len(set(wanted)):
                raise forms.ValidationError(
                    _("“%(line)s” names a GCM objective that does not exist."),
                    params={"line": line},
                )
            topics.append({"title": title, "objectives": objectives})
        return topics

    def clean_questions(self) -> list[dict]:
        questions = []
        for line in _lines(self.cleaned_data["questions"]):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 2 or parts[0] not in QuestionKind.values or not parts[1]:
                raise forms.ValidationError(
                    _("“%(line)s” should read like “single-choice | Which? | Yes; No”."),
                    params={"line": line},
                )
            options = (
                [o.strip() for o in parts[2].split(";") if o.strip()] if len(parts) > 2 else []
            )
            questions.append({"kind": parts[0], "text": parts[1], "options": options})
        return questions


class CountryTermForm(forms.Form):
    """A country and the days of its membership or co-chair term (end left empty: default)."""

    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), to_field_name="iso3"
    )
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CoAuthorForm(forms.Form):
    username = forms.CharField(label=_("User name of a government focal point"), max_length=150)

    def clean_username(self):
        user = get_user_model().objects.filter(username=self.cleaned_data["username"]).first()
        if user is None:
            raise forms.ValidationError(_("No user has that name."), code="invalid")
        return user

    def perform(self, *, actor, roadmap):
        return add_roadmap_co_author(
            actor=actor, roadmap=roadmap, co_author=self.cleaned_data["username"]
        )


class AdvanceForm(forms.Form):
    """The button that moves a roadmap to its next status: no field, only a refusal to show."""

    def perform(self, *, actor, roadmap):
        return advance_roadmap_status(actor=actor, roadmap=roadmap)


BUDGET_LINES = 3


class RoadmapProposalForm(forms.Form):
    """What a concept note needs beyond the roadmap: the split between participating UN
    organisations (the requested budget is its sum), the duration and the three markers."""

    # The same fields, labels and limits as the programme cycle's own concept-note form.
    thematic_area = ConceptNoteForm.base_fields["thematic_area"]
    duration_months = ConceptNoteForm.base_fields["duration_months"]
    gender_marker = ConceptNoteForm.base_fields["gender_marker"]
    human_rights_marker = ConceptNoteForm.base_fields["human_rights_marker"]
    child_sensitivity_marker = ConceptNoteForm.base_fields["child_sensitivity_marker"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for line in range(1, BUDGET_LINES + 1):
            self.fields[f"organisation_{line}"] = forms.ModelChoiceField(
                label=_("Participating UN organisation %(line)s") % {"line": line},
                queryset=ParticipatingOrganisation.objects.all(),
                required=False,
            )
            self.fields[f"amount_{line}"] = forms.DecimalField(
                label=_("Its share (USD)"), required=False, **MONEY
            )

    def budget_lines(self) -> list[tuple[ParticipatingOrganisation, object]]:
        data = self.cleaned_data
        return [
            (data[f"organisation_{line}"], data[f"amount_{line}"] or 0)
            for line in range(1, BUDGET_LINES + 1)
            if data.get(f"organisation_{line}")
        ]

    def service_arguments(self) -> dict:
        names = (
            "thematic_area",
            "duration_months",
            "gender_marker",
            "human_rights_marker",
            "child_sensitivity_marker",
        )
        return {
            **{name: self.cleaned_data[name] for name in names},
            "budget_lines": self.budget_lines(),
        }

    def perform(self, *, actor, roadmap):
        return propose_roadmap_as_concept_note(
            actor=actor, roadmap=roadmap, **self.service_arguments()
        )


class FirstChoiceLinked:
    """A widget of several inputs whose label (and the error summary's link) points at the
    first of them, which exists, rather than at the group's id, which no element has."""

    def id_for_label(self, id_, index=None):
        return f"{id_}_0" if id_ and index is None else super().id_for_label(id_, index)


class OptionRadios(FirstChoiceLinked, forms.RadioSelect):
    pass


class OptionCheckboxes(FirstChoiceLinked, forms.CheckboxSelectMultiple):
    pass


class TopicRankingWidget(forms.MultiWidget):
    """One rank select per topic, named `<question field>-topic-<topic id>`, each with the
    topic's title as its label."""

    template_name = "champions/widgets/topic_ranking.html"

    def __init__(self, topics: list[SurveyTopic]):
        self.topics = topics
        choices = [("", "—"), *((str(n), str(n)) for n in range(1, len(topics) + 1))]
        super().__init__(
            widgets={
                str(topic.pk): forms.Select(
                    choices=choices,
                    attrs={
                        "class": "usa-select",
                        "aria-label": _("Rank of %(topic)s") % {"topic": topic.title},
                    },
                )
                for topic in topics
            }
        )
        # A dict of widgets names them `<name>_<key>`; the page has always sent
        # `question-<id>-topic-<id>`.
        self.widgets_names = [f"-topic-{topic.pk}" for topic in topics]

    def decompress(self, value):
        return value or [None] * len(self.topics)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, topic in zip(context["widget"]["subwidgets"], self.topics, strict=True):
            subwidget["topic"] = topic
        return context

    def id_for_label(self, id_):
        return f"{id_}_0" if id_ else ""


class TopicRankingField(forms.MultiValueField):
    """The ranks given to the topics, cleaned to the topic ids best first."""

    def __init__(self, topics: list[SurveyTopic], **kwargs):
        self.topics = topics
        choices = [(str(n), str(n)) for n in range(1, len(topics) + 1)]
        super().__init__(
            fields=[forms.ChoiceField(choices=choices, required=False) for _topic in topics],
            widget=TopicRankingWidget(topics),
            require_all_fields=False,
            required=False,
            **kwargs,
        )

    def compress(self, data_list) -> list[int]:
        ranks: dict[int, list[int]] = {}
        for topic, rank in zip(self.topics, data_list, strict=False):
            if rank:
                ranks.setdefault(int(rank), []).append(topic.pk)
        if any(len(topics) > 1 for topics in ranks.values()):
            raise forms.ValidationError(_("Give each topic a different rank."), code="invalid")
        return [ranks[rank][0] for rank in sorted(ranks)]


def question_field_name(question) -> str:
    return f"question-{question.pk}"


class SurveyAnswerForm(forms.Form):
    """A country's answers to a survey, one field per question (`question-<id>`; a ranking
    question has one select per topic), filled with the answers the country saved."""

    def __init__(self, *args, survey: Survey, country, **kwargs):
        self.survey = survey
        self.country = country
        self.questions = list(survey.questions.all())
        saved = {
            answer.question_id: answer
            for answer in SurveyAnswer.objects.filter(
                response__survey=survey, response__country=country
            )
        }
        self.answered = bool(saved)
        kwargs.setdefault("auto_id", f"id_{country.iso3}_%s")
        kwargs.setdefault("initial", {})
        topics = list(survey.topics.all())
        super().__init__(*args, **kwargs)
        for question in self.questions:
            name = question_field_name(question)
            label = f"{question.position}. {question.text}{' *' if question.required else ''}"
            answer = saved.get(question.pk)
            chosen = answer.choices if answer else []
            options = [(option, option) for option in question.options]
            if question.kind == QuestionKind.TOPIC_RANKING:
                field = TopicRankingField(
                    topics,
                    label=label,
                    help_text=_(
                        "Give 1 to the most important topic; leave a topic blank to not rank it."
                    ),
                )
                given = {topic_id: rank for rank, topic_id in enumerate(chosen, start=1)}
                initial = [str(given[topic.pk]) if topic.pk in given else "" for topic in topics]
            elif question.kind == QuestionKind.MULTIPLE_CHOICE:
                field = forms.MultipleChoiceField(
                    label=label, choices=options, widget=OptionCheckboxes, required=False
                )
                initial = chosen
            elif question.kind == QuestionKind.SINGLE_CHOICE:
                field = forms.ChoiceField(
                    label=label, choices=options, widget=OptionRadios, required=False
                )
                initial = chosen[0] if chosen else None
            else:
                field = forms.CharField(
                    label=label, widget=forms.Textarea(attrs={"rows": 3}), required=False
                )
                initial = answer.text if answer else ""
            self.fields[name] = field
            self.initial.setdefault(name, initial)

    def answers(self) -> dict[int, object]:
        """What the service takes: per question id, the text, the options or the topic ids."""
        answers: dict[int, object] = {}
        for question in self.questions:
            value = self.cleaned_data.get(question_field_name(question))
            if question.kind == QuestionKind.SINGLE_CHOICE:
                value = [value] if value else []
            answers[question.pk] = value
        return answers

    def perform(self, *, actor):
        try:
            return submit_survey_response(
                actor=actor, survey=self.survey, country=self.country, answers=self.answers()
            )
        except DomainError as error:
            # The service names a question by its id, as the API does; the page's field is
            # `question-<id>`.
            raise type(error)(
                error.message,
                fields={
                    f"question-{name}": message or error.message
                    for name, message in error.fields.items()
                },
            ) from error
