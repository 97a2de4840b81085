"""The message of the Champion Countries Initiative: a survey has opened, to the government
focal points of the countries it invites. Told when a survey is built open, or by
`poolfund send-reminders` on the day it opens."""

from datetime import date

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from poolfund.accounts.choices import Role
from poolfund.accounts.models import User
from poolfund.accounts.selectors import users_holding
from poolfund.champions.models import Survey
from poolfund.inbox.registry import MessageKind, register_message_kind, scheduled_announcement


def focal_points_invited_to(survey: Survey) -> QuerySet[User]:
    from poolfund.champions.selectors import countries_invited_to

    return users_holding(Role.GOVERNMENT_FOCAL_POINT, country__in=countries_invited_to(survey))


SURVEY_OPENED = register_message_kind(
    MessageKind(
        slug="champions.survey-opened",
        label=_("A survey for your country opens"),
        subject=lambda v: gettext("Survey open: %(title)s") % v,
        body=lambda v: (
            gettext(
                "The survey “%(title)s” is open from %(opens_on)s to %(closes_on)s. Your "
                "country's answers are awaited before it closes."
            )
            % v
        ),
        recipients=focal_points_invited_to,
    )
)


def tell_survey_opened(survey: Survey, *, actor=None) -> int:
    """Tell the invited focal points once (whoever asks again, and however often)."""
    from poolfund.inbox.services import notify

    told = notify(
        SURVEY_OPENED.slug,
        about=survey,
        actor=actor,
        key=f"survey-{survey.pk}",
        params={
            "title": survey.title,
            "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat(),
        },
        url=reverse("champions:survey", args=[survey.pk]),
    )
    return len(told)


@scheduled_announcement("champions.surveys-opened")
def announce_open_surveys(today: date) -> int:
    surveys = Survey.objects.filter(opens_on__lte=today, closes_on__gte=today)
    return sum(tell_survey_opened(survey) for survey in surveys)
