"""Pages of the Champion Countries Initiative: thin views over selectors and services."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from poolfund.accounts.policy import can, require
from poolfund.champions import selectors, services
from poolfund.champions.charts import topic_ranking_chart_svg
from poolfund.champions.choices import QuestionKind, SurveyPhase
from poolfund.champions.exports import roadmap_docx, roadmap_pdf
from poolfund.champions.forms import (
    CoAuthorForm,
    CommentForm,
    CountryTermForm,
    GoodPracticeForm,
    GoodPracticeSearchForm,
    RoadmapForm,
    RoadmapProposalForm,
    SurveyForm,
)
from poolfund.champions.models import Roadmap, Survey, SurveyAnswer, SurveyTopic
from poolfund.champions.permissions import focal_point_country_ids
from poolfund.errors import DomainError
from poolfund.web.data_cache import cache_public_page
from poolfund.web.forms import show_domain_error
from poolfund.web.query import day_in_query


@cache_public_page
def overview(request: HttpRequest) -> HttpResponse:
    day = day_in_query(request.GET, "date")
    return render(
        request,
        "champions/overview.html",
        {
            "day": day,
            "countries": selectors.champion_countries_on(day),
            "co_chairs": selectors.co_chairs_on(day),
            "rotation": selectors.co_chair_rotation(),
            "forums": selectors.forums_with_details(),
            "surveys": Survey.objects.select_related("forum"),
            "may_build_survey": can(request.user, "champions.build_survey"),
            "may_manage": can(request.user, "champions.manage_initiative"),
            "term_form": CountryTermForm(),
        },
    )


@require_POST
@login_required
def add_country_term(request: HttpRequest, kind: str) -> HttpResponse:
    """Add a champion membership (`kind` "membership") or appoint a co-chair ("co-chair")."""
    require(request.user, "champions.manage_initiative")
    form = CountryTermForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("champions:overview")
    add = services.appoint_co_chair if kind == "co-chair" else services.add_champion_membership
    try:
        add(actor=request.user, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{form.cleaned_data['country']} added.")
    return redirect("champions:overview")


def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    forum = selectors.forums_with_details().filter(slug=slug).first()
    if forum is None:
        raise Http404("No such forum.")
    return render(request, "champions/forum_detail.html", {"forum": forum})


def _answer_values(request: HttpRequest, survey: Survey) -> dict[int, object]:
    """Read the answer form: ranking questions arrive as one rank number per topic."""
    values: dict[int, object] = {}
    for question in survey.questions.all():
        field = f"question-{question.pk}"
        if question.kind == QuestionKind.MULTIPLE_CHOICE:
            values[question.pk] = request.POST.getlist(field)
        elif question.kind == QuestionKind.TOPIC_RANKING:
            ranks = {}
            for topic in survey.topics.all():
                rank = request.POST.get(f"{field}-topic-{topic.pk}", "")
                if rank.isdigit():
                    ranks.setdefault(int(rank), []).append(topic.pk)
            if any(len(topics) > 1 for topics in ranks.values()):
                raise services.SurveyError("Give each topic a different rank.")
            values[question.pk] = [ranks[rank][0] for rank in sorted(ranks)]
        else:
            values[question.pk] = request.POST.get(field, "")
    return values


def _answer_forms(request: HttpRequest, survey: Survey) -> list[dict]:
    """One answer form per country the user answers for, filled with its saved answers."""
    country_ids = focal_point_country_ids(request.user)
    topics = list(survey.topics.all())
    forms = []
    for country in selectors.countries_invited_to(survey).filter(pk__in=country_ids):
        saved = {
            answer.question_id: answer
            for answer in SurveyAnswer.objects.filter(
                response__survey=survey, response__country=country
            )
        }
        rows = []
        for question in survey.questions.all():
            answer = saved.get(question.pk)
            chosen = answer.choices if answer else []
            ranks = {topic_id: rank for rank, topic_id in enumerate(chosen, start=1)}
            rows.append(
                {
                    "question": question,
                    "chosen": chosen,
                    "text": answer.text if answer else "",
                    "topic_ranks": [(topic, ranks.get(topic.pk)) for topic in topics],
                    "rank_choices": range(1, len(topics) + 1),
                }
            )
        forms.append({"country": country, "rows": rows, "answered": bool(saved)})
    return forms


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.select_related("forum"), pk=pk)
    phase = survey.phase_on(timezone.localdate())
    context = {
        "survey": survey,
        "phase": phase,
        "phases": SurveyPhase,
        "topics": survey.topics.prefetch_related("objectives"),
        "answer_forms": _answer_forms(request, survey) if phase == SurveyPhase.OPEN else [],
        "yet_to_answer": None,
        "results": None,
    }
    if can(request.user, "champions.build_survey", survey):
        context["yet_to_answer"] = selectors.countries_yet_to_answer(survey)
    if can(request.user, "champions.view_survey_results", survey):
        results = selectors.survey_results(survey)
        context["results"] = results
        context["may_draft"] = can(request.user, "champions.draft_roadmap")
        if results.ranking:
            context["ranking_chart"] = topic_ranking_chart_svg(results.ranking)
    return render(request, "champions/survey_detail.html", context)


@login_required
def survey_new(request: HttpRequest) -> HttpResponse:
    require(request.user, "champions.build_survey")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.create_survey(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            return redirect("champions:survey", pk=survey.pk)
    return render(request, "champions/survey_form.html", {"form": form})


@require_POST
@login_required
def survey_answer(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(Survey, pk=pk)
    require(request.user, "champions.answer_survey")
    country = get_object_or_404(
        selectors.countries_invited_to(survey), iso3=request.POST.get("country", "")
    )
    require(request.user, "champions.answer_survey", country)
    try:
        services.submit_survey_response(
            actor=request.user,
            survey=survey,
            country=country,
            answers=_answer_values(request, survey),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"The answers of {country} are saved.")
    return redirect("champions:survey", pk=survey.pk)


@cache_public_page
def roadmap_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "champions/roadmap_list.html",
        {
            "roadmaps": selectors.roadmaps_with_details(),
            "may_draft": can(request.user, "champions.draft_roadmap"),
        },
    )


def roadmap_detail(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(selectors.roadmaps_with_details(), pk=pk)
    return render(
        request,
        "champions/roadmap_detail.html",
        {
            "roadmap": roadmap,
            "comments": roadmap.comments.select_related("author"),
            "comment_form": CommentForm(),
            "co_author_form": CoAuthorForm(),
            "may_edit": can(request.user, "champions.edit_roadmap", roadmap),
            "may_comment": can(request.user, "champions.comment_on_roadmap", roadmap),
            "may_propose": may_propose(request.user, roadmap),
        },
    )


@login_required
def roadmap_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk) if pk else None
    if roadmap:
        require(request.user, "champions.edit_roadmap", roadmap)
    else:
        require(request.user, "champions.draft_roadmap")
    if roadmap:
        initial = RoadmapForm.initial_for(roadmap)
    elif request.GET.get("topic", "").isdigit():
        initial = RoadmapForm.initial_for_topic(
            get_object_or_404(SurveyTopic, pk=request.GET["topic"])
        )
    else:
        initial = {}
    form = RoadmapForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if roadmap:
                services.update_roadmap(actor=request.user, roadmap=roadmap, **form.cleaned_data)
            else:
                roadmap = services.create_roadmap(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            show_domain_error(form, error)
        else:
            return redirect("champions:roadmap", pk=roadmap.pk)
    return render(request, "champions/roadmap_form.html", {"form": form, "roadmap": roadmap})


@require_POST
@login_required
def roadmap_comment(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk)
    require(request.user, "champions.comment_on_roadmap", roadmap)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_on_roadmap(
            actor=request.user, roadmap=roadmap, text=form.cleaned_data["text"]
        )
    return redirect("champions:roadmap", pk=roadmap.pk)


@require_POST
@login_required
def roadmap_add_co_author(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk)
    require(request.user, "champions.edit_roadmap", roadmap)
    form = CoAuthorForm(request.POST)
    co_author = (
        get_user_model().objects.filter(username=form.data.get("username", "")).first()
        if form.is_valid()
        else None
    )
    if co_author is None:
        messages.error(request, "No user has that name.")
        return redirect("champions:roadmap", pk=roadmap.pk)
    try:
        services.add_roadmap_co_author(actor=request.user, roadmap=roadmap, co_author=co_author)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("champions:roadmap", pk=roadmap.pk)


def may_propose(user, roadmap: Roadmap) -> bool:
    """Those who edit the roadmap and may draft concept notes (not the FMU: issue 04's rule)."""
    return can(user, "champions.edit_roadmap", roadmap) and can(
        user, "programmes.draft_concept_note"
    )


@login_required
def roadmap_propose(request: HttpRequest, pk: int) -> HttpResponse:
    """Turn the roadmap into a concept-note draft (issue 04's programme cycle)."""
    roadmap = get_object_or_404(selectors.roadmaps_with_details(), pk=pk)
    if not may_propose(request.user, roadmap):
        raise PermissionDenied(
            "You do not have the right to turn this roadmap into a concept note."
        )
    form = RoadmapProposalForm(
        request.POST or None, initial={"thematic_area": roadmap.thematic_area}
    )
    if request.method == "POST" and form.is_valid():
        try:
            note = services.propose_roadmap_as_concept_note(
                actor=request.user, roadmap=roadmap, **form.service_arguments()
            )
        except DomainError as error:
            show_domain_error(form, error)
        else:
            messages.success(request, f"Concept note {note.reference} drafted from this roadmap.")
            return redirect("programmes:concept-note", reference=note.reference)
    return render(request, "champions/roadmap_propose.html", {"form": form, "roadmap": roadmap})


@require_POST
@login_required
def roadmap_advance(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk)
    try:
        services.advance_roadmap_status(actor=request.user, roadmap=roadmap)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("champions:roadmap", pk=roadmap.pk)


def roadmap_export(request: HttpRequest, pk: int, format: str) -> HttpResponse:
    """The roadmap as a proposal document, `format` being pdf or docx."""
    roadmap = get_object_or_404(selectors.roadmaps_with_details(), pk=pk)
    if format == "pdf":
        content, content_type = roadmap_pdf(roadmap), "application/pdf"
    else:
        content = roadmap_docx(roadmap)
        content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="roadmap-{roadmap.pk}.{format}"'
    return response


@cache_public_page
def practice_list(request: HttpRequest) -> HttpResponse:
    search = GoodPracticeSearchForm(request.GET or None)
    filters = search.cleaned_data if search.is_valid() else {}
    practices = selectors.good_practices_matching(
        objective_number=filters["objective"].number if filters.get("objective") else None,
        country_iso3=filters["country"].iso3 if filters.get("country") else "",
        text=filters.get("q", ""),
    )
    return render(
        request,
        "champions/practice_list.html",
        {
            "search": search,
            "practices": practices,
            "may_record": can(request.user, "champions.record_good_practice"),
        },
    )


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    require(request.user, "champions.record_good_practice")
    form = GoodPracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        require(request.user, "champions.record_good_practice", form.cleaned_data["country"])
        services.record_good_practice(actor=request.user, **form.cleaned_data)
        return redirect("champions:practices")
    return render(request, "champions/practice_form.html", {"form": form})
