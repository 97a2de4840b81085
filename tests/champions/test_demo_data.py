import pytest

from poolfund.champions.demo import load_champions_demo
from poolfund.champions.models import ChampionMembership, CoChairTerm, Forum, KeyMessage

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return (
        ChampionMembership.objects.count(),
        CoChairTerm.objects.count(),
        Forum.objects.count(),
        KeyMessage.objects.count(),
    )


def test_loading_the_demo_twice_changes_nothing():
    before = counts()
    load_champions_demo()
    assert counts() == before == (9, 2, 2, 4 + 4 + 4 + 3)


def test_the_ii_forum_key_messages_are_copied_from_the_source_in_order():
    forum = Forum.objects.get(slug="ii-forum-americas-2024")
    top = list(forum.key_messages.filter(parent__isnull=True).order_by("position"))
    assert [message.text.split()[0:2] for message in top] == [
        ["The", "Global"],
        ["The", "Champion"],
        ["Through", "participatory"],
        ["In", "recognition"],
    ]
    roadmaps_message = top[2].sub_points.order_by("position").first()
    assert roadmaps_message.text == (
        "The roadmaps are a strategic tool, which include the scope, objectives, key actors and "
        "expected results."
    )
