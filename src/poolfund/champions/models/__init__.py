from poolfund.champions.models.forums import Forum, ForumDocument, ForumParticipant, KeyMessage
from poolfund.champions.models.memberships import ChampionMembership, CoChairTerm
from poolfund.champions.models.practices import GoodPractice
from poolfund.champions.models.roadmaps import (
    Roadmap,
    RoadmapActor,
    RoadmapComment,
    RoadmapMilestone,
    RoadmapResult,
)
from poolfund.champions.models.surveys import (
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    SurveyTopic,
)

__all__ = [
    "ChampionMembership",
    "CoChairTerm",
    "Forum",
    "ForumDocument",
    "ForumParticipant",
    "GoodPractice",
    "KeyMessage",
    "Roadmap",
    "RoadmapActor",
    "RoadmapComment",
    "RoadmapMilestone",
    "RoadmapResult",
    "Survey",
    "SurveyAnswer",
    "SurveyQuestion",
    "SurveyResponse",
    "SurveyTopic",
]
