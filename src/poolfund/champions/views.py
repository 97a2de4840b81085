"""Pages of the Champion Countries Initiative: thin views over selectors and services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from poolfund.accounts.policy import can, require
from poolfund.champions import selectors
from poolfund.champions.charts import topic_ranking_chart_svg
from poolfund.champions.choices import SurveyPhase
from poolfund.champions.exports import roadmap_docx, roadmap_pdf
from poolfund.champions.forms import (
    AdvanceForm,
    CoAuthorForm,
    CommentForm,
    CountryTermForm,
    GoodPracticeForm,
    GoodPracticeSearchForm,
    RoadmapForm,
    RoadmapProposalForm,
    SurveyAnswerForm,
    SurveyForm,
)
from poolfund.champions.models import Roadmap, Survey, SurveyTopic
from poolfund.champions.permissions import focal_point_country_ids
from poolfund.champions.services.memberships import add_champion_membership, appoint_co_chair
from poolfund.champions.services.practices import record_good_practice
from poolfund.champions.services.roadmaps import comment_on_roadmap, create_roadmap, update_roadmap
from poolfund.champions.services.surveys import create_survey
from poolfund.web.data_cache import cache_public_page
from poolfund.web.forms import bound_or_new, performed
from poolfund.web.query import day_in_query


@cache_public_page
def overview(request: HttpRequest) -> HttpResponse:
    return overview_page(request)


def overview_page(request: HttpRequest, bound: Form | None = None) -> HttpResponse:
    """The overview (`bound`, a country-term form just posted that failed, in its place with
    its errors)."""
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
            "term_form": bound_or_new(CountryTermForm, bound),
        },
    )


@require_POST
@login_required
def add_country_term(request: HttpRequest, kind: str) -> HttpResponse:
    """Add a champion membership (`kind` "membership") or appoint a co-chair ("co-chair")."""
    require(request.user, "champions.manage_initiative")
    form = CountryTermForm(request.POST)
    add = appoint_co_chair if kind == "co-chair" else add_champion_membership
    if not performed(form, add, actor=request.user):
        return overview_page(request, bound=form)
    messages.success(request, _("%(country)s added.") % {"country": form.cleaned_data["country"]})
    return redirect("champions:overview")


def forum_detail(request: HttpRequest, slug: str) -> HttpResponse:
    forum = selectors.forums_with_details().filter(slug=slug).first()
    if forum is None:
        raise Http404("No such forum.")
    return render(request, "champions/forum_detail.html", {"forum": forum})


def _answer_forms(request: HttpRequest, survey: Survey, bound: Form | None) -> list:
    """One answer form per country the user answers for, filled with its saved answers (the
    one just posted, with its errors, in its country's place)."""
    country_ids = focal_point_country_ids(request.user)
    return [
        bound_or_new(
            SurveyAnswerForm,
            bound if getattr(bound, "country", None) == country else None,
            survey=survey,
            country=country,
        )
        for country in selectors.countries_invited_to(survey).filter(pk__in=country_ids)
    ]


def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return survey_page(request, pk)


def survey_page(request: HttpRequest, pk: int, bound: Form | None = None) -> HttpResponse:
    """A survey's page (`bound`, answers just posted that were refused, in their country's
    form with their errors; shown even when the survey is no longer open, to say why)."""
    survey = get_object_or_404(Survey.objects.select_related("forum"), pk=pk)
    phase = survey.phase_on(timezone.localdate())
    if phase == SurveyPhase.OPEN:
        answer_forms = _answer_forms(request, survey, bound)
    else:
        answer_forms = [bound] if isinstance(bound, SurveyAnswerForm) else []
    context = {
        "survey": survey,
        "phase": phase,
        "phases": SurveyPhase,
        "topics": survey.topics.prefetch_related("objectives"),
        "answer_forms": answer_forms,
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
    if request.method == "POST" and performed(form, create_survey, actor=request.user):
        return redirect("champions:survey", pk=form.result.pk)
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
    form = SurveyAnswerForm(request.POST, survey=survey, country=country)
    if not performed(form, actor=request.user):
        return survey_page(request, survey.pk, bound=form)
    messages.success(request, _("The answers of %(country)s are saved.") % {"country": country})
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
    return roadmap_page(request, pk)


def roadmap_page(request: HttpRequest, pk: int, bound: Form | None = None) -> HttpResponse:
    """A roadmap's page (`bound`, a form just posted that failed, in its place with its
    errors)."""
    roadmap = get_object_or_404(selectors.roadmaps_with_details(), pk=pk)
    return render(
        request,
        "champions/roadmap_detail.html",
        {
            "roadmap": roadmap,
            "comments": roadmap.comments.select_related("author"),
            "comment_form": bound_or_new(CommentForm, bound),
            "co_author_form": bound_or_new(CoAuthorForm, bound),
            "advance_form": bound_or_new(AdvanceForm, bound),
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
    if roadmap:
        done = request.method == "POST" and performed(
            form, update_roadmap, actor=request.user, roadmap=roadmap
        )
    else:
        done = request.method == "POST" and performed(form, create_roadmap, actor=request.user)
    if done:
        return redirect("champions:roadmap", pk=form.result.pk)
    return render(request, "champions/roadmap_form.html", {"form": form, "roadmap": roadmap})


@require_POST
@login_required
def roadmap_comment(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk)
    require(request.user, "champions.comment_on_roadmap", roadmap)
    form = CommentForm(request.POST)
    if not performed(form, comment_on_roadmap, actor=request.user, roadmap=roadmap):
        return roadmap_page(request, roadmap.pk, bound=form)
    return redirect("champions:roadmap", pk=roadmap.pk)


@require_POST
@login_required
def roadmap_add_co_author(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk)
    require(request.user, "champions.edit_roadmap", roadmap)
    form = CoAuthorForm(request.POST)
    if not performed(form, actor=request.user, roadmap=roadmap):
        return roadmap_page(request, roadmap.pk, bound=form)
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
    if request.method == "POST" and performed(form, actor=request.user, roadmap=roadmap):
        note = form.result
        messages.success(
            request,
            _("Concept note %(reference)s drafted from this roadmap.")
            % {"reference": note.reference},
        )
        return redirect("programmes:concept-note", reference=note.reference)
    return render(request, "champions/roadmap_propose.html", {"form": form, "roadmap": roadmap})


@require_POST
@login_required
def roadmap_advance(request: HttpRequest, pk: int) -> HttpResponse:
    roadmap = get_object_or_404(Roadmap, pk=pk)
    require(request.user, "champions.edit_roadmap", roadmap)
    form = AdvanceForm(request.POST)
    if not performed(form, actor=request.user, roadmap=roadmap):
        return roadmap_page(request, roadmap.pk, bound=form)
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
        if performed(form, record_good_practice, actor=request.user):
            return redirect("champions:practices")
    return render(request, "champions/practice_form.html", {"form": form})
