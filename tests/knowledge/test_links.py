"""Practices and lessons name the Joint Programmes and roadmaps they come from; both sides show
the link."""

import pytest

from poolfund.champions.models import Roadmap
from poolfund.knowledge import services
from poolfund.knowledge.services import InvalidExchangeRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap():
    return Roadmap.objects.create(title="Labour mobility roadmap", scope="Seasonal work schemes.")


@pytest.fixture
def linked(contributor, roadmap):
    practice = services.share_practice(
        actor=contributor,
        title="Joint case files for prosecutors",
        problem="Cases were lost at the border.",
        what_was_done="Prosecutors of both countries share one case file.",
        programmes=["AMR-01"],
        roadmaps=[roadmap.pk],
    )
    lesson = services.share_lesson(
        actor=contributor,
        title="Seasonal schemes need consular support",
        problem="Workers lacked documents.",
        what_was_done="Mobile consulates visited farms.",
        lesson="Plan the consular visits before the season starts.",
        roadmaps=[roadmap.pk],
    )
    return practice, lesson


def test_a_practice_and_a_lesson_keep_their_programmes_and_roadmaps(linked, roadmap):
    practice, lesson = linked
    assert [programme.code for programme in practice.programmes.all()] == ["AMR-01"]
    assert list(practice.roadmaps.all()) == [roadmap]
    assert list(roadmap.lessons.all()) == [lesson]


def test_an_unknown_programme_or_roadmap_is_refused_with_its_name(contributor):
    with pytest.raises(InvalidExchangeRecord, match="AMR-99, roadmap 999999"):
        services.share_practice(
            actor=contributor,
            title="Anything",
            problem="Anything",
            what_was_done="Anything",
            programmes=["AMR-99"],
            roadmaps=[999999],
        )


def test_the_programme_roadmap_and_exchange_pages_show_the_links(client, linked, roadmap):
    practice, lesson = linked
    programme_page = client.get("/programmes/AMR-01/").content.decode()
    assert f'href="/knowledge/exchange/#practice-{practice.pk}"' in programme_page
    roadmap_page = client.get(f"/champions/roadmaps/{roadmap.pk}/").content.decode()
    assert f'href="/knowledge/exchange/#practice-{practice.pk}"' in roadmap_page
    assert f'href="/knowledge/exchange/#lesson-{lesson.pk}"' in roadmap_page
    exchange = client.get("/knowledge/exchange/").content.decode()
    assert 'href="/programmes/AMR-01/"' not in exchange  # neither has an objective: not listed
    practice.objectives.set([9])
    exchange = client.get("/knowledge/exchange/").content.decode()
    assert 'href="/programmes/AMR-01/"' in exchange
    assert f'href="/champions/roadmaps/{roadmap.pk}/"' in exchange
