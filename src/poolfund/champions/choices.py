from django.db import models
from django.utils.translation import gettext_lazy as _


class ParticipantKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    ORGANISATION = "organisation", _("Organisation")
    CIVIL_SOCIETY = "civil-society", _("Civil society")


class QuestionKind(models.TextChoices):
    SINGLE_CHOICE = "single-choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple-choice", _("Multiple choice")
    TOPIC_RANKING = "topic-ranking", _("Ranking of the priority topics")
    FREE_TEXT = "free-text", _("Free text")


class SurveyPhase(models.TextChoices):
    NOT_YET_OPEN = "not-yet-open", _("Not yet open")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ActorKind(models.TextChoices):
    COUNTRY = "country", _("Country")
    UN_ORGANISATION = "un-organisation", _("UN organisation")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    DONOR = "donor", _("Donor")
    IFI = "ifi", _("International financial institution")


class RoadmapStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    AGREED = "agreed", _("Agreed")
    IN_PROPOSAL = "in-proposal", _("In proposal")
    FUNDED = "funded", _("Funded")


ROADMAP_NEXT_STATUS = {
    RoadmapStatus.DRAFT: RoadmapStatus.AGREED,
    RoadmapStatus.AGREED: RoadmapStatus.IN_PROPOSAL,
    RoadmapStatus.IN_PROPOSAL: RoadmapStatus.FUNDED,
}
